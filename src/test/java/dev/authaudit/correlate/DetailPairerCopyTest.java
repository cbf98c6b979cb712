package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Exim's syslog copy of a 535 against a second attempt, in syslog and in a plain mainlog. */
class DetailPairerCopyTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-07T02:56:44Z");

    private static AuthFailure exim535(String file, long line, boolean syslog, String helo, OffsetDateTime at) {
        return new AuthFailure(at, new Origin("exim", "exim.auth-failed", file, line, "vm", syslog), "127.0.0.6",
                "info@example.com", Protocol.SMTP, 587, FailureReason.PASSWORD_MISMATCH, 1, false, null, null,
                "dovecot_login", helo, "127.0.0.1");
    }

    @Test
    void copyOf_syslogCopyTenLinesLaterBehindParallelConnections_isTheCopy() {
        // real Exim 4.96 through rsyslog: five connections at once, the copy of line 51 arrives at line 61
        assertThat(DetailPairer.copyOf(exim535("maillog", 61, true, "User", T), exim535("maillog", 51, true, "User", T)))
                .isTrue();
    }

    @Test
    void copyOf_syslogLineTooFarOrOtherSecondOrOtherHelo_isAnotherAttempt() {
        AuthFailure first = exim535("maillog", 51, true, "User", T);
        assertThat(DetailPairer.copyOf(exim535("maillog", 51 + DetailPairer.INTERLEAVED_APART + 1, true, "User", T),
                first)).isFalse();
        assertThat(DetailPairer.copyOf(exim535("maillog", 53, true, "User", T.plusSeconds(1)), first)).isFalse();
        assertThat(DetailPairer.copyOf(exim535("maillog", 53, true, "laptop", T), first)).isFalse();
    }

    @Test
    void copyOf_plainMainlogSameSecondTenLinesApart_isASecondAttempt() {
        // a mainlog holds no copies of its own lines: two parallel attempts of a bot stay two
        assertThat(DetailPairer.copyOf(exim535("exim_mainlog", 61, false, "User", T),
                exim535("exim_mainlog", 51, false, "User", T))).isFalse();
        assertThat(DetailPairer.copyOf(exim535("exim_mainlog", 52, false, "User", T),
                exim535("exim_mainlog", 51, false, "User", T))).isTrue();
    }

    @Test
    void copyOf_rejectLogBesideTheMainlog_isTheCopyWhateverTheDistance() {
        assertThat(DetailPairer.copyOf(exim535("exim_rejectlog", 3, false, "User", T),
                exim535("exim_mainlog", 4000, false, "User", T))).isTrue();
    }

    @Test
    void accept_dovecotSummaryBetweenA535AndItsSyslogCopy_copyStillDropped() {
        // real Exim 4.96 and Dovecot 2.3 through rsyslog (RealDaemonsIT): the phone's IMAP session fails with the
        // same stale password in the same second, and Dovecot's summary lands between the 535 and its copy
        java.util.List<Attempt> out = new java.util.ArrayList<>();
        DetailPairer p = new DetailPairer(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(60), out::add,
                false);
        p.accept(exim535("maillog", 98, true, "bobs-phone", T));
        p.accept(new AuthFailure(T, new Origin("dovecot", "dovecot.login-failed", "maillog", 99, "vm", true),
                "127.0.0.6", "info@example.com", Protocol.IMAP, null, FailureReason.PASSWORD_MISMATCH, 1, false, null,
                "APIdjQhiM8R/AAAD", "PLAIN", null, "127.0.0.1"));
        p.accept(exim535("maillog", 100, true, "bobs-phone", T));
        assertThat(p.copies()).isEqualTo(1);
        // a third identical 535 is an attempt again
        p.accept(exim535("maillog", 101, true, "bobs-phone", T));
        assertThat(p.copies()).isEqualTo(1);
    }
}
