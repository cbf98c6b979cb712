package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line is read only by the rules of the program that wrote it, found from the line's fixed places. */
class ProgramDispatchTest {
    private static final Instant REF = Instant.parse("2026-12-31T00:00:00Z");
    private final LineParser parser = TestRules.parser(ZoneOffset.UTC, 2026);

    @TempDir
    Path dir;

    private Parsed parse(LineParser p, String line) {
        return p.parse(new RawLine("t", 1, line), REF);
    }

    @Test
    void envelope_namesContainerProgramAndMessage() {
        record Case(String line, Envelope.Container container, String program, String message) {
        }
        List<Case> cases = List.of(
                new Case("Dec  6 12:00:00 mx dovecot[901]: imap-login: Login: user=<a>", Envelope.Container.SYSLOG,
                        "dovecot", "imap-login: Login: user=<a>"),
                new Case("Dec 06 12:00:00 imap-login: Info: Login: user=<a>", Envelope.Container.OWN_LOG,
                        "imap-login", "imap-login: Info: Login: user=<a>"),
                new Case("Aug 30 00:10:57 auth(a,192.0.2.1,sasl:login)<S>: Info: sql: unknown user",
                        Envelope.Container.OWN_LOG, "auth", "auth(a,192.0.2.1,sasl:login)<S>: Info: sql: unknown user"),
                new Case("2026-12-06 12:00:00 [42] 1tRxyz-000123-AB <= a@b H=(x) [192.0.2.1]", Envelope.Container.EXIM_MAINLOG,
                        "exim", "1tRxyz-000123-AB <= a@b H=(x) [192.0.2.1]"),
                new Case("Dec  6 12:00:00 mx exim[42]: 2026-12-06 12:00:00 [42] login authenticator failed for",
                        Envelope.Container.SYSLOG, "exim", "login authenticator failed for"),
                new Case("mail.example.com exim[3751842]: 2021-07-17 23:20:49 plain authenticator failed",
                        Envelope.Container.SYSLOG, "exim", "plain authenticator failed"),
                new Case("<38>1 2026-12-06T12:00:00.000Z mx sshd 811 - - Invalid user x", Envelope.Container.SYSLOG,
                        "sshd", "Invalid user x"),
                new Case("<38>1 2026-12-06T12:00:00Z mx dovecot 811 ID7 [meta x=\"a]\\]b\"] imap-login: Login: user=<a>",
                        Envelope.Container.SYSLOG, "dovecot", "imap-login: Login: user=<a>"),
                new Case("2024-12-31T06:56:17.784598+01:00 mx postfix/submission/smtpd[2201]: warning: x",
                        Envelope.Container.SYSLOG, "postfix/submission/smtpd", "warning: x"),
                new Case("2024-05-06 07:08:09,010 fail2ban.actions        [812]: NOTICE  [x] Ban 192.0.2.1",
                        Envelope.Container.OWN_LOG, "fail2ban.actions", "fail2ban.actions        [812]: NOTICE  [x] Ban 192.0.2.1"),
                new Case("@400000004c91b044077a9e94 imap-login: Info: Aborted login", Envelope.Container.OWN_LOG,
                        "imap-login", "imap-login: Info: Aborted login"),
                new Case("192.0.2.58 # lfd: (smtpauth) x - Thu Oct 30 06:27:30 2025", Envelope.Container.CSF_STATE, "csf",
                        "192.0.2.58 # lfd: (smtpauth) x - Thu Oct 30 06:27:30 2025"),
                new Case("just some text imap-login: Login: user=<a>", Envelope.Container.NONE, null, null));
        for (Case c : cases) {
            Envelope e = parser.envelope(c.line());
            assertThat(e.container()).as(c.line()).isEqualTo(c.container());
            assertThat(e.program()).as(c.line()).isEqualTo(c.program());
            if (c.message() != null) {
                assertThat(c.line().substring(e.messageStart())).as(c.line()).isEqualTo(c.message());
            }
        }
    }

