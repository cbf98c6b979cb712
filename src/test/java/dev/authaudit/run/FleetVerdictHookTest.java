package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import dev.authaudit.publish.FleetVerdictFeed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** watch --fleet-verdicts: a dry run that says what a block hook would do; never about a customer's address here. */
class FleetVerdictHookTest {
    private static final class Feed implements FleetVerdictFeed {
        final Deque<List<Attacker>> batches = new ArrayDeque<>();

        @Override
        public List<Attacker> poll(Duration timeout) {
            return batches.isEmpty() ? List.of() : batches.poll();
        }

        @Override
        public long rejected() {
            return 2;
        }

        @Override
        public void close() {
        }
    }

    private static FleetVerdictFeed.Attacker attacker(String ip, long a, long b) {
        return new FleetVerdictFeed.Attacker(ip, "198.51.100.0/24", 0.9, Map.of("hostA", a, "host\u001b[2JB", b),
                List.of("tried 4 different logins\nFAKE LINE"));
    }

    @Test
    void poll_attackers_dryRunLines_withEvidence_onceEachUntilTheEvidenceGrows_notForALocalCustomer()
            throws Exception {
        Feed feed = new Feed();
        StringWriter said = new StringWriter();
        FleetVerdictHook hook = new FleetVerdictHook(feed, new PrintWriter(said));
        String office = "192.0.2.50";
        hook.onEvent(new AuthSuccess(java.time.OffsetDateTime.parse("2026-12-06T10:00:00Z"),
                new Origin("exim", "exim.login", "exim_mainlog", 1, null, false), office, "carol@example.com",
                Protocol.SMTP, 465, null, "plain", "office", null));
        feed.batches.add(List.of(attacker("198.51.100.23", 2, 2), attacker(office, 1, 1)));
        feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
        feed.batches.add(List.of(attacker("198.51.100.23", 3, 2)));
        assertThat(hook.poll(Duration.ZERO)).isEqualTo(2);
        assertThat(hook.poll(Duration.ZERO)).as("the same verdict again is not news").isZero();
        assertThat(hook.poll(Duration.ZERO)).isEqualTo(1);
        String out = said.toString();
        assertThat(out).contains("fleet verdict: 198.51.100.23 attacker fleet-wide at confidence 0.90, 4 failures on"
                + " 2 servers (host?[2JB 2, hostA 2); dry run: a block hook would block it (csf -d 198.51.100.23);"
                + " nothing was run; the fleet says: tried 4 different logins?FAKE LINE");
        assertThat(out).contains("5 failures on 2 servers");
        assertThat(out).contains("fleet verdict: " + office + " attacker fleet-wide").contains("not acted on: it logged"
                + " in successfully on this server");
        assertThat(out).doesNotContain("csf -d " + office).doesNotContain("\u001b");
        assertThat(out).containsOnlyOnce("2 record(s) on the verdict topic were not verdicts");
    }
}
