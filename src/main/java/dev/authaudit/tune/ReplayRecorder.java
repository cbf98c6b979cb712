package dev.authaudit.tune;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.LogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Keeps, while a replay runs, what the firewall models need: each failed login with how lfd reads its
 * line, each logged drop, and the blocks lfd and fail2ban logged. Events must arrive in time order.
 */
public final class ReplayRecorder implements BiConsumer<LogEvent, String> {
    private final LfdLines lines = new LfdLines();
    private final List<TuneEvent> events = new ArrayList<>();
    private final List<FirewallBlock> lfdBlocks = new ArrayList<>();
    private final List<FirewallBlock> bans = new ArrayList<>();
    // one String per address, not per event: a long replay repeats a few thousand addresses millions of times
    private final Map<String, String> addresses = new HashMap<>();

    /**
     * Records one event.
     *
     * @param line the raw line behind it, or null; only inspected, never kept
     */
    @Override
    public void accept(LogEvent e, String line) {
        if (e.ip() == null) {
            return;
        }
        if (e instanceof AuthFailure f) {
            LfdLines.Verdict v = lines.classify(f, line);
            events.add(new TuneEvent.Failure(f.instant(), address(f.ip()), f.origin().source(), f.attempts(), f.detail(),
                    v.app(), v.reading()));
        } else if (e instanceof FirewallDrop d) {
            events.add(new TuneEvent.Drop(d.instant(), address(d.ip()), d.chain(), d.port(), d.proto(), d.inbound(),
                    d.srcPort()));
        } else if (e instanceof FirewallBlock b) {
            String source = b.origin().source();
            if (source.equals("lfd")) {
                lfdBlocks.add(b);
            } else if (source.equals("fail2ban")) {
                bans.add(b);
            }
        }
    }

    private String address(String ip) {
        return addresses.computeIfAbsent(ip, k -> k);
    }

    /** Returns everything recorded so far. */
    public ReplayLog log() {
        return new ReplayLog(events, lfdBlocks, bans);
    }
}
