package dev.authaudit.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps a hook within its time: lfd kills BLOCK_REPORT after 10 seconds, so the work runs on a daemon
 * thread and the hook returns when the budget is spent, whether or not the work finished. The work
 * asks {@link #remaining()} before anything slow (csf), and the process exits right after, which ends
 * the daemon thread.
 */
public final class HookDeadline {
    /** lfd's 10 s limit less 3 s for the JVM to start and exit on a loaded host. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(7);

    private final Duration budget;
    private final Clock clock;
    private final Instant end;

    /**
     * @param budget how long the work may take from now
     * @param clock the time {@link #remaining()} reads
     */
    public HookDeadline(Duration budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
        this.end = clock.instant().plus(budget);
    }

    /** Returns the time left, never negative. */
    public Duration remaining() {
        Duration d = Duration.between(clock.instant(), end);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Returns the budget. */
    public Duration budget() {
        return budget;
    }

    /**
     * Runs {@code work} and waits at most the budget for it.
     *
     * @return its result, or empty when the budget ran out first
     * @throws Exception what the work threw
     */
    public <T> Optional<T> run(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "authaudit-hook");
        t.setDaemon(true);
        t.start();
        try {
            return Optional.ofNullable(f.get(budget.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
