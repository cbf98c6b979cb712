package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One auditor may read several servers' lines (the fleet, {@code byServer}): a line pairs with a detail line,
 * and is taken for Exim's copy of another, only on its own server. One server's run leaves it off: its own files
 * may name it differently.
 */
class DetailPairerHostTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-07T02:56:44Z");

    private static AuthFailure primary(String host, long line) {
        return new AuthFailure(T, new Origin("dovecot", "dovecot.auth-failed", "maillog", line, host, true),
                "198.51.100.7", "info@example.com", Protocol.IMAP, 993, FailureReason.PASSWORD_MISMATCH, 1, false,
                null, "s1", null, null, null);
    }

    private static AuthFailure detail(String host, long line) {
        return new AuthFailure(T.plusSeconds(1), new Origin("dovecot", "dovecot.auth-detail", "maillog", line, host,
                true), "198.51.100.7", "info@example.com", Protocol.IMAP, 993, FailureReason.PASSWORD_MISMATCH, 1,
                true, "fp1", "s1", null, null, null);
    }

    private static AuthFailure exim535(String host) {
        return new AuthFailure(T, new Origin("exim", "exim.auth-failed", "maillog", 51, host, true), "127.0.0.6",
                "info@example.com", Protocol.SMTP, 587, FailureReason.PASSWORD_MISMATCH, 1, false, null, null,
                "dovecot_login", "User", "127.0.0.1");
    }

    private static List<Attempt> pair(boolean byServer, AuthFailure... lines) {
        List<Attempt> out = new ArrayList<>();
        DetailPairer p = new DetailPairer(Duration.ofSeconds(5), Duration.ofSeconds(60), out::add, false,
                (copy, original) -> { }, byServer);
        for (AuthFailure f : lines) {
            p.accept(f);
        }
        p.flushAll();
        return out;
    }

    @Test
    void detailLineOfTheSameServer_isTheSameAttempt() {
        List<Attempt> got = pair(true, primary("mx1", 10), detail("mx1", 11));
        assertThat(got).singleElement().satisfies(a -> {
            assertThat(a.paired()).isTrue();
            assertThat(a.passwordFp()).isEqualTo("fp1");
        });
    }

    @Test
    void detailLineOfAnotherServer_sameAddressLoginAndSession_isAnotherAttempt() {
        List<Attempt> got = pair(true, primary("mx1", 10), detail("mx2", 11));
        assertThat(got).hasSize(2).noneMatch(Attempt::paired);
    }

    @Test
    void oneServersRun_pairsWhateverTheLinesCallTheServer() {
        // a syslog header's host beside the name given for a file without one: still one server
        List<Attempt> got = pair(false, primary("mail", 10), detail("mail.example.com", 11));
        assertThat(got).singleElement().extracting(Attempt::paired).isEqualTo(true);
    }

    @Test
    void identical535OnAnotherServer_isNoSyslogCopy() {
        AuthFailure a = exim535("mx1");
        AuthFailure b = new AuthFailure(a.time(), new Origin("exim", "exim.auth-failed", "maillog", 52, "mx2", true),
                a.ip(), a.account(), a.protocol(), a.port(), a.reason(), 1, false, null, null, "dovecot_login", "User",
                "127.0.0.1");
        assertThat(pair(true, a, b)).hasSize(2);
        assertThat(pair(false, a, b)).as("one server's run: the copy").hasSize(1);
    }
}
