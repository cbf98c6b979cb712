package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallUnblock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One address blocked by two servers' lfd, and lifted on one of them: with one correlator over several servers'
 * lines (the fleet, {@code byServer}), only that server's block is lifted; on one server (its files may name it
 * differently) an unblock lifts the address's latest block whatever name its file gives.
 */
class BlockLiftByServerTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-31T09:00:00Z");
    private static final String IP = "198.51.100.23";

    private static FirewallBlock block(String host, int minute) {
        return new FirewallBlock(T.plusMinutes(minute), new Origin("lfd", "lfd.block", "lfd.log", minute, host), IP,
                null, Protocol.OTHER, null, "LF_SMTPAUTH", 5, 3600, 3600L, false, List.of(), null, "test block");
    }

    private static FirewallUnblock unblock(String host, int minute) {
        return new FirewallUnblock(T.plusMinutes(minute), new Origin("lfd", "lfd.unblock", "lfd.log", minute, host), IP,
                Protocol.OTHER, null, null);
    }

    private static List<BlockEvidence> blocks(boolean byServer, LogEvent... events) {
        EventClock clock = new EventClock(T.toInstant());
        Correlator c = Correlator.builder().settings(CorrelationSettings.defaults()).byServer(byServer)
                .build();
        for (LogEvent e : events) {
            clock.advanceTo(e.instant());
            c.accept(e, clock.millis());
        }
        return c.finish(clock.millis()).blocks();
    }

    @Test
    void byServer_anUnblockLiftsOnlyItsOwnServersBlock() {
        List<BlockEvidence> b = blocks(true, block("mx1", 0), block("mx2", 1), unblock("mx1", 60));
        assertThat(b).hasSize(2);
        assertThat(b.get(0).origin().host()).isEqualTo("mx1");
        assertThat(b.get(0).liftedAt()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
        assertThat(b.get(1).origin().host()).isEqualTo("mx2");
        assertThat(b.get(1).liftedAt()).as("mx2 still blocks the address").isNull();
    }

    @Test
    void oneServer_anUnblockLiftsTheAddresssLatestBlockWhateverItsFileCallsTheServer() {
        List<BlockEvidence> b = blocks(false, block("mail1", 0), unblock("mail1.example.com", 60));
        assertThat(b).hasSize(1);
        assertThat(b.get(0).liftedAt()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    }
}
