package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StampParserTest {
    private final StampParser parser = new StampParser();

    @Test
    void find_eximStampWithMillisAndPid_readsTimeAndEndsBeforePid() {
        String line = "2020-05-12 17:31:41.630 [23229] auth_login authenticator failed";
        Stamp s = parser.find(line);
        assertThat(s.local()).isEqualTo(LocalDateTime.of(2020, 5, 12, 17, 31, 41, 630_000_000));
        assertThat(s.hasYear()).isTrue();
        assertThat(s.offset()).isNull();
        assertThat(line.substring(s.end())).startsWith("[23229] auth_login");
    }

    @Test
    void find_eximStampWithZone_keepsOffset() {
        Stamp s = parser.find("2024-03-21 19:26:06 -0400 dovecot_login authenticator failed");
        assertThat(s.offset()).isEqualTo(ZoneOffset.ofHours(-4));
    }

    @Test
    void find_fail2banCommaMillis_reads() {
        Stamp s = parser.find("2006-02-13 15:52:30,388 fail2ban.actions: NOTICE [sendmail] Ban 192.0.2.4");
        assertThat(s.local()).isEqualTo(LocalDateTime.of(2006, 2, 13, 15, 52, 30, 388_000_000));
    }

    @Test
    void find_rfc3339_readsOffsetAndFraction() {
        Stamp s = parser.find("2024-12-31T06:56:17.784598+01:00 host dovecot: imap-login: Login");
        assertThat(s.local()).isEqualTo(LocalDateTime.of(2024, 12, 31, 6, 56, 17, 784_598_000));
        assertThat(s.offset()).isEqualTo(ZoneOffset.ofHours(1));
    }

    @Test
    void find_syslogPaddedSingleDigitAndZeroDay_allRead() {
        assertThat(parser.find("Mar  3 11:29:35 vps lfd[4242]: x").local().getDayOfMonth()).isEqualTo(3);
        assertThat(parser.find("Mar 03 11:29:35 vps lfd[4242]: x").local().getDayOfMonth()).isEqualTo(3);
        assertThat(parser.find("Aug 3 15:30:49 mail postfix/smtpd[1]: x").local().getDayOfMonth()).isEqualTo(3);
        Stamp s = parser.find("Mar 31 11:29:35 vps lfd[4242]: x");
        assertThat(s.hasYear()).isFalse();
        assertThat(s.local().getMonthValue()).isEqualTo(3);
    }

    @Test
    void find_syslogFeb29_isKeptForTheResolver() {
        assertThat(parser.find("Feb 29 10:00:00 host x: y")).isNotNull();
    }

    @Test
    void find_tai64n_isAbsolute() {
        Stamp s = parser.find("@400000004c91b044077a9e94 imap-login: Info: Aborted login");
        assertThat(s.instant()).isEqualTo(Instant.parse("2010-09-16T05:51:00Z").plusNanos(0x077a9e94));
    }

    @Test
    void find_journalLineWithEmbeddedEximStamp_findsIt() {
        Stamp s = parser.find("mail.example.com exim[3751842]: 2021-07-17 23:20:49 plain_server authenticator");
        assertThat(s.local()).isEqualTo(LocalDateTime.of(2021, 7, 17, 23, 20, 49));
    }

    @Test
    void find_isoWithTButNoOffset_isLocalTime() {
        // some syslog templates write RFC 3339 without the offset; --tz then gives the zone
        Stamp s = parser.find("2016-10-05T03:36:01.784373 www3 fail2ban.actions[15964]: NOTICE [sshd] Ban 192.0.2.5");
        assertThat(s.local()).isEqualTo(LocalDateTime.of(2016, 10, 5, 3, 36, 1, 784_373_000));
        assertThat(s.offset()).isNull();
        assertThat(s.hasYear()).isTrue();
    }

    @Test
    void find_noStamp_returnsNull() {
        assertThat(parser.find("host fail2ban[15699]: [postfix-sasl] Ban 192.0.2.3")).isNull();
        assertThat(parser.find("")).isNull();
        assertThat(parser.find("Mar")).isNull();
        assertThat(parser.find("2024-13-45 99:99:99 nonsense")).isNull();
        assertThat(parser.find("Foo 12 10:00:00 host")).isNull();
    }
}
