package dev.authaudit.report;

import java.util.List;

/**
 * What the HTML report draws beyond the report-v1 model: failures per hour by verdict, a timeline per
 * stale-password customer and sample skipped lines per input. Bounded by the collector that made it.
 *
 * @param hours hours with any failure or success, in time order
 * @param strips one per stale-password customer, in report order
 * @param skipped sample skipped lines per input that had any
 * @param loginsNotKept logins whose activity the collector's memory cap folded into {@link HourFailures#NOT_KEPT}
 */
public record ReportDetail(List<HourFailures> hours, List<AccountStrip> strips, List<SkippedSample> skipped,
                           long loginsNotKept) {
    /** A detail with nothing in it (for reports made without a collector). */
    public static final ReportDetail EMPTY = new ReportDetail(List.of(), List.of(), List.of(), 0);

    public ReportDetail {
        hours = List.copyOf(hours);
        strips = List.copyOf(strips);
        skipped = List.copyOf(skipped);
    }
}
