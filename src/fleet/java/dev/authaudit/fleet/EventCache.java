package dev.authaudit.fleet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.authaudit.event.LogEvent;
import java.util.TreeMap;

/**
 * The decoded events of the keys an instance judges, derived from the steps' stores ({@link RetainedEvents}, the
 * source of truth): per key, the same events under the same store keys, so in the same order as a read of the
 * store. A judgement then reads no store and decodes no JSON; each event is decoded once, when it is kept. Bounded by
 * the events held (one weight per event), least recently used keys first; a key that is not held is read from the
 * store at its next judgement. One cache serves every task of the instance: each task's keys sit under a namespace
 * (task and store) that its processor drops when it is initialised (a task assigned again, or revived after its
 * store was wiped and restored) and when it is closed, so a key is held only while its processor keeps it in step
 * with the store. A maximum of 0 holds nothing (every judgement reads the store, as before the cache).
 *
 * <p>Not thread-safe per key: a key belongs to one task, which one stream thread runs at a time.
 */
final class EventCache {
    /** The events held at most by default: about 120 MB of heap (some 480 bytes per decoded event and its key). */
    static final long DEFAULT_EVENTS = 250_000;

    private final long maxEvents;
    private final Cache<String, TreeMap<String, LogEvent>> held;

    EventCache(long maxEvents) {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("the judge cache's size must be 0 or more events, not " + maxEvents);
        }
        this.maxEvents = maxEvents;
        this.held = Caffeine.newBuilder().maximumWeight(maxEvents)
                .weigher((String k, TreeMap<String, LogEvent> v) -> v.size() + 1)
                .executor(Runnable::run).build();
    }

    /** A cache that holds nothing: every judgement reads its store. */
    static EventCache off() {
        return new EventCache(0);
    }

    long maxEvents() {
        return maxEvents;
    }

    /** The events held under {@code key} (store key to event), or null when the key is not held. */
    TreeMap<String, LogEvent> get(String key) {
        return maxEvents == 0 ? null : held.getIfPresent(key);
    }

    /** Holds a key's events, all of them as the store has them (a key too big for the cache is not held). */
    void put(String key, TreeMap<String, LogEvent> events) {
        if (maxEvents > 0 && events.size() + 1 <= maxEvents) {
            held.put(key, events);
        }
    }

    /** Says that a held key's events changed in place (weighs them again), or drops it when it grew too big. */
    void changed(String key, TreeMap<String, LogEvent> events) {
        if (events.size() + 1 > maxEvents) {
            held.invalidate(key);
        } else {
            held.put(key, events);
        }
    }

    /** Drops every key under {@code namespace} (a task's store: its processor is initialised or closed). */
    void drop(String namespace) {
        held.asMap().keySet().removeIf(k -> k.startsWith(namespace));
    }

    /** The events held now, over all keys. */
    long events() {
        held.cleanUp();
        return held.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }
}
