package dev.authaudit.report;

import static dev.authaudit.report.StackedBarChart.f;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Draws one stale-password customer's timeline as inline SVG across the report period: a tick per
 * failure of their device (regular spacing is the client's polling), failures from elsewhere below,
 * successful logins above, and vertical markers for the password change, the detection and the
 * firewall's first block.
 */
public final class TimelineStrip {
    private static final int LEFT = 110;
    private static final int RIGHT = 12;
    private static final int HEIGHT = 150;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

    private final int width;

    /** @param width the drawing's width in pixels */
    public TimelineStrip(int width) {
        this.width = width;
    }

    /**
     * Returns the SVG element for {@code strip} between {@code from} and {@code to}, times shown in
     * {@code offset}.
     */
    public String svg(AccountStrip strip, Instant from, Instant to, ZoneOffset offset) {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = to.isAfter(start) ? to : start.plusSeconds(3600);
        double span = Duration.between(start, end).getSeconds();
        double plotW = width - LEFT - RIGHT;
        StringBuilder s = new StringBuilder(8192);
        s.append("<svg class=\"strip\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(HEIGHT)
                .append("\" width=\"").append(width).append("\" height=\"").append(HEIGHT).append("\">");
        s.append("<title>").append(Escape.html("Timeline of " + strip.account())).append("</title><desc>")
                .append(Escape.html(description(strip, offset))).append("</desc>");
        int[] rows = {52, 76, 104};
        String[] names = {"logins OK", "device fails", "others fail"};
        for (int i = 0; i < rows.length; i++) {
            s.append("<text class=\"rowlabel\" x=\"").append(LEFT - 8).append("\" y=\"").append(rows[i] + 4)
                    .append("\" text-anchor=\"end\">").append(names[i]).append("</text>");
            s.append("<line class=\"lane\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT)
                    .append("\" y1=\"").append(rows[i]).append("\" y2=\"").append(rows[i]).append("\"/>");
        }
        axis(s, start, end, span, plotW, offset);
        ticks(s, strip.deviceSuccesses(), start, span, plotW, 46, 58, "ok-device");
        ticks(s, strip.otherSuccesses(), start, span, plotW, 46, 58, "ok-other");
        ticks(s, strip.deviceFailures(), start, span, plotW, 64, 88, "fail-device");
        ticks(s, strip.otherFailures(), start, span, plotW, 99, 109, "fail-other");
        int labelRow = 0;
        labelRow = marker(s, strip.passwordChangeAt(), "password changed"
                + (strip.passwordChangeIp() == null ? "" : " (login from " + strip.passwordChangeIp() + ")"),
                "m-change", start, span, plotW, offset, labelRow);
        labelRow = marker(s, strip.detectedAt(), "detected", "m-detect", start, span, plotW, offset, labelRow);
        marker(s, strip.firstBlockAt(), "first blocked", "m-block", start, span, plotW, offset, labelRow);
        return s.append("</svg>").toString();
    }

    private void ticks(StringBuilder s, List<Instant> times, Instant start, double span, double plotW, int y1,
                       int y2, String cls) {
        if (times.isEmpty()) {
            return;
        }
        // one path per lane keeps a 500-tick strip to a single element
        s.append("<path class=\"").append(cls).append("\" d=\"");
        for (Instant t : times) {
            double x = LEFT + plotW * Duration.between(start, t).getSeconds() / span;
            if (x < LEFT || x > LEFT + plotW) {
                continue;
            }
            s.append('M').append(f(x)).append(' ').append(y1).append('V').append(y2);
        }
        s.append("\"/>");
    }

    private int marker(StringBuilder s, Instant at, String what, String cls, Instant start, double span,
                       double plotW, ZoneOffset offset, int row) {
        if (at == null) {
            return row;
        }
        double x = LEFT + plotW * Duration.between(start, at).getSeconds() / span;
        if (x < LEFT || x > LEFT + plotW) {
            return row;
        }
        int y = 11 + row * 12;
        s.append("<line class=\"").append(cls).append("\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
                .append("\" y1=\"").append(y + 2).append("\" y2=\"112\"/>");
        boolean right = x > LEFT + plotW * 0.6;
        s.append("<text class=\"").append(cls).append("\" x=\"").append(f(right ? x - 4 : x + 4)).append("\" y=\"")
                .append(y + 1).append("\"").append(right ? " text-anchor=\"end\"" : "").append(">")
                .append(Escape.html(what + " " + WHEN.format(at.atOffset(offset)))).append("</text>");
        return row + 1;
    }

    private void axis(StringBuilder s, Instant start, Instant end, double span, double plotW, ZoneOffset offset) {
        s.append("<line class=\"axisline\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT)
                .append("\" y1=\"118\" y2=\"118\"/>");
        long minutes = Duration.between(start, end).toMinutes();
        long step = minutes <= 180 ? 30 : minutes <= 720 ? 60 : minutes <= 36 * 60 ? 360 : minutes <= 10 * 1440
                ? 1440 : minutes <= 40 * 1440 ? 7 * 1440 : 30 * 1440;
        OffsetDateTime t = start.atOffset(offset).truncatedTo(ChronoUnit.DAYS);
        while (t.toInstant().isBefore(start)) {
            t = t.plusMinutes(step);
        }
        boolean first = true;
        for (; !t.toInstant().isAfter(end); t = t.plusMinutes(step)) {
            double x = LEFT + plotW * Duration.between(start, t.toInstant()).getSeconds() / span;
            s.append("<line class=\"tick\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
                    .append("\" y1=\"40\" y2=\"123\"/>");
            if (x < LEFT + plotW - 30) {
                boolean midnight = t.getHour() == 0 && t.getMinute() == 0;
                String label = step >= 1440 ? DAY.format(t)
                        : first || midnight ? DAY.format(t) + " " + HOUR.format(t) : HOUR.format(t);
                s.append("<text class=\"axis\" x=\"").append(f(x + 2)).append("\" y=\"136\">").append(label)
                        .append("</text>");
                first = false;
            }
        }
    }

    private static String description(AccountStrip strip, ZoneOffset offset) {
        StringBuilder d = new StringBuilder();
        d.append(strip.failures()).append(" failures; ").append(strip.deviceFailures().size())
                .append(" drawn from the device ").append(String.join(", ", strip.deviceIps()));
        if (strip.failureStride() > 1) {
            d.append(" (one tick per ").append(strip.failureStride()).append(" failures)");
        }
        d.append(", ").append(strip.otherFailures().size()).append(" from other addresses; ")
                .append(strip.deviceSuccesses().size() + strip.otherSuccesses().size()).append(" successful logins");
        if (strip.passwordChangeAt() != null) {
            d.append("; password changed ").append(WHEN.format(strip.passwordChangeAt().atOffset(offset)));
        }
        if (strip.firstBlockAt() != null) {
            d.append("; first blocked ").append(WHEN.format(strip.firstBlockAt().atOffset(offset)));
        }
        return d.toString();
    }
}
