package dev.authaudit.correlate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A fork's view of a live table: an entry is copied from the live table the first time the fork looks it up
 * (get, peek or create), and from then on the fork reads and changes its copy; the live table is only ever
 * read quietly ({@link StateTable#peek}), so its entries, use order and expiry stay as they were. Promises
 * nothing about handed-out entries ({@link #generation}, {@link #reportsDepartures}, {@link #arrivals}): a
 * fork looks every key up. Lives for one judgement: it never evicts or expires anything.
 */
final class OverlayTable<V> implements StateTable<String, V> {
    private final StateTable<String, V> live;
    private final UnaryOperator<V> copy;
    /** The fork's entries: copies of live ones, and those it made; in the order it made them. */
    private final Map<String, V> own = new LinkedHashMap<>();
    /** How many of {@link #own}'s keys the live table did not hold when the fork made them. */
    private long added;

    OverlayTable(StateTable<String, V> live, UnaryOperator<V> copy) {
        this.live = live;
        this.copy = copy;
    }

    @Override
    public V get(String key) {
        return peek(key);
    }

    @Override
    public V peek(String key) {
        V v = own.get(key);
        if (v == null) {
            V held = live.peek(key);
            if (held != null) {
                v = copy.apply(held);
                own.put(key, v);
            }
        }
        return v;
    }

    @Override
    public V getOrCreate(String key, Function<? super String, ? extends V> create) {
        V v = peek(key);
        if (v == null) {
            v = create.apply(key);
            own.put(key, v);
            added++;
        }
        return v;
    }

    @Override
    public void put(String key, V value) {
        if (own.put(key, value) == null && live.peek(key) == null) {
            added++;
        }
    }

    /**
     * Calls the action for the live table's entries (the fork's copy where it has one, else the live entry
     * itself: the action must only read it), then for the entries only the fork holds.
     */
    @Override
    public void forEach(BiConsumer<? super String, ? super V> action) {
        live.forEach((k, v) -> {
            V mine = own.get(k);
            action.accept(k, mine != null ? mine : v);
        });
        if (added > 0) {
            own.forEach((k, v) -> {
                if (live.peek(k) == null) {
                    action.accept(k, v);
                }
            });
        }
    }

    @Override
    public long size() {
        return live.size() + added;
    }

    @Override
    public long evicted() {
        return live.evicted();
    }

    @Override
    public void cleanUp() {
        // nothing to expire within one judgement; the live table is not the fork's to clean
    }
}
