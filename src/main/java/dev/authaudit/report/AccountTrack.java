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
    /** Failures per hour of each slot, so the chart can colour them by what the source is to the login. */
    private final PairedRuns[] slotHours = new PairedRuns[OTHER + 1];
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
        int slot = slot(ip);
        lane.add(epochSecond, slot, n);
        if (slotHours[slot] == null) {
            slotHours[slot] = new PairedRuns();
        }
        slotHours[slot].add(Math.floorDiv(epochSecond, 3600), n, isDetail);
    }

    /**
     * Returns per slot its failures per hour. A Dovecot detail line may name no address where its primary
     * line does, so each hour is split by the kind of line that counted more in it (primary lines when
     * tied), never by both: the slots add up to the login's hour.
     */
    java.util.Map<Integer, java.util.Map<Long, Long>> slotHourly() {
        java.util.Map<Long, Long> primaryTotal = new java.util.HashMap<>();
        java.util.Map<Long, Long> detailTotal = new java.util.HashMap<>();
        for (PairedRuns r : slotHours) {
            if (r != null) {
                r.primaryHourly().forEach((h, n) -> primaryTotal.merge(h, n, Long::sum));
                r.detailHourly().forEach((h, n) -> detailTotal.merge(h, n, Long::sum));
            }
        }
        java.util.Map<Integer, java.util.Map<Long, Long>> out = new java.util.HashMap<>();
        for (int slot = 0; slot <= OTHER; slot++) {
            if (slotHours[slot] == null) {
                continue;
            }
            java.util.Map<Long, Long> mine = new java.util.HashMap<>();
            slotHours[slot].primaryHourly().forEach((h, n) -> {
                if (primaryTotal.get(h) >= detailTotal.getOrDefault(h, 0L)) {
                    mine.merge(h, n, Long::sum);
                }
            });
            slotHours[slot].detailHourly().forEach((h, n) -> {
                if (detailTotal.get(h) > primaryTotal.getOrDefault(h, 0L)) {
                    mine.merge(h, n, Long::sum);
                }
            });
            out.put(slot, mine);
        }
        return out;
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
