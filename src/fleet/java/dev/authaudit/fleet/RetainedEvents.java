package dev.authaudit.fleet;

import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step's events (events-v1 JSON) kept in a state store for the retention in event time, under a key
 * prefix of the step's own key: {@code PREFIX + event time (15 digits) + "|" + UUID of the event}, so a
 * re-read record overwrites itself and a prefix scan returns one key's events in time order. Events later
 * than the grace period behind stream time are counted and not kept.
 *
 * <p>A judgement reads a key's events decoded from the instance's {@link EventCache} when it holds the key: the
 * cache is derived from the store and kept in step with it here (an event kept is added under its store key, an
 * event pruned is removed), so a read returns the same events in the same order with or without it.
 */
final class RetainedEvents {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedEvents.class);
    /** The time's digits and the "|UUID" that ends every key. */
    private static final int TAIL = 15 + 1 + 36;

    private final KeyValueStore<String, String> store;
    private final Duration grace;
    private final Duration retention;
    private final String step;
    private final EventJson json = new EventJson();
    private final EventCache cache;
    /** This task's store's place in the cache: every key of it is held under this namespace. */
    private final String namespace;
    private long late;

    /**
     * @param step the step's name, for the admin's warning about late events
     */
    RetainedEvents(KeyValueStore<String, String> store, Duration grace, Duration retention, String step) {
        this(store, grace, retention, step, EventCache.off(), "");
    }

    /**
     * @param step the step's name, for the admin's warning about late events
     * @param cache the instance's decoded events
     * @param namespace this task's store in the cache (task id and store name); whatever the cache held under it
     *     is dropped now, as this processor (re)starts from the store
     */
    RetainedEvents(KeyValueStore<String, String> store, Duration grace, Duration retention, String step,
                   EventCache cache, String namespace) {
        this.store = store;
        this.grace = grace;
        this.retention = retention;
        this.step = step;
        this.cache = cache;
        this.namespace = namespace + "|";
        cache.drop(this.namespace);
    }

    /** Drops this task's keys from the cache (its processor is closed: the task may move to another instance). */
    void close() {
        cache.drop(namespace);
    }

    /** Prunes events older than the retention once per 1/24 of it in stream time (at most once a minute). */
    void schedulePruning(ProcessorContext<?, ?> context) {
        Duration every = retention.dividedBy(24);
        context.schedule(every.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : every,
                PunctuationType.STREAM_TIME, this::prune);
    }

    /** Keeps the event under {@code prefix}, unless it is later than the grace period; true when kept. */
    boolean keep(String prefix, long timestamp, long streamTime, String event) {
        if (timestamp < streamTime - grace.toMillis()) {
            late++;
            if (late == 1 || late % 1000 == 0) {
                LOG.warn("{} event(s) arrived later than the grace period of {} behind event time and were not"
                        + " judged {}", late, grace, step);
            }
            return false;
        }
        String key = String.format("%s%015d|%s", prefix, Math.max(0, timestamp),
                UUID.nameUUIDFromBytes(event.getBytes(StandardCharsets.UTF_8)));
        store.put(key, event);
        TreeMap<String, LogEvent> held = cache.get(namespace + prefix);
        if (held != null && !held.containsKey(key)) {
            // the same key is the same event (its UUID is the text's): a re-read one is held already
            held.put(key, json.read(event));
            cache.changed(namespace + prefix, held);
        }
        return true;
    }

    /** The events kept under {@code prefix}, in event time order (in the store's order of their keys). */
    List<LogEvent> read(String prefix) {
        TreeMap<String, LogEvent> held = cache.get(namespace + prefix);
        if (held == null) {
            held = new TreeMap<>();
            try (KeyValueIterator<String, String> it = store.prefixScan(prefix, new StringSerializer())) {
                while (it.hasNext()) {
                    KeyValue<String, String> kv = it.next();
                    held.put(kv.key, json.read(kv.value));
                }
            }
            cache.put(namespace + prefix, held);
        }
        return new ArrayList<>(held.values());
    }

    private void prune(long streamTime) {
        long cutoff = streamTime - retention.toMillis();
        if (cutoff <= 0) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            while (it.hasNext()) {
                String k = it.next().key;
                int at = k.length() - TAIL;
                if (Long.parseLong(k.substring(at, at + 15)) < cutoff) {
                    old.add(k);
                }
            }
        }
        old.forEach(store::delete);
        for (String k : old) {
            String prefix = k.substring(0, k.length() - TAIL);
            TreeMap<String, LogEvent> held = cache.get(namespace + prefix);
            if (held != null) {
                held.remove(k);
                cache.changed(namespace + prefix, held);
            }
        }
    }
}
