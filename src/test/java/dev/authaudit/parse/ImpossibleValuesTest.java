package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.ingest.RawLine;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Times and values that cannot be are counted as unusable and named, never bent into others. */
class ImpossibleValuesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String DOVECOT = " h dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs):"
            + " user=<a@example.com>, method=PLAIN, rip=%s, lip=192.0.2.1, session=<x>";

    private LineParser parser(Integer year) {
        return new LineParser(TestRules.load(), new TimeResolver(ZoneOffset.UTC, year, InstantSource.fixed(NOW)),
                new PasswordRedactor(TestRules.KEY));
    }

    private static Parsed parse(LineParser p, String line, Instant reference) {
        return p.parse(new RawLine("maillog", 1, line), reference);
    }

    @Test
    void feb29_inANonLeapInferredYear_isUntimedAndNamedNotMovedToFeb28() {
        Parsed p = parse(parser(null), "Feb 29 10:00:00" + DOVECOT.formatted("203.0.113.4"),
                Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(p.status()).isEqualTo(Parsed.Status.UNTIMED);
        assertThat(p.problem()).contains("Feb 29 does not exist in 2025");
        Parsed fixed = parse(parser(2025), "Feb 29 10:00:00" + DOVECOT.formatted("203.0.113.4"), NOW);
        assertThat(fixed.status()).isEqualTo(Parsed.Status.UNTIMED);
        Parsed leap = parse(parser(null), "Feb 29 10:00:00" + DOVECOT.formatted("203.0.113.4"),
                Instant.parse("2024-03-10T00:00:00Z"));
        assertThat(leap.status()).isEqualTo(Parsed.Status.EVENT);
        assertThat(leap.event().time().toString()).isEqualTo("2024-02-29T10:00Z");
    }

    @Test
    void lineFarInTheFuture_isUntimedAndNamed() {
        String exim = "2099-01-01 00:00:00 dovecot_login authenticator failed for (x) [203.0.113.4]:55379: 535"
                + " Incorrect authentication data (set_id=a@example.com)";
        Parsed p = parse(parser(null), exim, NOW);
        assertThat(p.status()).isEqualTo(Parsed.Status.UNTIMED);
        assertThat(p.problem()).contains("dated 2099-01-01T00:00Z", "from the future");
        Parsed today = parse(parser(null), exim.replace("2099-01-01", "2026-06-01"), NOW);
        assertThat(today.status()).isEqualTo(Parsed.Status.EVENT);
    }

    @Test
    void unspecifiedAddressAsClient_isInvalidAndNamed() {
        for (String ip : new String[] {"::", "0.0.0.0"}) {
            Parsed p = parse(parser(2026), "May 30 10:00:00" + DOVECOT.formatted(ip), NOW);
            assertThat(p.status()).as(ip).isEqualTo(Parsed.Status.INVALID);
            assertThat(p.problem()).contains("'" + ip + "' is the unspecified address");
        }
    }

    @Test
    void portOutOfRange_isInvalidAndNamed() {
        String kernel = "May 30 10:00:00 h kernel: Firewall: *TCP_IN Blocked* IN=eth0 OUT= MAC=00 SRC=203.0.113.4"
                + " DST=192.0.2.1 LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=1 DF PROTO=TCP SPT=4444 DPT=99999 WINDOW=1"
                + " RES=0x00 SYN URGP=0";
        Parsed drop = parse(parser(2026), kernel, NOW);
        assertThat(drop.status()).as(drop.toString()).isEqualTo(Parsed.Status.INVALID);
        assertThat(drop.problem()).contains("port 99999 is out of range");
        Parsed source = parse(parser(2026), kernel.replace("SPT=4444 DPT=99999", "SPT=99999 DPT=587"), NOW);
        assertThat(source.status()).isEqualTo(Parsed.Status.INVALID);
        assertThat(source.problem()).contains("source port 99999 is out of range");
        assertThat(parse(parser(2026), kernel.replace("DPT=99999", "DPT=587"), NOW).status())
                .isEqualTo(Parsed.Status.EVENT);
    }
}
