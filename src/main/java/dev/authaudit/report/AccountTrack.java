package dev.authaudit.report;

/**
 * What the report keeps of one login while events stream, before any verdict exists: failures per
 * hour, thinned samples of failure and success times tagged with the source address, and per source
 * the gaps between consecutive failures. Bounded: seven named sources, the rest share slot 7; detail
 * lines get their own lane only when the login has any.
 */
final class AccountTrack {
    /** The slot shared by sources past the named ones. */
    static final int OTHER = 7;
    static final int FAILURE_SAMPLE = 500;
    static final int SUCCESS_SAMPLE = 100;

    private final String[] ips = new String[OTHER];
    final PairedRuns hours = new PairedRuns();
    final TimeSample successes = new TimeSample(SUCCESS_SAMPLE);
    private FailureLane primary;
    private FailureLane detail;

    void failure(long epochSecond, String ip, long n, boolean isDetail) {
        hours.add(Math.floorDiv(epochSecond, 3600), n, isDetail);
        FailureLane lane;
        if (isDetail) {
            lane = detail == null ? (detail = new FailureLane()) : detail;
        } else {
            lane = primary == null ? (primary = new FailureLane()) : primary;
        }
        lane.add(epochSecond, slot(ip), n);
    }

    void success(long epochSecond, String ip) {
        successes.add(epochSecond, slot(ip));
    }

    long failureCount() {
        return hours.total();
    }

    /** Returns the lane to draw a slot from: primary lines when the slot had any, else detail lines. */
    FailureLane lane(int slot) {
        if (primary != null && (primary.count(slot) > 0 || detail == null)) {
            return primary;
        }
        return detail;
    }

    /** Returns both lanes that exist, primary first. */
    java.util.List<FailureLane> lanes() {
        java.util.List<FailureLane> out = new java.util.ArrayList<>(2);
        if (primary != null) {
            out.add(primary);
        }
        if (detail != null) {
            out.add(detail);
        }
        return out;
    }

    /** Returns the address of a slot, or null for {@link #OTHER} and unused slots. */
    String ip(int slot) {
        return slot == OTHER ? null : ips[slot];
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
