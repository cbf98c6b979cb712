package dev.authaudit.report;

/**
 * What the report keeps of one login while events stream, before any verdict exists: failures per
 * hour, a thinned sample of failure and success times tagged with the source address, and per source
 * the gaps between consecutive failures. Bounded: seven named sources, the rest share slot 7.
 */
final class AccountTrack {
    /** The slot shared by sources past the named ones. */
    static final int OTHER = 7;
    static final int FAILURE_SAMPLE = 500;
    static final int SUCCESS_SAMPLE = 100;

    private final String[] ips = new String[OTHER];
    private final long[] lastFailure = new long[OTHER];
    private final int[][] gaps = new int[OTHER][];
    final TimeSample failures = new TimeSample(FAILURE_SAMPLE);
    final TimeSample successes = new TimeSample(SUCCESS_SAMPLE);
    final HourRuns hours = new HourRuns();
    private long failureCount;

    void failure(long epochSecond, String ip, long n) {
        int slot = slot(ip);
        failureCount += n;
        hours.add(Math.floorDiv(epochSecond, 3600), n);
        for (long i = 0; i < n; i++) {
            failures.add(epochSecond, slot);
        }
        if (slot != OTHER) {
            long last = lastFailure[slot];
            if (last != 0) {
                if (gaps[slot] == null) {
                    gaps[slot] = new int[GapBins.count()];
                }
                gaps[slot][GapBins.of(epochSecond - last)]++;
            }
            lastFailure[slot] = epochSecond;
        }
    }

    void success(long epochSecond, String ip) {
        successes.add(epochSecond, slot(ip));
    }

    long failureCount() {
        return failureCount;
    }

    /** Returns the address of a slot, or null for {@link #OTHER} and unused slots. */
    String ip(int slot) {
        return slot == OTHER ? null : ips[slot];
    }

    /** Returns the gap counts of a slot, or null when it never failed twice. */
    int[] gaps(int slot) {
        return slot == OTHER ? null : gaps[slot];
    }

    private int slot(String ip) {
        if (ip == null) {
            return OTHER;
        }
        for (int i = 0; i < OTHER; i++) {
            if (ips[i] == null) {
                ips[i] = ip;
                return i;
            }
            if (ips[i].equals(ip)) {
                return i;
            }
        }
        return OTHER;
    }
}
