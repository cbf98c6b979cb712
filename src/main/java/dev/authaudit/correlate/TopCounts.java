package dev.authaudit.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The most frequent values of a stream in fixed memory (the space-saving scheme): a value that keeps
 * recurring stays, one-off values take turns in the last slot. Counts of kept values are exact unless
 * the value entered by replacing another.
 */
final class TopCounts {
    private static final Comparator<Count> ORDER = Comparator.comparingLong(Count::count).reversed()
            .thenComparing(Count::value);
    private final int capacity;
    /**
     * Made on the second distinct value: most of a botnet's addresses use one login, which {@link #key0} and
     * {@link #count0} hold (two arrays fewer per address in the table, less for the collector to copy).
     */
    private String[] keys;
    private long[] counts;
    /** The only value and its count while {@link #keys} is null. */
    private String key0;
    private long count0;
    private int size;

    TopCounts(int capacity) {
        this.capacity = capacity;
    }

    void add(String key, long n) {
        if (keys == null) {
            if (size == 0) {
                key0 = key;
                count0 = n;
                size = 1;
                return;
            }
            if (key0.equals(key) || capacity == 1) {
                // the same value again, or (no room for a second) the newcomer takes the only slot
                key0 = key;
                count0 += n;
                return;
            }
            // two slots, grown up to the capacity
            keys = new String[Math.min(capacity, 2)];
            counts = new long[keys.length];
            keys[0] = key0;
            counts[0] = count0;
            key0 = null;
            keys[1] = key;
            counts[1] = n;
            size = 2;
            return;
        }
        // the held value itself first: logins are one string each for the run (the parsing threads' and the
        // login keys'), so a recurring value is found without reading the others' characters
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                counts[i] += n;
                return;
            }
        }
        int min = -1;
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                counts[i] += n;
                return;
            }
            if (min < 0 || counts[i] < counts[min]) {
                min = i;
            }
        }
        if (size < capacity) {
            if (size == keys.length) {
                int grown = Math.min(capacity, size * 2);
                keys = java.util.Arrays.copyOf(keys, grown);
                counts = java.util.Arrays.copyOf(counts, grown);
            }
            keys[size] = key;
            counts[size++] = n;
            return;
        }
        keys[min] = key;
        counts[min] += n;
    }

    boolean contains(String key) {
        if (keys == null) {
            return size == 1 && key0.equals(key);
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    List<Count> toList() {
        if (size == 0) {
            return List.of();
        }
        if (keys == null) {
            return List.of(new Count(key0, count0));
        }
        List<Count> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Count(keys[i], counts[i]));
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }

    List<String> keys() {
        if (size == 0) {
            return List.of();
        }
        List<Count> sorted = toList();
        String[] out = new String[sorted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sorted.get(i).value();
        }
        return List.of(out);
    }

    /** Returns counts in the same state, which then count on their own (a fork of the correlator). */
    TopCounts copy() {
        TopCounts c = new TopCounts(capacity);
        c.copyFrom(this);
        return c;
    }

    /** Takes the state of counts of the same capacity (a fork of the correlator); each then counts on its own. */
    void copyFrom(TopCounts o) {
        keys = o.keys == null ? null : o.keys.clone();
        counts = o.counts == null ? null : o.counts.clone();
        key0 = o.key0;
        count0 = o.count0;
        size = o.size;
    }
}
