package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.RawLine;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * events-v1 {@code host}: the syslog header's host name, else the name given for the input (a shipper's
 * host), else the configured one; written and read by the events JSON, absent from older files.
 */
class HostFieldTest {
    private static final Instant REF = Instant.parse("2026-12-31T00:00:00Z");
    private static final String SYSLOG = "Mar 10 08:04:30 server1 lfd[21025]: *Port Scan* detected from 10.144.177.35"
            + " (US/United States/x.example.org). 11 hits in the last 270 seconds - *Blocked in csf* for 3600 secs"
            + " [PS_LIMIT]";
    private static final String EXIM = "2025-03-10 01:23:52 [1074917] dovecot_login authenticator failed for"
            + " (win7) [192.0.2.215]:19977 I=[203.0.113.10]:465 Ci=1074917: 535 Incorrect authentication data"
            + " (set_id=accounts@example.com)";
    private final LineParser configured = new LineParser(TestRules.load(),
            new TimeResolver(ZoneOffset.UTC, 2025), new PasswordRedactor(TestRules.KEY), true, "configured.example");

    private LogEvent event(LineParser p, RawLine raw) {
        Parsed parsed = p.parse(raw, REF);
        assertThat(parsed.status()).as(parsed.toString()).isEqualTo(Parsed.Status.EVENT);
        return parsed.event();
    }

    @Test
    void syslogHeader_namesTheHost_beforeAnyConfiguredName() {
        assertThat(event(configured, new RawLine("lfd.log", 1, SYSLOG)).origin().host()).isEqualTo("server1");
        assertThat(event(configured, new RawLine("lfd.log", 1, SYSLOG, RawLine.UNSCANNED, "shipper.example"))
                .origin().host()).isEqualTo("server1");
        String rfc5424 = "<38>1 2025-03-10T08:04:30Z mx7.example lfd 21025 - - *Port Scan* detected from 10.144.177.35"
                + " (US/United States/x.example.org). 11 hits in the last 270 seconds - *Blocked in csf* for 3600 secs"
                + " [PS_LIMIT]";
        assertThat(event(configured, new RawLine("x", 1, rfc5424)).origin().host()).isEqualTo("mx7.example");
    }

    @Test
    void lineWithoutHeaderHost_takesTheInputsName_elseTheConfiguredOne() {
        assertThat(event(configured, new RawLine("exim_mainlog", 5, EXIM)).origin().host()).isEqualTo("configured.example");
        assertThat(event(configured, new RawLine("exim_mainlog", 5, EXIM, RawLine.UNSCANNED, "web3.example"))
                .origin().host()).isEqualTo("web3.example");
        String noHost = "Mar 10 08:04:30 lfd[21025]: *Port Scan* detected from 10.144.177.35 (US/United States/x)."
                + " 11 hits in the last 270 seconds - *Blocked in csf* for 3600 secs [PS_LIMIT]";
        assertThat(event(configured, new RawLine("x", 1, noHost)).origin().host()).isEqualTo("configured.example");
        assertThat(event(TestRules.parser(ZoneOffset.UTC, 2025), new RawLine("x", 1, EXIM)).origin().host()).isNull();
    }

    @Test
    void json_writesAndReadsHost_andAnOlderEventWithoutOneReadsAsUnknown() {
        EventJson json = new EventJson();
        LogEvent e = event(configured, new RawLine("lfd.log", 1, SYSLOG));
        String text = json.toJson(e);
        assertThat(text).contains("\"host\":\"server1\"");
        // events-v1 carries everything but whether the file was syslog (a parser-side hint for Exim's copies)
        assertThat(e.origin().interleaved()).isTrue();
        assertThat(json.read(text)).usingRecursiveComparison().ignoringFields("origin.interleaved").isEqualTo(e);
        String older = text.replace(",\"host\":\"server1\"", "");
        assertThat(older).doesNotContain("host");
        assertThat(json.read(older).origin().host()).isNull();
        LogEvent unknown = event(TestRules.parser(ZoneOffset.UTC, 2025), new RawLine("x", 1, EXIM));
        assertThat(json.toJson(unknown)).doesNotContain("\"host\"");
    }
}
