package dev.authaudit.report;

/**
 * One kind of failure line of one login (primary lines, or Dovecot detail lines): a thinned sample of
 * times with their source slot, per slot the failures and the gaps between consecutive ones. A strip
 * draws each source from the lane that saw it in primary lines, else from its detail lines, so a pair of
 * lines for one attempt is never drawn twice.
 */
final class FailureLane {
    final TimeSample sample = new TimeSample(AccountTrack.FAILURE_SAMPLE);
    private final long[] counts = new long[AccountTrack.OTHER + 1];
    private final long[] lastFailure = new long[AccountTrack.OTHER];
    private final int[][] gaps = new int[AccountTrack.OTHER][];

    void add(long epochSecond, int slot, long n) {
        counts[slot] += n;
        for (long i = 0; i < n; i++) {
            sample.add(epochSecond, slot);
        }
        if (slot == AccountTrack.OTHER) {
            return;
        }
        long last = lastFailure[slot];
        if (last != 0) {
            if (gaps[slot] == null) {
                gaps[slot] = new int[GapBins.count()];
            }
            gaps[slot][GapBins.of(epochSecond - last)]++;
        }
        lastFailure[slot] = epochSecond;
    }

    long count(int slot) {
        return counts[slot];
    }

    /** Returns the gap counts of a slot, or null when it never failed twice. */
    int[] gaps(int slot) {
        return slot == AccountTrack.OTHER ? null : gaps[slot];
    }
}
