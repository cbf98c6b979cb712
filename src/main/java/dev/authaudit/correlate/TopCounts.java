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
    /** Made on the first value: most of a botnet's addresses never fill these. */
    private String[] keys;
    private long[] counts;
    private int size;

    TopCounts(int capacity) {
        this.capacity = capacity;
    }

    void add(String key, long n) {
        if (keys == null) {
            // one slot at first, grown up to the capacity: most addresses of a botnet use one login
            keys = new String[1];
            counts = new long[1];
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
}
