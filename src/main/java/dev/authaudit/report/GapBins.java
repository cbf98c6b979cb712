package dev.authaudit.report;

import java.util.List;

/**
 * The bins of the gap histogram: time between consecutive failures from the same device. A mail
 * client polling with a stored password fills one bin (its check interval); a person retrying fills
 * the short bins. Bins are centred on the intervals clients offer (1, 2-3, 5, 10, 15, 30, 60 minutes),
 * so a 5-minute poll with a few seconds of jitter stays in one bar.
 */
public final class GapBins {
    /** Upper bounds in seconds (exclusive); the last bin is open-ended. */
    private static final long[] BOUNDS = {10, 45, 90, 210, 450, 750, 1200, 2700, 5400, 10800, 32400};
    private static final List<String> LABELS = List.of("under 10 s", "10-45 s", "about 1 min", "about 2-3 min",
            "about 5 min", "about 10 min", "about 15 min", "about 30 min", "about 1 h", "about 2 h", "about 6 h",
            "over 9 h");
    private static final List<String> SHORT = List.of("<10s", "~30s", "1m", "2-3m", "5m", "10m", "15m", "30m",
            "1h", "2h", "6h", ">9h");

    private GapBins() {
    }

    /** Returns how many bins there are. */
    public static int count() {
        return LABELS.size();
    }

    /** Returns the label of bin {@code i} for people, e.g. {@code about 5 min}. */
    public static String label(int i) {
        return LABELS.get(i);
    }

    /** Returns the short label of bin {@code i} for an axis, e.g. {@code 5m}. */
    public static String shortLabel(int i) {
        return SHORT.get(i);
    }

    /** Returns the bin of a gap in seconds. */
    static int of(long seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds < BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }
}
