package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-file stamp memo must give what parsing each line afresh gives, whatever the neighbours. */
class StampMemoTest {
    private final StampParser stamps = new StampParser();

    @Test
    void find_sequencesOfLines_matchAFreshParse() {
        List<String> lines = List.of(
                "Mar 10 00:00:00 mx dovecot: imap-login: Login: user=<a>",
                "Mar 10 00:00:00 mx dovecot: imap-login: Login: user=<b>",
                "Mar 10 00:00:01 mx dovecot: x",
                "Mar  1 00:00:01 mx dovecot: x",
                "Mar 1 00:00:01 mx dovecot: x",
                "Mar 10 00:00:01.123456 mx dovecot: x",
                "Mar 10 00:00:01",
                "Mar 10 00:00:01 y",
                "2025-03-10 00:00:01 [123] x",
                "2025-03-10 00:00:01 [124] x",
                "2025-03-10 00:00:01 +0200 [124] x",
                "2025-03-10 00:00:01 -0500 x",
                "2025-03-10 00:00:01 -0500 y",
                "2025-03-10 00:00:01 [1] y",
                "2025-03-10 00:00:01.5 y",
                "2025-03-10T00:00:01+01:00 host dovecot: y",
                "2025-03-10T00:00:01+01:00 host dovecot: z",
                "2025-03-10T00:00:01Z host dovecot: z",
                "mail.example.com exim[1]: 2021-07-17 23:20:49 x",
                "mail.example.com exim[1]: 2021-07-17 23:20:49 y",
                "mail.example.com exim[1]: 2021-07-17 23:20:50 y",
                "1364743775|192.0.2.4||in|3600|lfd - x",
                "1364743775|192.0.2.5||in|3600|lfd - x",
                "192.0.2.4|0|1364743775|(smtpauth) x",
                "192.0.2.4|0|1364743776|(smtpauth) x",
                "@400000004c91b044077a9e94 dovecot: x",
                "@400000004c91b044077a9e94 dovecot: y",
                "no stamp here",
                "Mar 10 00:00:01 z");
        // every ordered pair, so each line follows each kind of predecessor
        for (String a : lines) {
            for (String b : lines) {
                LineParser.Memo memo = new LineParser.Memo();
                memo.find(stamps, a);
                assertThat(memo.find(stamps, b)).as(a + " then " + b).isEqualTo(stamps.at(b, 0));
            }
        }
    }

    @Test
    void resolve_sameStampAnotherReference_isResolvedAgain() {
        TimeResolver time = new TimeResolver(ZoneId.of("America/New_York"), null);
        LineParser.Memo memo = new LineParser.Memo();
        Stamp s = memo.find(stamps, "Dec 31 23:59:59 mx dovecot: x");
        Instant jan = Instant.parse("2026-01-02T00:00:00Z");
        Instant dec = Instant.parse("2025-12-31T12:00:00Z");
        assertThat(memo.resolve(time, s, jan)).isEqualTo(time.resolve(s, jan));
        assertThat(memo.resolve(time, s, dec)).isEqualTo(time.resolve(s, dec));
        assertThat(memo.resolve(time, s, jan).getYear()).isEqualTo(2025);
    }
}
