package dev.authaudit.run;

import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.LogEvent;
import dev.authaudit.publish.FleetVerdictFeed;
import dev.authaudit.text.Escape;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What {@code watch --fleet-verdicts} does with the fleet's attacker verdicts: in this version, a dry run. For each
 * address the fleet judged an attacker (and each time its evidence grows) it says what a block hook would do, with
 * the fleet's evidence; it runs nothing. An address that logged in successfully on this server since watch started
 * is a customer here whatever the fleet says, and is named as not acted on.
 */
public final class FleetVerdictHook {
    /** At most this many addresses that logged in here are remembered (the oldest are not forgotten: new ones are). */
    private static final int MAX_LOCAL = 200_000;

    private final FleetVerdictFeed feed;
    private final PrintWriter err;
    private final Set<String> loggedInHere = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> reported = new HashMap<>();

    public FleetVerdictHook(FleetVerdictFeed feed, PrintWriter err) {
        this.feed = feed;
        this.err = err;
    }

    /** Sees each event watch reads (the loop's thread): remembers the addresses that logged in on this server. */
    public void onEvent(LogEvent e) {
        if (e instanceof AuthSuccess s && s.ip() != null && loggedInHere.size() < MAX_LOCAL) {
            loggedInHere.add(s.ip());
        }
    }

    private Thread reader;
    private long rejectedSaid;

    /** Starts reading in a thread of its own, every {@code every}, until {@link #stop}. */
    public void start(Duration every) {
        reader = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    poll(every);
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    // the broker away, say: watch goes on with its own logs and tries again
                    err.println("authaudit: fleet verdicts: " + Escape.line(String.valueOf(e.getMessage()), 300)
                            + "; trying again");
                    err.flush();
                    try {
                        Thread.sleep(every.toMillis());
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }, "authaudit-fleet-verdicts");
        reader.setDaemon(true);
        reader.start();
    }

    /** Stops the reading thread and waits for it (the feed is not to be used by two threads). */
    public void stop() {
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads what the fleet published since the last call (waiting at most {@code timeout}) and says it. */
    public synchronized int poll(Duration timeout) {
        List<FleetVerdictFeed.Attacker> got = feed.poll(timeout);
        int said = 0;
        for (FleetVerdictFeed.Attacker a : got) {
            Long before = reported.get(a.ip());
            if (before != null && before == a.failures()) {
                continue;
            }
            reported.put(a.ip(), a.failures());
            said++;
            String evidence = String.format(Locale.ROOT, "attacker fleet-wide at confidence %.2f, %d failure%s on %d"
                    + " server%s (%s)", a.confidence(), a.failures(), a.failures() == 1 ? "" : "s",
                    a.failuresByHost().size(), a.failuresByHost().size() == 1 ? "" : "s",
                    a.failuresByHost().entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(10)
                            .map(e -> Escape.line(e.getKey(), 64) + " " + e.getValue())
                            .collect(Collectors.joining(", ")) + (a.failuresByHost().size() > 10 ? ", ..." : ""));
            String why = a.reasons().isEmpty() ? "" : "; the fleet says: " + Escape.line(a.reasons().get(0), 300);
            if (loggedInHere.contains(a.ip())) {
                err.println("authaudit: fleet verdict: " + a.ip() + " " + evidence + "; not acted on: it logged in"
                        + " successfully on this server, so it is a customer's address here" + why);
            } else {
                err.println("authaudit: fleet verdict: " + a.ip() + " " + evidence + "; dry run: a block hook would"
                        + " block it (csf -d " + a.ip() + "); nothing was run" + why);
            }
        }
        if (feed.rejected() > rejectedSaid) {
            rejectedSaid = feed.rejected();
            err.println("authaudit: fleet verdicts: " + feed.rejected() + " record(s) on the verdict topic were not"
                    + " verdicts and were dropped");
        }
        err.flush();
        return said;
    }
}
