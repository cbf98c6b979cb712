package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The three shippers' JSON: the line, the shipper's host and file, and when it was read. */
class ShippedLineTest {
    @Test
    void rsyslogVectorFilebeat() {
        ShippedLine r = ShippedLine.read("{\"timestamp\":\"2026-12-06T10:01:00+01:00\",\"host\":\"mx1\",\"file\":\"imuxsock\","
                + "\"message\":\"2026-12-06T10:01:00+01:00 mx1 exim[4]: x\\n\"}");
        assertThat(r).isEqualTo(new ShippedLine("2026-12-06T10:01:00+01:00 mx1 exim[4]: x", "mx1", "imuxsock",
                Instant.parse("2026-12-06T09:01:00Z")));
        ShippedLine v = ShippedLine.read("{\"file\":\"/var/log/exim_mainlog\",\"host\":\"mx2\",\"message\":\"line\","
                + "\"source_type\":\"file\",\"timestamp\":\"2026-12-06T10:05:00.123456Z\"}");
        assertThat(v).isEqualTo(new ShippedLine("line", "mx2", "/var/log/exim_mainlog",
                Instant.parse("2026-12-06T10:05:00.123456Z")));
        ShippedLine f = ShippedLine.read("{\"@timestamp\":\"2026-12-06T10:05:00.123Z\",\"message\":\"line\","
                + "\"host\":{\"name\":\"mx3\"},\"log\":{\"file\":{\"path\":\"/var/log/maillog\"},\"offset\":9}}");
        assertThat(f).isEqualTo(new ShippedLine("line", "mx3", "/var/log/maillog", Instant.parse("2026-12-06T10:05:00.123Z")));
    }

    @Test
    void notALine_orAHostThatIsNoHostName() {
        assertThat(ShippedLine.read("not json")).isNull();
        assertThat(ShippedLine.read("[1,2]")).isNull();
        assertThat(ShippedLine.read("{\"msg\":\"x\"}")).isNull();
        assertThat(ShippedLine.read("{\"message\":{\"a\":1}}")).isNull();
        ShippedLine odd = ShippedLine.read("{\"message\":\"x\",\"host\":\"a b\\u001b[31m\"}");
        assertThat(odd.host()).isNull();
        assertThat(odd.file()).isEqualTo("-");
        assertThat(odd.time()).isNull();
    }
}
