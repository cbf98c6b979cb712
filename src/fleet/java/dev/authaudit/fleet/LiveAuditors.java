package dev.authaudit.fleet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.OutsideFacts;
import dev.authaudit.correlate.CorrelationStore;
import dev.authaudit.event.LogEvent;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A live {@link Auditor} per busy key an instance judges, so a judgement feeds it only the events that came since
 * the last one instead of re-auditing all of the key's retained events. Derived state, like {@link EventCache}: the
 * stores stay the source of truth, and a judgement through a live auditor gives exactly what a re-audit of the
 * same events gives ({@link Auditor#fork}, {@code AuditorJudgeTest}, {@code FleetJudgeCacheTest}).
 *
 * <p>The live auditor is fed only <em>settled</em> events: older than the task's stream time minus the grace
 * period, so no event can still arrive before them (a later one is dropped as late). Each judgement feeds it the
 * settled events it has not seen, forks it with the judgement's outside facts (which only classification reads),
 * feeds the fork the unsettled rest and finishes the fork. It is made again by a re-audit of the settled events
 * when it is missing (never made, evicted, dropped with its task), when the events it was fed are no longer the
 * start of the key's events (pruned by the retention, or a store restored or loaded) or when its correlator's
 * tables evicted anything (a fork's finish is exact only without evictions). A judgement over fewer events than
 * it was fed (a notice period closed earlier) re-audits and leaves it as it is. Keys with fewer than
 * {@link #MIN_EVENTS} events are re-audited: cheap, and an auditor's empty tables cost memory of their own.
 *
 * <p>Bounded by the events fed (plus {@link #OVERHEAD} per auditor), least recently used keys out first. One instance
 * serves every task: each task's keys sit under its namespace, dropped when its processor starts and closes. Not
 * thread-safe per key: a key belongs to one task, which one stream thread runs at a time.
 */
final class LiveAuditors {
    /**
     * The events fed at most by default, over all keys. Measured (docs/fleet.md): a live auditor holds 2.4 MB fed 2,000
     * events of a busy /24, 9.6 MB fed 100,000 (about 800 and 95 bytes per unit of weight), and about 1.8 KB per event
     * when every event names a new login; so 250,000 is at most about 200 MB while logins repeat.
     */
    static final long DEFAULT_EVENTS = 250_000;
    /** Keys with fewer events are re-audited at each judgement. */
    static final int MIN_EVENTS = 2_000;
    /** What an auditor's own tables weigh, in events (its address table alone counts arrivals in 256 KB). */
    static final int OVERHEAD = 1_000;

    private final long maxEvents;
    private final int minEvents;
    private final Cache<String, Live> held;
    private final LongAdder rebuilds = new LongAdder();
    private final LongAdder judgements = new LongAdder();

    /** One key's live auditor: the settled events it was fed, known by their count, first and last. */
    private static final class Live {
        final Auditor auditor;
        int fed;
        LogEvent first;
        LogEvent last;

        Live(Auditor auditor) {
            this.auditor = auditor;
        }

        /** Whether the events fed are the start of {@code events} (in the order a re-audit feeds them). */
        boolean startOf(List<LogEvent> events) {
            return fed > 0 && fed <= events.size() && events.get(0).equals(first) && events.get(fed - 1).equals(last);
        }

        void feed(List<LogEvent> events, int to) {
            for (int i = fed; i < to; i++) {
                auditor.accept(events.get(i));
            }
            if (to > fed) {
                first = events.get(0);
                last = events.get(to - 1);
                fed = to;
            }
        }

        boolean evictedNothing() {
            CorrelationStore s = auditor.correlator().store();
            return s.ips().evicted() + s.accounts().evicted() + s.networks().evicted() + s.pairHistory().evicted()
                    + s.pairWindows().evicted() == 0;
        }
    }

    /** @param maxEvents the events fed to live auditors at most, over all keys (0: none, every judgement re-audits) */
    LiveAuditors(long maxEvents) {
        this(maxEvents, MIN_EVENTS);
    }

    /** @param minEvents keys with fewer events are re-audited (the tests make it small, so live auditors are used) */
    LiveAuditors(long maxEvents, int minEvents) {
        this.minEvents = minEvents;
        if (maxEvents < 0) {
            throw new IllegalArgumentException("live auditors must hold 0 or more events, not " + maxEvents);
        }
        this.maxEvents = maxEvents;
        this.held = Caffeine.newBuilder().maximumWeight(maxEvents)
                .weigher((String k, Live v) -> v.fed + OVERHEAD).executor(Runnable::run).build();
    }

    /** Live auditors off: every judgement re-audits its key's events. */
    static LiveAuditors off() {
        return new LiveAuditors(0);
    }

    /**
     * Returns what a fresh auditor ({@code fresh}, built without outside facts) fed {@code events} and finished
     * with {@code outside} gives, through the key's live auditor when it can.
     *
     * @param events the key's events in the order a re-audit feeds them ({@link Judge#inTimeOrder})
     * @param settledBeforeMs events before this time (epoch ms) can no longer be preceded by a late one
     */
    AuditResult audit(String key, List<LogEvent> events, OutsideFacts outside, long settledBeforeMs,
                      Supplier<Auditor.Builder> fresh) {
        int settled = settled(events, settledBeforeMs);
        if (maxEvents == 0 || key == null || events.size() < minEvents || settled == 0
                || settled + OVERHEAD > maxEvents) {
            return reaudit(events, outside, fresh);
        }
        judgements.increment();
        Live live = held.getIfPresent(key);
        if (live != null && live.fed > settled) {
            return reaudit(events, outside, fresh); // fewer events than it was fed: leave it for the key's next
        }
        if (live == null || !live.startOf(events) || !live.evictedNothing()) {
            rebuilds.increment();
            live = new Live(fresh.get().build());
        }
        live.feed(events, settled);
        Auditor fork = live.auditor.fork(outside);
        for (int i = settled; i < events.size(); i++) {
            fork.accept(events.get(i));
        }
        AuditResult r = fork.finish();
        held.put(key, live); // weighed again
        return r;
    }

    private static AuditResult reaudit(List<LogEvent> events, OutsideFacts outside, Supplier<Auditor.Builder> fresh) {
        Auditor a = fresh.get().outside(outside).build();
        events.forEach(a::accept);
        return a.finish();
    }

    /** How many of the events (in time order) are before {@code beforeMs}. */
    private static int settled(List<LogEvent> events, long beforeMs) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).instant().toEpochMilli() < beforeMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Drops every key under {@code namespace} (a task's: its processor is initialised or closed). */
    void drop(String namespace) {
        held.asMap().keySet().removeIf(k -> k.startsWith(namespace));
    }

    /** The judgements that went through a live auditor (made again or not), for a look at how it went. */
    long judgements() {
        return judgements.sum();
    }

    /** The live auditors made by a re-audit of the settled events. */
    long rebuilds() {
        return rebuilds.sum();
    }

    /** The events fed to the live auditors held now. */
    long events() {
        held.cleanUp();
        long n = 0;
        for (Live l : held.asMap().values()) {
            n += l.fed;
        }
        return n;
    }
}
