package dev.authaudit.report;

import java.util.HashMap;
import java.util.Map;

/**
 * Failures per hour counted twice over: from primary lines and from Dovecot detail lines. Where a
 * server logs both for one attempt the two counts agree; where it logs only one kind, that kind is
 * all there is. Taking the larger count per hour counts each attempt once either way, without pairing
 * lines one by one (the correlator does that; the report only needs hourly numbers).
 */
final class PairedRuns {
    private final HourRuns primary = new HourRuns();
    private HourRuns detail;

    void add(long epochHour, long n, boolean isDetail) {
        if (isDetail) {
            if (detail == null) {
                detail = new HourRuns();
            }
            detail.add(epochHour, n);
        } else {
            primary.add(epochHour, n);
        }
    }

    /** Returns the failures per epoch hour, the larger of the two counts in each hour. */
    Map<Long, Long> hourly() {
        Map<Long, Long> p = sum(primary);
        if (detail == null) {
            return p;
        }
        sum(detail).forEach((h, n) -> p.merge(h, n, Math::max));
        return p;
    }

    /** Returns the failures per epoch hour from primary lines. */
    Map<Long, Long> primaryHourly() {
        return sum(primary);
    }

    /** Returns the failures per epoch hour from detail lines. */
    Map<Long, Long> detailHourly() {
        return detail == null ? Map.of() : sum(detail);
    }

    /** Returns a total good enough to rank subjects by. */
    long total() {
        return Math.max(primary.total(), detail == null ? 0 : detail.total());
    }

    private static Map<Long, Long> sum(HourRuns runs) {
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            out.merge(runs.hour(i), runs.count(i), Long::sum);
        }
        return out;
    }
}