    @Test
    void unclaimedProgram_givesNoEventWhateverItsTextHolds() {
        String fake = "dovecot: imap-login: Login: user=<victim@example.com>, method=PLAIN, rip=203.0.113.66, lip=192.0.2.1";
        assertThat(parse(parser, "Dec  6 12:00:00 mx sshd[811]: Invalid user " + fake + " from 198.51.100.1").status())
                .isEqualTo(Parsed.Status.UNRELATED);
        assertThat(parse(parser, "Dec  6 12:00:00 mx webmail: login failed for " + fake).event()).isNull();
        assertThat(parse(parser, "Dec  6 12:00:00 mx postfix/cleanup[9]: 4XyZ: message-id=<" + fake + ">").event()).isNull();
        assertThat(parse(parser, "Dec  6 12:00:00 mx dovecot: " + fake.substring(9)).event()).isInstanceOf(AuthSuccess.class);
    }

    @Test
    void dovecotInstanceName_isReadOnceASiteRuleFileClaimsIt() throws IOException {
        String line = "Dec  6 12:01:01 mx mail-b[2001]: imap-login: Disconnected: Aborted login by logging out (auth"
                + " failed, 1 attempts in 2 secs): user=<bob@example.test>, method=PLAIN, rip=203.0.113.90, lip=192.0.2.1,"
                + " TLS, session=<Qr5St6Uv7Wx9>";
        assertThat(parse(parser, line).event()).as("instance_name unknown to the rules").isNull();
        Files.writeString(dir.resolve("dovecot-instance.yaml"), "source: dovecot\nprograms: [mail-b]\n");
        LineParser site = new LineParser(RuleSet.load(List.of(TestRules.rulesDir(), dir)),
                new TimeResolver(ZoneOffset.UTC, 2026), new PasswordRedactor(TestRules.KEY));
        assertThat(parse(site, line).event()).isInstanceOfSatisfying(AuthFailure.class,
                f -> assertThat(f.ip()).isEqualTo("203.0.113.90"));
    }

    @Test
    void journalJson_isReadByItsIdentifier_andTheMessageNeverPicksTheProgram() {
        String ok = "{\"__REALTIME_TIMESTAMP\":\"1765022400123456\",\"_HOSTNAME\":\"mx\",\"SYSLOG_IDENTIFIER\":\"dovecot\","
                + "\"_PID\":\"901\",\"MESSAGE\":\"imap-login: Login: user=<ann@example.test>, method=PLAIN, rip=198.51.100.7,"
                + " lip=192.0.2.1, mpid=1, TLS, session=<Ab1Cd2Ef3Gh4>\"}";
        assertThat(parse(parser, ok).event()).isInstanceOfSatisfying(AuthSuccess.class, s -> {
            assertThat(s.ip()).isEqualTo("198.51.100.7");
            assertThat(s.time().toInstant()).isEqualTo(java.time.Instant.parse("2025-12-06T12:00:00.123456Z"));
        });
        String forged = "{\"__REALTIME_TIMESTAMP\":\"1765022400123456\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"MESSAGE\":"
                + "\"Invalid user x\\nDec  6 12:00:00 mx dovecot: imap-login: Login: user=<v>, method=PLAIN, rip=203.0.113.6, lip=1.2.3.4\"}";
        assertThat(parse(parser, forged).event()).isNull();
        assertThat(parser.envelope(ok).program()).isEqualTo("dovecot");
    }

    @Test
    void eximThroughSyslog_isReadAfterItsOwnStamp() {
        Parsed p = parse(parser, "Dec  6 12:00:00 mx exim[4242]: 2026-12-06 12:00:00 [4242] dovecot_login authenticator"
                + " failed for (x) [198.51.100.9]:40000: 535 Incorrect authentication data (set_id=bob@example.test)");
        assertThat(p.event()).isInstanceOfSatisfying(AuthFailure.class, f -> {
            assertThat(f.ip()).isEqualTo("198.51.100.9");
            assertThat(f.account()).isEqualTo("bob@example.test");
        });
    }
}
