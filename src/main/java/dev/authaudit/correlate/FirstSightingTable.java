package dev.authaudit.correlate;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.LinkedHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A bounded {@link StateTable} that holds a key seen once apart from the keys used again, and admits a key to a
 * {@link CaffeineStateTable} on its second use. A botnet's day brings a million addresses that each fail once:
 * each cost the Caffeine table an insert, its frequency sketch and an eviction (a fifth of the correlator's
 * time), for entries that are never looked up again. Here a first sighting costs a hash map insert into a
 * window of the newest first sightings ({@code maximumSize / 100} of them, at least one); one that leaves the
 * window without a second use is kept while the table has room, and dropped otherwise, so a full table keeps
 * the first sightings it holds rather than churning them (the dropped ones die young, where the collector
 * frees them cheaply). One used again moves to the Caffeine table, whose policy keeps it as before; the
 * oldest first sightings kept make room for it. All parts together hold at most {@code maximumSize} entries.
 *
 * <p>Does not expire entries: for tables without an idle window (the address table).
 */
final class FirstSightingTable<K, V> implements StateTable<K, V> {
    private final CaffeineStateTable<K, V> frequent;
    /** The newest first sightings, oldest first. */
    private final LinkedHashMap<K, V> window = new LinkedHashMap<>();
    /** First sightings that left the window while there was room, oldest first. */
    private final LinkedHashMap<K, V> kept = new LinkedHashMap<>();
    private final int windowSize;
    /** What {@link #kept} and {@link #frequent} may hold together. */
    private final long mainSize;
    private final Consumer<? super V> onDeparture;
    private final ArrivalCounts arrivals;
    /** Below this many entries in all nothing is evicted soon (see {@link #generation}). */
    private final long roomyBelow;
    private long evicted;
    private long removals;
    /** The entry last handed out, so the write-back that follows costs no lookup. */
    private K lastKey;
    private V lastValue;

    /**
     * @param onDeparture called with each value as it leaves the table, for any reason (null for none)
     * @param countArrivals whether to count the entries created per slot of key hashes (see {@link #arrivals})
     */
    FirstSightingTable(long maximumSize, Ticker ticker, Consumer<? super V> onDeparture, boolean countArrivals) {
        this.windowSize = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maximumSize / 100));
        this.mainSize = Math.max(1, maximumSize - windowSize);
        this.frequent = new CaffeineStateTable<>(mainSize, null, ticker, onDeparture);
        this.onDeparture = onDeparture;
        this.arrivals = countArrivals ? new ArrivalCounts() : null;
        this.roomyBelow = maximumSize - maximumSize / 10;
    }

    @Override
    public V get(K key) {
        V v = frequent.get(key);
        if (v == null) {
            v = window.remove(key);
            if (v == null) {
                v = kept.remove(key);
            }
            if (v != null) {
                admit(key, v);
            }
        }
        remember(key, v);
        return v;
    }

    /** Moves a first sighting that was used again into the frequent part (the same entry: no departure). */
    private void admit(K key, V value) {
        frequent.put(key, value);
        while (!kept.isEmpty() && kept.size() + frequent.size() > mainSize) {
            evictEldest(kept);
        }
    }

    private void evictEldest(LinkedHashMap<K, V> from) {
        var eldest = from.entrySet().iterator();
        V gone = eldest.next().getValue();
        eldest.remove();
        evicted++;
        departed(gone);
    }

    @Override
    public V peek(K key) {
        V v = frequent.peek(key);
        if (v == null) {
            v = window.get(key);
        }
        return v != null ? v : kept.get(key);
    }

    @Override
    public V getOrCreate(K key, Function<? super K, ? extends V> create) {
        V v = get(key);
        if (v == null) {
            v = create.apply(key);
            firstSighting(key, v);
            remember(key, v);
        }
        return v;
    }

    private void firstSighting(K key, V value) {
        if (arrivals != null) {
            arrivals.arrived(key);
        }
        window.put(key, value);
        if (window.size() > windowSize) {
            if (kept.size() + frequent.size() < mainSize) {
                var eldest = window.entrySet().iterator();
                var e = eldest.next();
                eldest.remove();
                kept.put(e.getKey(), e.getValue());
            } else {
                evictEldest(window);
            }
        }
    }

    @Override
    public void put(K key, V value) {
        // the usual caller writes back what it was just handed, which is still held (see CaffeineStateTable#put)
        if (value != null && key == lastKey && value == lastValue) {
            return;
        }
        if (frequent.peek(key) != null) {
            frequent.put(key, value);
        } else {
            LinkedHashMap<K, V> part = window.containsKey(key) ? window : kept;
            V held = part.get(key);
            if (held == null) {
                firstSighting(key, value);
            } else if (held != value) {
                part.put(key, value);
                departed(held);
            }
        }
        remember(key, value);
    }

    private void departed(V value) {
        removals++;
        if (onDeparture != null && value != null) {
            onDeparture.accept(value);
        }
    }

    private void remember(K key, V value) {
        lastKey = key;
        lastValue = value;
    }

    @Override
    public long generation() {
        long g = frequent.generation();
        return g < 0 || size() >= roomyBelow ? -1 : g + removals;
    }

    @Override
    public boolean reportsDepartures() {
        return onDeparture != null;
    }

    @Override
    public int arrivals(K key) {
        return arrivals == null ? -1 : arrivals.of(key);
    }

    @Override
    public int arrivals(K key, int keyHash) {
        return arrivals == null ? -1 : arrivals.ofHash(keyHash);
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        remember(null, null);
        frequent.forEach(action);
        kept.forEach(action);
        window.forEach(action);
    }

    @Override
    public long size() {
        return frequent.size() + kept.size() + window.size();
    }

    @Override
    public long evicted() {
        return frequent.evicted() + evicted;
    }

    @Override
    public void cleanUp() {
        remember(null, null);
        frequent.cleanUp();
    }
}
