package dev.authaudit.correlate;

import java.util.Arrays;

/**
 * The most recent gaps between failures of one client on one protocol, in seconds: enough to tell a
 * mail client's polling rhythm (every 5 min, give or take 20 s) from a burst.
 */
final class GapSample {
    private static final int CAPACITY = 24;
    private final int[] ring = new int[CAPACITY];
    private int next;
    private int total;

    void add(long gapSeconds) {
        ring[next] = (int) Math.min(Integer.MAX_VALUE, gapSeconds);
        next = (next + 1) % CAPACITY;
        total++;
    }

    int total() {
        return total;
    }

    /** Returns the gaps held, sorted. */
    int[] sorted() {
        int[] held = Arrays.copyOf(ring, Math.min(total, CAPACITY));
        Arrays.sort(held);
        return held;
    }

    /** Returns the median of the held gaps, or -1 when there are none. */
    long median() {
        int[] s = sorted();
        return s.length == 0 ? -1 : medianOf(s);
    }

    /** Returns the median absolute deviation from the median: a spread that one odd gap cannot inflate. */
    long spread() {
        int[] s = sorted();
        if (s.length == 0) {
            return -1;
        }
        long m = medianOf(s);
        int[] dev = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            dev[i] = (int) Math.abs(s[i] - m);
        }
        Arrays.sort(dev);
        return medianOf(dev);
    }

    private static long medianOf(int[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : Math.round((sorted[n / 2 - 1] + (long) sorted[n / 2]) / 2.0);
    }

    /** Returns a sample in the same state, which then samples on its own (a fork of the correlator). */
    GapSample copy() {
        GapSample c = new GapSample();
        System.arraycopy(ring, 0, c.ring, 0, CAPACITY);
        c.next = next;
        c.total = total;
        return c;
    }
}
