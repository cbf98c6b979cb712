package dev.authaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.SourceRole;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The failures chart colours a failure by what its source is to the login, and counts each attempt once. */
class FailureRoleTest {
    private static AccountAssessment login(AccountVerdict verdict) {
        return new AccountAssessment("info@example.com", verdict, 0.9, null, List.of(), Set.of(), Set.of(), Set.of(),
                Set.of(), null, List.of(), Map.of("10.0.0.1", SourceRole.CUSTOMER, "192.0.2.9", SourceRole.GUESSER),
                null);
    }

    @Test
    void category_followsTheRole_notTheLoginsVerdict() {
        AccountAssessment stale = login(AccountVerdict.STALE_PASSWORD);
        assertThat(ActivityCollector.category(stale, "10.0.0.1")).isEqualTo("stale_password");
        assertThat(ActivityCollector.category(stale, "192.0.2.9")).isEqualTo(HourFailures.GUESSER);
        assertThat(ActivityCollector.category(stale, "198.51.100.3")).isEqualTo(HourFailures.UNKNOWN_SOURCE);
        assertThat(ActivityCollector.category(stale, null)).isEqualTo(HourFailures.UNKNOWN_SOURCE);
        assertThat(ActivityCollector.category(login(AccountVerdict.TARGETED), "198.51.100.3")).isEqualTo("targeted");
    }

    @Test
    void slots_addUpToTheLoginsHour_whenDetailLinesNameNoAddress() {
        AccountTrack t = new AccountTrack();
        long hour = 480_000L * 3600;
        for (int i = 0; i < 5; i++) {
            t.failure(hour + i * 60, "10.0.0.1", 1, false); // the primary line names the address
            t.failure(hour + i * 60, null, 1, true); // its detail line does not
        }
        t.failure(hour + 3600, null, 1, true); // an hour with a detail line only
        long total = t.slotHourly().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue)
                .sum();
        long login = t.hours.hourly().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(login).isEqualTo(6);
        assertThat(t.slotHourly().get(0)).containsEntry(480_000L, 5L);
    }
}
