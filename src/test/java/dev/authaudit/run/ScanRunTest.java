package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.history.DayAggregate;
import dev.authaudit.history.HistoryStore;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.report.ReportDetail;
import dev.authaudit.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan's flow run without the command line, as the fleet runs it: settings in, report and outcome out. */
class ScanRunTest {
    private static final Path REPO = Path.of(System.getProperty("authaudit.repo", "."));
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");

    @TempDir
    Path dir;

    private final StringWriter errText = new StringWriter();

    private ScanRun.Outcome scan(Instant since, boolean history, boolean detail, NoticeSettings notices) {
        ScanInputs inputs = ScanInputs.of(List.of(REPO.resolve("test-fixtures/sample").toString()), null);
        assertThat(inputs.problems()).isEmpty();
        LineParser parser = new LineParser(RuleSet.load(List.of(REPO.resolve("rules"))), new TimeResolver(ZONE, null),
                new PasswordRedactor(new byte[32]));
        Clock wall = Clock.fixed(NOW, ZONE);
        PrintWriter err = new PrintWriter(errText, true);
        Replay replay = new Replay(parser, YearAnchor.of(inputs.logs(), new TimeResolver(ZONE, null)), wall,
                new ByteArrayInputStream(new byte[0]), err, false);
        ScanRun.Settings settings = new ScanRun.Settings(inputs, CorrelationSettings.defaults(), since, null,
                dir.resolve("authaudit.db"), dir, notices, REPO.resolve("rules"), history, detail);
        return new ScanRun(settings, replay, () -> Optional.of("note: zone"), ZONE, wall, err).run();
    }

    @Test
    void sample_reportsItsStalePasswordsAndWritesNothingUnasked() {
        ScanRun.Outcome o = scan(null, false, false, null);

        assertThat(o.findings()).isTrue();
        assertThat(o.report().accounts()).anyMatch(a -> a.verdict() == AccountVerdict.STALE_PASSWORD);
        assertThat(o.inputTrouble()).isFalse();
        assertThat(o.noticeTrouble()).isFalse();
        assertThat(o.report().generatedAt().toInstant()).isEqualTo(NOW);
        assertThat(o.report().generatedAt().getOffset()).isEqualTo(ZONE.getRules().getOffset(NOW));
        assertThat(o.detail()).isSameAs(ReportDetail.EMPTY);
        assertThat(errText.toString()).contains("authaudit: note: zone");
        assertThat(dir.resolve("authaudit.db")).doesNotExist();
    }

    @Test
    void sinceAfterTheLogs_leavesNothingToJudge() {
        ScanRun.Outcome o = scan(Instant.parse("2025-06-01T00:00:00Z"), false, false, null);

        assertThat(o.report().accounts()).isEmpty();
        assertThat(o.findings()).isFalse();
    }

    @Test
    void history_keepsTheDaysOfTheLogs_andDetailIsCollected() {
        ScanRun.Outcome o = scan(null, true, true, null);

        assertThat(o.detail()).isNotSameAs(ReportDetail.EMPTY);
        try (HistoryStore store = HistoryStore.open(dir.resolve("authaudit.db"))) {
            List<DayAggregate> days = store.days(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));
            assertThat(days).extracting(DayAggregate::day).contains(LocalDate.of(2025, 3, 10));
        }
    }

    @Test
    void damagedLedger_reportStillMade_noticesTroubleSaid() throws IOException {
        byte[] junk = new byte[8192];
        new Random(13).nextBytes(junk);
        System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 16);
        Files.write(dir.resolve("authaudit.db"), junk);
        NoticeSettings notices = new NoticeSettings(DeliveryMode.DRAFTS, null,
                new NoticeSettings.Sender("Help <help@example.com>", null, "555-0100", "mail.example.com",
                        "https://example.com/help"), "en", Duration.ofHours(24),
                new NoticeSettings.Recipients(null, false, null, null, true, null), 0.0, 10, null);

        ScanRun.Outcome o = scan(null, false, false, notices);

        assertThat(o.noticeTrouble()).isTrue();
        assertThat(o.findings()).isTrue();
        assertThat(o.report().notices()).isEmpty();
        assertThat(errText.toString()).contains("No notice is decided or sent in this run");
    }
}
