package dev.authaudit.report;

import java.util.Arrays;

/**
 * Counts per hour for one subject, stored as runs: events arrive in time order, so a count either adds
 * to the last hour or opens the next one, and a login that failed in three hours costs three cells. An
 * hour seen again out of order (a server whose clock stepped back) opens another cell; readers sum.
 */
final class HourRuns {
    private int[] hours = new int[2];
    private long[] counts = new long[2];
    private int size;
    private long total;

    /** Adds {@code n} to the hour {@code epochHour} (hours since the epoch). */
    void add(long epochHour, long n) {
        int h = (int) epochHour;
        total += n;
        if (size > 0 && hours[size - 1] == h) {
            counts[size - 1] += n;
            return;
        }
        if (size == hours.length) {
            hours = Arrays.copyOf(hours, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        hours[size] = h;
        counts[size++] = n;
    }

    int size() {
        return size;
    }

    long hour(int i) {
        return hours[i];
    }

    long count(int i) {
        return counts[i];
    }

    long total() {
        return total;
    }
}
