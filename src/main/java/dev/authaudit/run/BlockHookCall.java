package dev.authaudit.run;

import dev.authaudit.act.firewall.FirewallStore;
import dev.authaudit.act.notice.SafeText;
import dev.authaudit.state.StateLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One call of lfd's block hook, which must never break lfd: it returns within its deadline whatever happens,
 * takes turns on the state with the other hooks lfd started at once (each within its own deadline), and
 * records a call that failed or ran out of time in the state, since lfd throws away what the hook prints.
 */
public final class BlockHookCall {
    private final Path db;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param db the state database: its lock, and where a failed call is recorded
     * @param clock the wall clock
     * @param out receives the one-line summary of a call that finished
     * @param err receives why a call failed or gave up
     */
    public BlockHookCall(Path db, Clock clock, PrintWriter out, PrintWriter err) {
        this.db = db;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /**
     * Handles lfd's arguments. Nothing escapes: a failure is printed and recorded.
     *
     * @param budget the time limit, asked first (a limit that cannot be read is recorded like any failure)
     * @param hook builds the hook once the call has its turn on the state (reading rules and csf.conf counts
     *     against the deadline)
     */
    public void handle(List<String> args, Supplier<Duration> budget, Supplier<BlockHook> hook) {
        try {
            HookDeadline deadline = new HookDeadline(budget.get(), clock);
            // lfd may start several hooks at once: they take turns on the state, each within its own deadline
            Optional<String> summary = deadline.run(() -> {
                Duration wait = deadline.remaining().minusMillis(500);
                try (StateLock turn = StateLock.take(db, "hook", "authaudit hook lfd-block",
                        wait.isNegative() ? Duration.ZERO : wait)) {
                    return hook.get().handle(args, deadline::remaining);
                }
            });
            if (summary.isPresent()) {
                out.println("authaudit: " + summary.get());
            } else {
                String gaveUp = "hook gave up after " + deadline.budget().toMillis() + " ms so that lfd is not held"
                        + " up (arguments: " + String.join(" ", args) + ")";
                err.println("authaudit: " + gaveUp + "; the state shows how far it got");
                recordFailure(gaveUp);
            }
        } catch (Exception e) {
            String failed = "hook failed: " + e.getMessage();
            err.println("authaudit: " + SafeText.clean(failed) + " (the block itself is unaffected)");
            recordFailure(failed);
        }
        out.flush();
        err.flush();
    }

    /**
     * Records a call that failed or ran out of time, so that 'hook log' shows it: lfd throws away what
     * the hook prints. Best effort: a state that cannot be written is already reported on stderr.
     */
    private void recordFailure(String what) {
        try (FirewallStore store = FirewallStore.open(db)) {
            store.recordRejected(what, clock.instant());
        } catch (RuntimeException e) {
            err.println("authaudit: cannot record that in " + db + ": " + SafeText.clean(String.valueOf(e.getMessage())));
        }
    }
}
