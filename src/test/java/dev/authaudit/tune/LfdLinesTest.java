package dev.authaudit.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.testing.TestEvents;
import org.junit.jupiter.api.Test;

class LfdLinesTest {
    private final LfdLines lines = new LfdLines();
    private final TestEvents ev = new TestEvents();

    private AuthFailure dovecot() {
        return ev.failure(TestEvents.T0, "198.51.100.7", "a@example.com").attempts(2).build();
    }

    @Test
    void classify_dovecotDisconnected_countedByEveryBuild() {
        LfdLines.Verdict v = lines.classify(dovecot(), "Jun 13 16:30:54 mx dovecot: imap-login: Disconnected (auth"
                + " failed, 2 attempts in 12 secs): user=<a@example.com>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1");
        assertThat(v).isEqualTo(new LfdLines.Verdict(LfdApp.IMAPD, Reading.COUNTED));
    }

    @Test
    void classify_loginAbortedAndTooManyInvalidCommands_countedBy15xOnly() {
        assertThat(lines.classify(dovecot(), "Jun 12 20:02:23 kvm456 dovecot[996]: pop3-login: Login aborted:"
                + " Connection closed (auth failed, 2 attempts in 14 secs) (auth_failed): user=<a>, method=PLAIN,"
                + " rip=198.51.100.7, lip=192.0.2.1, TLS").reading()).isEqualTo(Reading.COUNTED_BY_15X);
        assertThat(lines.classify(dovecot(), "Jul 26 11:12:19 h dovecot: imap-login: Disconnected: Too many invalid"
                + " commands (auth failed, 1 attempts in 17 secs): user=<t>, method=PLAIN, rip=198.51.100.7")
                .reading()).isEqualTo(Reading.COUNTED_BY_15X);
        assertThat(Reading.COUNTED_BY_15X.countedBy(LfdFlavour.CPANEL_CSF_16)).isFalse();
        assertThat(Reading.COUNTED_BY_15X.countedBy(LfdFlavour.AETHERINOX_15)).isTrue();
    }

    @Test
    void classify_submissionLoginAndDetailLines_notCounted() {
        assertThat(lines.classify(dovecot(), "Aug 29 03:17:18 server dovecot: submission-login: Client has quit the"
                + " connection (auth failed, 1 attempts in 2 secs): user=<user1>, method=LOGIN, rip=198.51.100.7")
                .reading()).isEqualTo(Reading.NOT_COUNTED);
        AuthFailure detail = ev.failure(TestEvents.T0, "198.51.100.7", "a@example.com").detail().build();
        assertThat(lines.classify(detail, "auth-worker(1): sql(a@example.com,198.51.100.7): Password mismatch"))
                .isEqualTo(new LfdLines.Verdict(null, Reading.NOT_COUNTED));
    }

    @Test
    void classify_eximHostWithoutHelo_notCounted() {
        AuthFailure smtp = ev.failure(TestEvents.T0, "198.51.100.40", "a@example.com").smtp().build();
        assertThat(lines.classify(smtp, "2025-01-01 10:00:00 dovecot_login authenticator failed for H=[198.51.100.40]"
                + ":54321: 535 Incorrect authentication data (set_id=a@example.com)").reading())
                .isEqualTo(Reading.NOT_COUNTED);
        assertThat(lines.classify(smtp, "2025-01-01 10:00:00 dovecot_login authenticator failed for H=(mail.example.com)"
                + " [198.51.100.40]:54321: 535 Incorrect authentication data (set_id=a@example.com)"))
                .isEqualTo(new LfdLines.Verdict(LfdApp.SMTPAUTH, Reading.COUNTED));
    }
}
