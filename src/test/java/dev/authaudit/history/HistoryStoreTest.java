package dev.authaudit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.config.ConfigException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    private static final LocalDate DAY = LocalDate.parse("2026-03-31");
    private static final Instant MIDNIGHT = Instant.parse("2026-03-31T04:00:00Z");

    @TempDir
    Path dir;

    private static DayAggregate day(LocalDate d, Instant from, Instant to, long failures) {
        return new DayAggregate(d, "America/New_York", from, to, failures, 10,
                Map.of("stale_password", failures / 2, "unknown_user", failures - failures / 2),
                Map.of("brute_force", 2L), Map.of("drafted", 1L),
                List.of(new TopEntry("bob@example.com", "stale_password", failures / 2, 1)),
                List.of(new TopEntry("203.0.113.9", "attacker", 7, 1)));
    }

    @Test
    void record_sameDayTwice_replacesAndNeverAdds() {
        try (HistoryStore store = HistoryStore.open(dir.resolve("authaudit.db"))) {
            DayAggregate d = day(DAY, MIDNIGHT, MIDNIGHT.plusSeconds(12 * 3600), 40);
            assertThat(store.record(d)).isEqualTo(HistoryStore.Outcome.ADDED);
            assertThat(store.record(d)).isEqualTo(HistoryStore.Outcome.REPLACED);

            assertThat(store.days(DAY, DAY)).containsExactly(d);
        }
    }

    @Test
    void record_lessOfTheDay_keepsTheFullerRecord() {
        try (HistoryStore store = HistoryStore.open(dir.resolve("authaudit.db"))) {
            DayAggregate whole = day(DAY, MIDNIGHT, MIDNIGHT.plusSeconds(86_399), 90);
            DayAggregate tail = day(DAY, MIDNIGHT.plusSeconds(3 * 3600), MIDNIGHT.plusSeconds(86_399), 60);
            store.record(whole);

            assertThat(store.record(tail)).isEqualTo(HistoryStore.Outcome.KEPT);
            assertThat(store.days(DAY, DAY).get(0).failures()).isEqualTo(90);
            // a day that grew (watch recording the day so far) replaces
            DayAggregate morning = day(DAY.plusDays(1), MIDNIGHT.plusSeconds(86_400),
                    MIDNIGHT.plusSeconds(86_400 + 3600), 5);
            DayAggregate noon = day(DAY.plusDays(1), MIDNIGHT.plusSeconds(86_400),
                    MIDNIGHT.plusSeconds(86_400 + 8 * 3600), 15);
            store.record(morning);
            assertThat(store.record(noon)).isEqualTo(HistoryStore.Outcome.REPLACED);
            assertThat(store.days(DAY, DAY.plusDays(5))).extracting(DayAggregate::failures).containsExactly(90L, 15L);
            assertThat(store.latestDay()).isEqualTo(DAY.plusDays(1));
        }
    }

    @Test
    void open_sameFileAsTheNoticeLedger_leavesItsUserVersionAlone() throws Exception {
        Path db = dir.resolve("authaudit.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 1");
        }
        HistoryStore.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             var r = s.executeQuery("PRAGMA user_version")) {
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void open_newerSchema_refusesAndSaysUpgrade() throws Exception {
        Path db = dir.resolve("authaudit.db");
        HistoryStore.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE history_meta SET value = '9' WHERE key = 'schema'");
        }
        assertThatThrownBy(() -> HistoryStore.open(db)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has schema 9").hasMessageContaining("upgrade authaudit");
    }

    @Test
    void summary_period_sumsDaysAndListsMissingOnes() {
        DayAggregate a = day(DAY, MIDNIGHT, MIDNIGHT.plusSeconds(86_399), 40);
        DayAggregate b = day(DAY.plusDays(2), MIDNIGHT.plusSeconds(2 * 86_400), MIDNIGHT.plusSeconds(3 * 86_400 - 1),
                20);

        HistorySummary h = HistorySummary.of(List.of(b, a), DAY.minusDays(1), DAY.plusDays(2),
                OffsetDateTime.parse("2026-04-03T00:00:00Z"), 10);

        assertThat(h.days()).containsExactly(a, b);
        assertThat(h.missing()).containsExactly(DAY.minusDays(1), DAY.plusDays(1));
        assertThat(h.failures()).isEqualTo(60);
        assertThat(h.failuresByVerdict()).containsEntry("stale_password", 30L);
        assertThat(h.blocksByCause()).containsEntry("brute_force", 4L);
        assertThat(h.customers()).containsExactly(new TopEntry("bob@example.com", "stale_password", 30, 2));
        assertThat(h.topAddresses()).containsExactly(new TopEntry("203.0.113.9", "attacker", 14, 2));
    }
}
