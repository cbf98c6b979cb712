package dev.authaudit.correlate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** A {@link StateTable} held in a Caffeine cache, bounded by size and optionally expiring in event time. */
final class CaffeineStateTable<K, V> implements StateTable<K, V> {
    private final Cache<K, V> cache;
    private final Policy<K, V> policy;
    private long evicted;
    /** Entries that left the table so far, for any reason (see {@link #generation}). */
    private long removals;
    private final boolean expires;
    private final Consumer<? super V> onDeparture;
    /** Below this many entries nothing is evicted soon (Caffeine evicts only above the maximum). */
    private final long roomyBelow;
    /** Entries created per slot of key hashes; null when not counted. */
    private final ArrivalCounts arrivals;
    /** The entry last handed out, so the write-back that follows costs no lookup. */
    private K lastKey;
    private V lastValue;

    CaffeineStateTable(long maximumSize, Duration idle, Ticker ticker) {
        this(maximumSize, idle, ticker, null);
    }

    /**
     * @param onDeparture called with each value as it leaves the table, for any reason (null for none); it
     *     runs inside the call that removes it, on the caller's thread
     */
    CaffeineStateTable(long maximumSize, Duration idle, Ticker ticker, Consumer<? super V> onDeparture) {
        this(maximumSize, idle, ticker, onDeparture, false);
    }

    /** @param countArrivals whether to count the entries created per slot of key hashes (see {@link #arrivals}) */
    CaffeineStateTable(long maximumSize, Duration idle, Ticker ticker, Consumer<? super V> onDeparture,
                       boolean countArrivals) {
        this.arrivals = countArrivals ? new ArrivalCounts() : null;
        this.onDeparture = onDeparture;
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(ticker)
                // run maintenance on the caller's thread: the correlator is single-threaded and pure
                .executor(Runnable::run);
        if (idle != null) {
            builder.expireAfterAccess(idle);
        }
        this.expires = idle != null;
        // a margin below the maximum, so that a table filling up sees its accesses again (they decide
        // what it keeps) well before it evicts
        this.roomyBelow = maximumSize - maximumSize / 10;
        // an eviction listener, called inside the eviction: a removal listener would be handed a new task
        // for the executor on every eviction (one per new address of a botnet). Nothing else removes an
        // entry but a replacement in put, which tells the departure itself.
        this.cache = builder.<K, V>evictionListener((k, v, cause) -> {
            departed(v);
            if (cause == RemovalCause.SIZE) {
                evicted++;
            }
        }).build();
        this.policy = cache.policy();
    }

    @Override
    public V get(K key) {
        V v = cache.getIfPresent(key);
        remember(key, v);
        return v;
    }

    @Override
    public long generation() {
        return expires || cache.estimatedSize() >= roomyBelow ? -1 : removals;
    }

    @Override
    public boolean reportsDepartures() {
        // the eviction listener runs on the caller's thread, inside the call that evicts; put tells a replacement
        return onDeparture != null;
    }

    @Override
    public V peek(K key) {
        return policy.getIfPresentQuietly(key);
    }

    @Override
    public V getOrCreate(K key, Function<? super K, ? extends V> create) {
        V v;
        if (expires) {
            v = cache.get(key, arrivals == null ? create : k -> {
                arrived(k);
                return create.apply(k);
            });
        } else {
            // nothing here expires: a lookup, and on a miss an insert, does what the cache's compute would (a hit
            // is a read, a new entry a write) without the compute's reservation node and capturing lambda for
            // every new key (each line of a botnet's day). The correlator is this table's only user.
            v = cache.getIfPresent(key);
            if (v == null) {
                v = create.apply(key);
                if (arrivals != null) {
                    arrived(key);
                }
                cache.put(key, v);
            }
        }
        remember(key, v);
        return v;
    }

    @Override
    public int arrivals(K key) {
        return arrivals == null ? -1 : arrivals.of(key);
    }

    @Override
    public int arrivals(K key, int keyHash) {
        return arrivals == null ? -1 : arrivals.ofHash(keyHash);
    }

    private void arrived(Object key) {
        arrivals.arrived(key);
    }

    private void remember(K key, V value) {
        lastKey = key;
        lastValue = value;
    }

    @Override
    public void put(K key, V value) {
        // values are live objects already in the cache; re-putting would only reset Caffeine's bookkeeping.
        // The usual caller writes back what it was just handed: nothing can have evicted it since, as
        // every operation on this table that could goes through get/getOrCreate and moves the memo.
        if (value != null && key == lastKey && value == lastValue) {
            return;
        }
        V held = cache.asMap().get(key);
        if (held != value) {
            if (held == null && arrivals != null) {
                arrived(key);
            }
            cache.put(key, value);
            if (held != null) {
                departed(held);
            }
        }
        remember(key, value);
    }

    /** Counts a value that left the table (evicted, expired or replaced) and tells {@link #onDeparture}. */
    private void departed(V value) {
        removals++;
        if (onDeparture != null && value != null) {
            onDeparture.accept(value);
        }
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        remember(null, null);
        cache.asMap().forEach(action);
    }

    @Override
    public long size() {
        return cache.estimatedSize();
    }

    @Override
    public long evicted() {
        return evicted;
    }

    @Override
    public void cleanUp() {
        remember(null, null);
        cache.cleanUp();
    }
}
