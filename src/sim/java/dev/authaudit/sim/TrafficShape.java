package dev.authaudit.sim;

/** The daily and weekly shape of a mail host's traffic: quiet nights, busy office hours, calmer weekends. */
final class TrafficShape {
    private static final double[] HOURLY = {0.30, 0.25, 0.22, 0.22, 0.25, 0.35, 0.55, 0.85, 1.25, 1.45, 1.50, 1.45,
        1.35, 1.40, 1.45, 1.40, 1.30, 1.10, 0.90, 0.80, 0.75, 0.65, 0.50, 0.40};

    private final TimeFormat time;

    TrafficShape(TimeFormat time) {
        this.time = time;
    }

    /** Returns the relative traffic weight of the hour starting at {@code t}. */
    double weight(long t) {
        java.time.LocalDateTime l = time.local(t);
        double w = HOURLY[l.getHour()];
        return l.getDayOfWeek().getValue() >= 6 ? w * 0.6 : w;
    }

    /** Returns the sum of hourly weights from {@code from} (inclusive) to {@code to} (exclusive). */
    double sum(long from, long to) {
        double s = 0;
        for (long t = from; t < to; t += 3600) {
            s += weight(t);
        }
        return s;
    }
}
