package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.act.firewall.ActionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hook log shows what watch --fleet-act decided, newest first, escaped. */
class FleetActionLogTest {
    @TempDir
    Path dir;

    @Test
    void lines_summaryThenEachDecisionNewestFirst_withCommandOutcomeAndEvidence() {
        Instant t = Instant.parse("2026-12-07T09:00:00Z");
        try (FleetActionStore store = FleetActionStore.open(dir.resolve("authaudit.db"))) {
            assertThat(FleetActionLog.lines(store, t, ZoneOffset.UTC, 50)).isEmpty();
            FleetActionStore.Row b = store.record(t, "198.51.100.23", FleetActionStore.Kind.BLOCK, ActionStatus.FAILED,
                    t.plus(Duration.ofHours(24)), 4, 2, "csf -td 198.51.100.23 86400 \"authaudit fleet attacker\"",
                    "attacker fleet-wide at confidence 0.90, 4 failures on 2 servers (hostA 2, hostB 2)");
            store.finish(b, ActionStatus.DONE, 0, "ok");
            store.record(t.plusSeconds(60), "10.1.2.3", FleetActionStore.Kind.REFUSED, ActionStatus.SKIPPED, null, 2, 1,
                    null, "never blocked here: it is a private address \u001b[2J");
            List<String> lines = FleetActionLog.lines(store, t, ZoneOffset.UTC, 50);
            assertThat(lines.get(0)).isEqualTo("watch --fleet-act since 2026-12-07 09:00:00: 1 block run, 0 dry runs,"
                    + " 1 refused, 0 lifts, 0 left to their TTL or void");
            assertThat(lines.subList(1, lines.size())).containsExactly("",
                    "  2026-12-07 09:01:00  fleet #2  10.1.2.3  refused skipped",
                    "      never blocked here: it is a private address ?[2J",
                    "",
                    "  2026-12-07 09:00:00  fleet #1  198.51.100.23  block done until 2026-12-08 09:00:00: csf -td"
                            + " 198.51.100.23 86400 \"authaudit fleet attacker\" (exit 0)",
                    "      attacker fleet-wide at confidence 0.90, 4 failures on 2 servers (hostA 2, hostB 2)");
            assertThat(FleetActionLog.lines(store, t, ZoneOffset.UTC, 1).get(0)).endsWith("(the latest 1 shown;"
                    + " --limit shows more)");
        }
    }
}
