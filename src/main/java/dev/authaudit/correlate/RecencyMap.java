package dev.authaudit.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A map that keeps its {@code max} most recently used entries, whose values a caller may also hold and use
 * again without looking the key up ({@link #touch}). It keeps and drops the same entries, in the same order, as
 * an access-ordered {@link LinkedHashMap} that removes its eldest entry beyond {@code max} (a get or a put is a
 * use), but costs less while it has never dropped one: a use then only stamps the entry with a counter, and the
 * order is worked out from the stamps the first time an entry must go, after which an access-ordered map keeps
 * it. Each judgement of a login on the botnet day (about a million) used two such maps (the throttle's and the
 * verdict tracker's): their lookups and relinks, cache misses among a million addresses' state, were ~8% of the
 * main thread; a held entry is touched where its value is read anyway. Not thread-safe.
 *
 * @param <K> the key
 * @param <V> the value, an {@link Entry} that belongs to one map at a time
 */
public final class RecencyMap<K, V extends RecencyMap.Entry> {
    /** A value of a {@link RecencyMap}: the map it is in (null once dropped) and its last use. */
    public abstract static class Entry {
        Object key;
        RecencyMap<?, ?> owner;
        long used;

        protected Entry() {
        }
    }

    private final int max;
    /** The entries until one must be dropped; their order is in their stamps. */
    private HashMap<K, V> stamped = new HashMap<>();
    /** The entries from then on, in use order; null before. */
    private LinkedHashMap<K, V> ordered;
    private long clock;

    /** @param max the most entries kept (at least one) */
    public RecencyMap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        this.max = max;
    }

    /** Returns the key's value, or null; a found one counts as used. */
    public V get(K key) {
        if (ordered != null) {
            return ordered.get(key);
        }
        V v = stamped.get(key);
        if (v != null) {
            v.used = ++clock;
        }
        return v;
    }

    /**
     * Uses a value the caller held on to. Returns false when it is not in this map (dropped, or another map's):
     * then the caller looks its key up again.
     */
    public boolean touch(V v) {
        if (v.owner != this) {
            return false;
        }
        if (ordered == null) {
            v.used = ++clock;
        } else {
            ordered.get(v.key);
        }
        return true;
    }

    /**
     * Puts a value for a key the map does not hold (a value in no map), as its most recently used entry; drops the
     * least recently used one when the map is then above its bound.
     */
    public void put(K key, V v) {
        if (v.owner != null) {
            throw new IllegalArgumentException("the value is in a map already");
        }
        v.key = key;
        v.owner = this;
        if (ordered == null) {
            if (stamped.size() < max) {
                v.used = ++clock;
                if (stamped.putIfAbsent(key, v) != null) {
                    v.owner = null;
                    throw new IllegalArgumentException("the key is in the map already: " + key);
                }
                return;
            }
            order();
        }
        if (ordered.putIfAbsent(key, v) != null) {
            v.owner = null;
            throw new IllegalArgumentException("the key is in the map already: " + key);
        }
    }

    /** Returns the number of entries. */
    public int size() {
        return ordered != null ? ordered.size() : stamped.size();
    }

    /** Calls {@code action} with each entry, least recently used first; uses none. */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        if (ordered != null) {
            ordered.forEach(action);
            return;
        }
        for (Map.Entry<K, V> e : byUse()) {
            action.accept(e.getKey(), e.getValue());
        }
    }

    /** Moves the entries to an access-ordered map, least recently used first: the first drop is due. */
    private void order() {
        LinkedHashMap<K, V> m = new LinkedHashMap<>(capacity(stamped.size() + 1), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() > max) {
                    eldest.getValue().owner = null;
                    return true;
                }
                return false;
            }
        };
        for (Map.Entry<K, V> e : byUse()) {
            m.put(e.getKey(), e.getValue());
        }
        ordered = m;
        stamped = null;
    }

    private List<Map.Entry<K, V>> byUse() {
        List<Map.Entry<K, V>> entries = new ArrayList<>(stamped.entrySet());
        entries.sort(Comparator.comparingLong(e -> e.getValue().used));
        return entries;
    }

    private static int capacity(int n) {
        return (int) Math.min(Integer.MAX_VALUE, n / 0.75f + 1);
    }
}
