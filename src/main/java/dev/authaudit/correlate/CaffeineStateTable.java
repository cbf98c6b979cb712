package dev.authaudit.correlate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** A {@link StateTable} held in a Caffeine cache, bounded by size and optionally expiring in event time. */
final class CaffeineStateTable<K, V> implements StateTable<K, V> {
    private final Cache<K, V> cache;
    private long evicted;

    CaffeineStateTable(long maximumSize, Duration idle, Ticker ticker) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(ticker)
                // run maintenance on the caller's thread: the correlator is single-threaded and pure
                .executor(Runnable::run);
        if (idle != null) {
            builder.expireAfterAccess(idle);
        }
        this.cache = builder.<K, V>removalListener((k, v, cause) -> {
            if (cause == RemovalCause.SIZE) {
                evicted++;
            }
        }).build();
    }

    @Override
    public V get(K key) {
        return cache.getIfPresent(key);
    }

    @Override
    public V getOrCreate(K key, Function<? super K, ? extends V> create) {
        return cache.get(key, create);
    }

    @Override
    public void put(K key, V value) {
        // values are live objects already in the cache; re-putting would only reset Caffeine's bookkeeping
        if (cache.asMap().get(key) != value) {
            cache.put(key, value);
        }
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
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
        cache.cleanUp();
    }
}
