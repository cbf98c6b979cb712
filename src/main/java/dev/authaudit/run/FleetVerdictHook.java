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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What {@code watch --fleet-verdicts} does with the fleet's attacker verdicts. For each address the fleet judged an
 * attacker (and each time its evidence grows) it says so with the fleet's evidence; without {@code --fleet-act} it
 * says what a block hook would do and runs nothing, with {@code --fleet-act block} it hands the verdict to
 * {@link FleetBlocker}, which blocks (or dry-runs, or refuses) and records. An address that logged in successfully
 * on this server since watch started (the warm-up included), or that this server's logs name as its own address,
 * is never acted on. When the fleet withdraws a verdict it had given, that is said too.
 */
public final class FleetVerdictHook {
    /** At most this many addresses that logged in here are remembered (the oldest are not forgotten: new ones are). */
    private static final int MAX_LOCAL = 200_000;

    private final FleetVerdictFeed feed;
    private final PrintWriter err;
    private final FleetBlocker blocker;
    private final Set<String> loggedInHere = ConcurrentHashMap.newKeySet();
    private final Set<String> serverAddresses = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> reported = new HashMap<>();

    /** A hook that only says what a block hook would do (no {@code --fleet-act}). */
    public FleetVerdictHook(FleetVerdictFeed feed, PrintWriter err) {
        this(feed, err, null);
    }

    /**
     * @param blocker what decides and runs the blocks ({@code --fleet-act block}), or null for the plain dry run
     */
    public FleetVerdictHook(FleetVerdictFeed feed, PrintWriter err, FleetBlocker blocker) {
        this.feed = feed;
        this.err = err;
        this.blocker = blocker;
    }

    /**
     * Sees each event watch reads (the loop's thread): remembers the addresses that logged in on this server, and
     * the addresses of this server the logs name (the {@code local_ip} a client connected to).
     */
    public void onEvent(LogEvent e) {
        if (e instanceof AuthSuccess s) {
            if (s.ip() != null && loggedInHere.size() < MAX_LOCAL) {
                loggedInHere.add(canonical(s.ip()));
            }
            local(s.localIp());
        } else if (e instanceof dev.authaudit.event.AuthFailure f) {
            local(f.localIp());
        }
    }

    private void local(String ip) {
        if (ip != null && serverAddresses.size() < 1000) {
            serverAddresses.add(canonical(ip));
        }
    }

    /** Returns the canonical literal of an address (as the feed and csf write it), or the text when it is none. */
    private static String canonical(String ip) {
        inet.ipaddr.IPAddress a = new inet.ipaddr.IPAddressString(ip).getAddress();
        return a == null ? ip : a.withoutPrefixLength().toCanonicalString();
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
            String ip = canonical(a.ip());
            String named = Escape.line(a.ip(), 64); // a literal, checked by the feed
            if (blocker != null) {
                Optional<String> local = loggedInHere.contains(ip) ? Optional.of("it logged in successfully on this"
                        + " server, so it is a customer's address here")
                        : serverAddresses.contains(ip) ? Optional.of("this server's logs name it as one of its own"
                        + " addresses") : Optional.empty();
                String done;
                try {
                    done = blocker.attacker(a, local);
                } catch (RuntimeException e) {
                    // the state or csf away: said, and tried again when the verdict comes again
                    reported.remove(a.ip());
                    done = "not acted on: " + Escape.line(String.valueOf(e.getMessage()), 300);
                }
                err.println("authaudit: fleet verdict: " + named + " " + evidence + why + "; " + done);
            } else if (loggedInHere.contains(ip)) {
                err.println("authaudit: fleet verdict: " + named + " " + evidence + "; not acted on: it logged in"
                        + " successfully on this server, so it is a customer's address here" + why);
            } else {
                err.println("authaudit: fleet verdict: " + named + " " + evidence + "; dry run: a block hook would"
                        + " block it (csf -d " + named + "); nothing was run" + why);
            }
        }
        for (FleetVerdictFeed.Withdrawn w : feed.withdrawn()) {
            boolean saidBefore = reported.remove(w.ip()) != null;
            Optional<String> done = Optional.empty();
            if (blocker != null) {
                try {
                    done = blocker.withdrawn(w.ip(), w.verdict());
                } catch (RuntimeException e) {
                    done = Optional.of("cannot read or record what this hook did: "
                            + Escape.line(String.valueOf(e.getMessage()), 300));
                }
            }
            if (done.isPresent() || saidBefore) {
                said++;
                err.println("authaudit: fleet verdict withdrawn: " + Escape.line(w.ip(), 64) + " is no longer an"
                        + " attacker fleet-wide (now " + Escape.line(w.verdict(), 40) + ")" + done.map(d -> "; " + d)
                        .orElse("; nothing had been run"));
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
