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
 * <p>With {@code packed}, a key of at most {@value #MAX_PACKED} characters below U+0100 (every IPv4 address) is
 * also held beside its slot as two longs, its characters and its length: addresses are not canonical (each event's
 * is a fresh string), and comparing the event's string with the held one read the held value, its key and the
 * key's bytes, three dependent reads scattered over the heap, on every success of an ordinary host (~7% of the
 * main thread of the bench host's scan). A packed key is matched by its hash and the two longs alone.
 *
 * @param <V> the value; {@code keyOf} gives its key, which must not change
 */
final class KeyedSlots<V> {
    private static final int INITIAL = 16;
    /** The longest key held packed: 7 characters in one long, 8 in the other with the length in its top byte. */
    static final int MAX_PACKED = 15;
    /** The second word of a key that is not packed: its top byte is no packed key's length. */
    static final long UNPACKED = -1L;
    private final Function<V, String> keyOf;
    private final boolean packed;
    private Object[] values = new Object[INITIAL];
    private int[] hashes = new int[INITIAL];
    /** With {@link #packed}: each slot's key as {@link #low} and {@link #high}, at 2i and 2i + 1. */
    private long[] words;
    private int count;

    KeyedSlots(Function<V, String> keyOf) {
        this(keyOf, false);
    }

    /** @param packed whether short keys are held packed beside their slots (see the class) */
    KeyedSlots(Function<V, String> keyOf, boolean packed) {
        this.keyOf = keyOf;
        this.packed = packed;
        this.words = packed ? new long[2 * INITIAL] : null;
    }

    /** Returns the value held under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(String key) {
        int h = key.hashCode();
        int mask = values.length - 1;
        if (packed) {
            // packed on the first hash match only: most lookups of a botnet's addresses find an empty slot first
            long hi = 0;
            long lo = 0;
            boolean made = false;
            long[] w = words;
            for (int i = slot(h, mask); values[i] != null; i = (i + 1) & mask) {
                if (hashes[i] == h) {
                    if (!made) {
                        hi = high(key);
                        if (hi == UNPACKED) {
                            break;
                        }
                        lo = low(key);
                        made = true;
                    }
                    // a packed key equals only a key with the same words (they hold its length and every character)
                    if (w[2 * i] == lo && w[2 * i + 1] == hi) {
                        return (V) values[i];
                    }
                }
            }
            if (hi != UNPACKED) {
                return null;
            }
            // a key that cannot be packed: compared as a string below
        }
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
        String key = keyOf.apply(value);
        int at = place(values, hashes, value, key.hashCode());
        if (packed) {
            words[2 * at] = low(key);
            words[2 * at + 1] = high(key);
        }
        count++;
    }

    /**
     * Returns the second word of a packed key: its characters 8 to 14 in the low bytes and its length in the top
     * one; {@link #UNPACKED} for a key longer than {@value #MAX_PACKED} or with a character above U+00FF.
     */
    static long high(String key) {
        int n = key.length();
        if (n > MAX_PACKED) {
            return UNPACKED;
        }
        long w = (long) n << 56;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c > 0xFF) {
                return UNPACKED;
            }
            if (i >= 8) {
                w |= (long) c << (8 * (i - 8));
            }
        }
        return w;
    }

    /** Returns the first word of a packed key: its characters 0 to 7, one a byte (for a key {@link #high} packs). */
    static long low(String key) {
        int n = Math.min(key.length(), 8);
        long w = 0;
        for (int i = 0; i < n; i++) {
            w |= (long) (key.charAt(i) & 0xFF) << (8 * i);
        }
        return w;
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
        long[] oldWords = words;
        values = new Object[oldValues.length * 2];
        hashes = new int[oldValues.length * 2];
        words = packed ? new long[2 * values.length] : null;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int at = place(values, hashes, oldValues[j], oldHashes[j]);
                if (packed) {
                    words[2 * at] = oldWords[2 * j];
                    words[2 * at + 1] = oldWords[2 * j + 1];
                }
            }
        }
    }

    /** Puts a value in the first free slot from its hash's; returns the slot. */
    private static int place(Object[] values, int[] hashes, Object value, int h) {
        int mask = values.length - 1;
        int i = slot(h, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        values[i] = value;
        hashes[i] = h;
        return i;
    }

    /** Spreads the hash's high bits too: logins and addresses differ most at their end. */
    private static int slot(int h, int mask) {
        int x = h * 0x9E3779B9;
        return (x ^ (x >>> 16)) & mask;
    }
}
