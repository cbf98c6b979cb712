package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.DeviceSeen;
import dev.authaudit.act.notice.IncidentKey;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeOutbox;
import dev.authaudit.act.notice.NoticePolicy;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.act.notice.RecipientResolver;
import dev.authaudit.event.Protocol;
import dev.authaudit.testing.CliCall;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code notices} the way Cli will once it registers the command (Cli.java is not ours to edit). */
class NoticesCommandTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path state;

    private CliCall run(String... args) {
        return CliCall.run(Clock.fixed(NOW, ZoneOffset.UTC), args);
    }

    private NoticeRecord record(String account, double confidence) {
        Instant first = NOW.minusSeconds(7200);
        NoticeCandidate c = new NoticeCandidate(account, "stale_password", confidence, NOW.minusSeconds(600), true,
                false, false, null, DeviceSeen.of("203.0.113.7", Protocol.IMAP, 993, "iPhone\u001b[2J"), first,
                NOW.minusSeconds(600), 12, null, IncidentKey.of(account, "203.0.113.7", first));
        try (NoticeLedger l = NoticeLedger.open(state.resolve("authaudit.db"))) {
            return new NoticeOutbox(l, RecipientResolver.mailboxOnly(), NoticePolicy.defaults(),
                    Clock.fixed(NOW.minusSeconds(3600 * 24 * 100), ZoneOffset.UTC)).enqueue(c, DeliveryMode.DRAFTS);
        }
    }

    @Test
    void list_twoNotices_printsStatusLoginAndReason() {
        record("bob@example.com", 0.95);
        record("ann@example.com", 0.4);
        CliCall r = run("notices", "list", "--state", state.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("queued", "bob@example.com", "suppressed", "ann@example.com",
                "confidence 0.40 is below the notice threshold", "2 notices in");
    }

    @Test
    void show_notice_printsDeviceWithoutControlCharacters() {
        NoticeRecord n = record("bob@example.com", 0.95);
        CliCall r = run("notices", "show", "--state", state.toString(), String.valueOf(n.id()));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("login:       bob@example.com", "203.0.113.7", "client 'iPhone?[2J'",
                "to:          bob@example.com (from the mailbox itself)").doesNotContain("\u001b");
    }

    @Test
    void show_unknownId_exits2WithHint() {
        record("bob@example.com", 0.95);
        CliCall r = run("notices", "show", "--state", state.toString(), "99");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no notice 99", "notices list");
    }

    @Test
    void resend_suppressedNotice_exits2WithReason() {
        NoticeRecord n = record("ann@example.com", 0.4);
        CliCall r = run("notices", "resend", "--state", state.toString(), String.valueOf(n.id()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is suppressed and cannot be resent", "below the notice threshold");
    }

    @Test
    void purge_olderThan90Days_deletesDecidedNotices() {
        record("ann@example.com", 0.4);
        CliCall r = run("notices", "purge", "--state", state.toString(), "--older-than", "90d");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("purged 1 notice decided before");
        assertThat(run("notices", "list", "--state", state.toString()).out()).contains("0 notices in");
    }

    @Test
    void list_noLedger_exits2AndSaysWhere() {
        CliCall r = run("notices", "list", "--state", state.resolve("absent").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no notice ledger at", "absent", "--state");
    }
}
