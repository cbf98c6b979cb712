package dev.authaudit.run;

import dev.authaudit.publish.FleetVerdictFeed;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A fleet verdict feed that hands out the batches and withdrawals a test queued, one of each per poll. */
final class ScriptedVerdictFeed implements FleetVerdictFeed {
    final Deque<List<Attacker>> batches = new ArrayDeque<>();
    final Deque<List<Withdrawn>> withdrawals = new ArrayDeque<>();
    private List<Withdrawn> last = List.of();

    @Override
    public List<Attacker> poll(Duration timeout) {
        last = withdrawals.isEmpty() ? List.of() : withdrawals.poll();
        return batches.isEmpty() ? List.of() : batches.poll();
    }

    @Override
    public List<Withdrawn> withdrawn() {
        return last;
    }

    @Override
    public long rejected() {
        return 0;
    }

    @Override
    public void close() {
    }
}
