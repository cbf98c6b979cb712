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
    private final String[] keys;
    private final long[] counts;
    private int size;

    TopCounts(int capacity) {
        this.keys = new String[capacity];
        this.counts = new long[capacity];
    }

    void add(String key, long n) {
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
        if (size < keys.length) {
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
        List<Count> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Count(keys[i], counts[i]));
        }
        out.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value));
        return List.copyOf(out);
    }

    List<String> keys() {
        return toList().stream().map(Count::value).toList();
    }
}
