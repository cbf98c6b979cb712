package dev.authaudit.act.firewall;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what {@link ActionPolicy} decided: records skipped decisions with their reason, records
 * chosen ones as a dry run unless running csf is enabled, and otherwise runs them within the time left.
 * Lift runs before allow, and an allow is not tried when the lift failed. Every decision is stored
 * before the next one starts, so a hook killed half-way leaves an honest record.
 */
public final class ActionExecutor {
    private static final Logger log = LoggerFactory.getLogger(ActionExecutor.class);
    /** Never start csf with less time left than this: it would be killed half-way. */
    static final Duration MIN_TIME = Duration.ofMillis(500);

    private final FirewallStore store;
    private final Csf csf;
    private final Duration csfTimeout;
    private final Clock clock;

    /**
     * Creates an executor.
     *
     * @param store where decisions are recorded
     * @param csf what runs csf (only used when the policy executes)
     * @param csfTimeout the longest one csf command may take
     * @param clock the decision time
     */
    public ActionExecutor(FirewallStore store, Csf csf, Duration csfTimeout, Clock clock) {
        this.store = store;
        this.csf = csf;
        this.csfTimeout = csfTimeout;
        this.clock = clock;
    }

    /**
     * Records and, when {@code execute}, runs the plans for block {@code blockId}.
     *
     * @param remaining the time left before the hook must return
     * @return the records, in order
     */
    public List<ActionRecord> carryOut(long blockId, String ip, List<PlannedAction> plans, boolean execute,
                                       Supplier<Duration> remaining) {
        List<ActionRecord> out = new ArrayList<>(plans.size());
        boolean liftFailed = false;
        for (PlannedAction p : plans) {
            if (!p.chosen()) {
                out.add(store.recordAction(blockId, ip, p, ActionStatus.SKIPPED, null, clock.instant()));
                continue;
            }
            if (!execute) {
                out.add(store.recordAction(blockId, ip, p, ActionStatus.DRY_RUN, null, clock.instant()));
                continue;
            }
            if (liftFailed) {
                out.add(store.recordAction(blockId, ip, new PlannedAction(p.kind(), p.action(), p.reason()
                        + "; not tried because the lift failed"), ActionStatus.SKIPPED, null, clock.instant()));
                continue;
            }
            Duration left = remaining.get().minus(MIN_TIME);
            if (left.compareTo(MIN_TIME) < 0) {
                out.add(store.recordAction(blockId, ip, new PlannedAction(p.kind(), p.action(), p.reason()
                        + "; not run: too little time left before lfd kills the hook"), ActionStatus.SKIPPED, null,
                        clock.instant()));
                continue;
            }
            Duration timeout = left.compareTo(csfTimeout) < 0 ? left : csfTimeout;
            ActionOutcome o = csf.run(p.action(), timeout);
            log.info("{}: {} (exit {})", p.action().display(), o.status().word(), o.exitCode());
            out.add(store.recordAction(blockId, ip, p, o.status(), o, clock.instant()));
            liftFailed |= p.kind() == ActionKind.LIFT && o.status() != ActionStatus.DONE;
        }
        return out;
    }
}
