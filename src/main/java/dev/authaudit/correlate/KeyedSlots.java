package dev.authaudit.correlate;

import java.util.Arrays;
import java.util.function.Function;

/**
 * A dictionary of values that carry their own string key, for {@link SubjectKeys}: open addressing with linear
 * probing, each key's {@code hashCode()} beside its slot (a probe compares ints and reads a value only on a hash
 * match), at most half full, grown by doubling. Values are only added and the whole table dropped at once, never
 * removed one by one, which is all a cache of keys that can be made again needs.
 *
 * <p>Why not a {@code HashMap}: on a botnet's day each of a million lines brings a new address, whose map node
 * was one more object per line for the collector and one more memory read per lookup; with logins canonical
 * (one {@code String} per login from the parsing threads), a match is an identity check.
 *
 * @param <V> the value; {@code keyOf} gives its key, which must not change
 */
final class KeyedSlots<V> {
    private static final int INITIAL = 16;
    private final Function<V, String> keyOf;
    private Object[] values = new Object[INITIAL];
    private int[] hashes = new int[INITIAL];
    private int count;

    KeyedSlots(Function<V, String> keyOf) {
        this.keyOf = keyOf;
    }

    /** Returns the value held under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(String key) {
        int h = key.hashCode();
        int mask = values.length - 1;
        for (int i = slot(h, mask); values[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == h) {
                V v = (V) values[i];
                String k = keyOf.apply(v);
                if (k == key || k.equals(key)) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Adds a value whose key is not held (the caller looked it up first). */
    void add(V value) {
        if (2 * (count + 1) > values.length) {
            grow();
        }
        place(values, hashes, value, keyOf.apply(value).hashCode());
        count++;
    }

    /** Drops every value, keeping the table's size. */
    void clear() {
        Arrays.fill(values, null);
        count = 0;
    }

    /** Returns how many values are held. */
    int size() {
        return count;
    }

    private void grow() {
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        values = new Object[oldValues.length * 2];
        hashes = new int[oldValues.length * 2];
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                place(values, hashes, oldValues[j], oldHashes[j]);
            }
        }
    }

    private static void place(Object[] values, int[] hashes, Object value, int h) {
        int mask = values.length - 1;
        int i = slot(h, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        values[i] = value;
        hashes[i] = h;
    }

    /** Spreads the hash's high bits too: logins and addresses differ most at their end. */
    private static int slot(int h, int mask) {
        int x = h * 0x9E3779B9;
        return (x ^ (x >>> 16)) & mask;
    }
}
