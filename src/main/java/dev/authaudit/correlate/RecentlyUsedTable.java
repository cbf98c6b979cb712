package dev.authaudit.correlate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A map that forgets its least recently used entry beyond a size (as an access-ordered
 * {@link java.util.LinkedHashMap} would), whose values are {@link Slot}s a caller may keep and use again
 * without a lookup: {@link #touch} makes a held slot the most recently used, {@link #holds} tells whether it
 * is still in the table. A use writes a number into the slot, where a linked map moves its entry between two
 * others (their cache lines too); the order is worked out only when an entry must go, from a sorted
 * snapshot of the use numbers that serves the evictions after it until every entry in it has gone or been
 * used again. Why: a login's live re-judgement looked its throttle and its verdict up by name in two
 * linked maps on each of its failures (~4% of the main thread on the botnet day); its summary now keeps both
 * slots. Not thread-safe.
 *
 * @param <K> the key
 * @param <S> the slot type, which the caller extends
 */
public final class RecentlyUsedTable<K, S extends RecentlyUsedTable.Slot> {
    private static final Comparator<Slot> BY_USE = Comparator.comparingLong(s -> s.used);

    /** A value of the table: the caller's record, with the table's use number and key. */
    public abstract static class Slot {
        long used;
        Object key;
        /** The table that holds it; null once it left. */
        RecentlyUsedTable<?, ?> owner;
    }

    private final int max;
    private final Map<K, S> map = new HashMap<>();
    private long clock;
    /** The slots by use number as of the last snapshot, their numbers then, and the next to look at. */
    private Slot[] order = new Slot[0];
    private long[] orderUsed = new long[0];
    private int orderAt;

    /** @param max the entries kept; beyond it the least recently used goes */
    public RecentlyUsedTable(int max) {
        this.max = max;
    }

    /** Returns the key's slot, now the most recently used, or null. */
    public S get(K key) {
        S s = map.get(key);
        if (s != null) {
            s.used = ++clock;
        }
        return s;
    }

    /** Returns true when the slot is in this table (not evicted, replaced, or another table's). */
    public boolean holds(Slot s) {
        return s != null && s.owner == this;
    }

    /** Makes a slot this table {@link #holds} the most recently used, as a {@link #get} of its key would. */
    public void touch(S s) {
        s.used = ++clock;
    }

    /** Returns the key's slot, made when absent; either way the most recently used. */
    public S computeIfAbsent(K key, Function<? super K, ? extends S> make) {
        S s = get(key);
        if (s == null) {
            s = make.apply(key);
            put(key, s);
        }
        return s;
    }

    /**
     * Puts a slot (not held by any table) as the key's, the most recently used; the least recently used
     * entry goes when the table then holds more than its bound.
     */
    public void put(K key, S s) {
        if (s.owner != null) {
            throw new IllegalArgumentException("the slot is held already");
        }
        s.used = ++clock;
        s.key = key;
        s.owner = this;
        S before = map.put(key, s);
        if (before != null) {
            before.owner = null;
            return;
        }
        if (map.size() > max) {
            evictEldest();
        }
    }

    /** Returns how many entries the table holds. */
    public int size() {
        return map.size();
    }

    /** Passes every entry, least recently used first (the order in which puts into another table keep it). */
    public void forEach(BiConsumer<? super K, ? super S> action) {
        Slot[] slots = map.values().toArray(new Slot[0]);
        Arrays.sort(slots, BY_USE);
        for (Slot s : slots) {
            @SuppressWarnings("unchecked")
            K key = (K) s.key;
            @SuppressWarnings("unchecked")
            S slot = (S) s;
            action.accept(key, slot);
        }
    }

    private void evictEldest() {
        while (true) {
            while (orderAt < order.length) {
                Slot s = order[orderAt];
                long used = orderUsed[orderAt];
                order[orderAt++] = null;
                // a slot used since the snapshot is newer than every one not used since: skipped
                if (s.owner == this && s.used == used) {
                    map.remove(s.key);
                    s.owner = null;
                    return;
                }
            }
            snapshot();
        }
    }

    private void snapshot() {
        order = map.values().toArray(new Slot[0]);
        Arrays.sort(order, BY_USE);
        orderUsed = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            orderUsed[i] = order[i].used;
        }
        orderAt = 0;
    }
}
