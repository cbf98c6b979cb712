package dev.authaudit.correlate;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A bounded {@link StateTable} that holds a key seen once apart from the keys used again, and admits a key to a
 * {@link CaffeineStateTable} on its second use. A botnet's day brings a million addresses that each fail once:
 * each cost the Caffeine table an insert, its frequency sketch and an eviction (a fifth of the correlator's
 * time), for entries that are never looked up again. Here a first sighting costs an insert into a
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
    /**
     * The first sightings: queue {@link #WINDOW} holds the newest, oldest first, queue {@link #KEPT} those that
     * left the window while there was room, oldest first. One open-addressing map for both: a new address costs
     * array writes, no entry object, and its key is looked up once whichever queue holds it.
     */
    private final QueuedSlots<K, V> sightings = new QueuedSlots<>();
    private static final int WINDOW = 0;
    private static final int KEPT = 1;
    private final int windowSize;
    /** What the kept first sightings and {@link #frequent} may hold together. */
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
            int slot = sightings.find(key);
            if (slot != QueuedSlots.NONE) {
                v = sightings.value(slot);
                sightings.remove(slot);
                admit(key, v);
            }
        }
        remember(key, v);
        return v;
    }

    /** Moves a first sighting that was used again into the frequent part (the same entry: no departure). */
    private void admit(K key, V value) {
        frequent.put(key, value);
        while (sightings.size(KEPT) > 0 && sightings.size(KEPT) + frequent.size() > mainSize) {
            evictEldest(KEPT);
        }
    }

    private void evictEldest(int queue) {
        int eldest = sightings.eldest(queue);
        V gone = sightings.value(eldest);
        sightings.remove(eldest);
        evicted++;
        departed(gone);
    }

    @Override
    public V peek(K key) {
        V v = frequent.peek(key);
        if (v != null) {
            return v;
        }
        int slot = sightings.find(key);
        return slot == QueuedSlots.NONE ? null : sightings.value(slot);
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
        sightings.add(key, key.hashCode(), value, WINDOW);
        if (sightings.size(WINDOW) > windowSize) {
            if (sightings.size(KEPT) + frequent.size() < mainSize) {
                sightings.moveToEnd(sightings.eldest(WINDOW), KEPT);
            } else {
                evictEldest(WINDOW);
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
            int slot = sightings.find(key);
            if (slot == QueuedSlots.NONE) {
                firstSighting(key, requireNonNull(value, "value"));
            } else if (sightings.value(slot) != value) {
                V held = sightings.value(slot);
                // in its place in its queue, as a map's put of a held key leaves it
                sightings.setValue(slot, requireNonNull(value, "value"));
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
        // the first sightings alone fill a botnet's table: then the frequent part's size is not asked twice
        if (sightings.size() >= roomyBelow) {
            return -1;
        }
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
        sightings.forEach(KEPT, action);
        sightings.forEach(WINDOW, action);
    }

    @Override
    public long size() {
        return frequent.size() + sightings.size();
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
