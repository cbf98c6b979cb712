package dev.authaudit.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a stacked bar chart as inline SVG: one bar per time bucket, one segment per category in
 * {@link Palette} colours, a y axis with round steps, and a tooltip ({@code <title>}) per bar. The SVG
 * carries a title and description for screen readers; the legend is left to the page.
 */
public final class StackedBarChart {
    private static final int LEFT = 56;
    private static final int RIGHT = 8;
    private static final int TOP = 10;
    private static final int BOTTOM = 34;

    private final int width;
    private final int height;

    /** One bar: its tooltip label and its value per category. */
    public record Bar(String label, Map<String, Long> values) {
        public Bar {
            values = Map.copyOf(values);
        }
    }

    /** A label under the x axis, at the left edge of bar {@code index}. */
    public record Tick(int index, String label) {
    }

    /** @param width the drawing's width in pixels; @param height its height */
    public StackedBarChart(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * Returns the SVG element.
     *
     * @param title the accessible name (plain text; escaped here)
     * @param description a sentence summarising the data for people who cannot see it (escaped here)
     * @param order the categories, bottom of the stack first; categories not listed are not drawn
     * @param unit the word after a count in tooltips, e.g. {@code failures}
     */
    public String svg(String title, String description, List<Bar> bars, List<Tick> ticks, List<String> order,
                      String unit) {
        StringBuilder s = new StringBuilder(bars.size() * 200 + 1024);
        s.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\">");
        s.append("<title>").append(Escape.html(title)).append("</title><desc>").append(Escape.html(description))
                .append("</desc>");
        long max = 0;
        for (Bar b : bars) {
            max = Math.max(max, order.stream().mapToLong(c -> b.values().getOrDefault(c, 0L)).sum());
        }
        long step = niceStep(Math.max(1, max));
        long top = Math.max(step, ((max + step - 1) / step) * step);
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        for (long v = 0; v <= top; v += step) {
            double y = TOP + plotH - plotH * v / top;
            s.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
            s.append("<text class=\"axis\" text-anchor=\"end\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(f(y + 4)).append("\">").append(String.format(Locale.ROOT, "%,d", v)).append("</text>");
        }
        double bw = bars.isEmpty() ? plotW : plotW / bars.size();
        double gap = bw >= 4 ? Math.min(2, bw * 0.15) : 0;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            long total = order.stream().mapToLong(c -> b.values().getOrDefault(c, 0L)).sum();
            if (total == 0) {
                continue;
            }
            StringBuilder tip = new StringBuilder(b.label()).append(": ").append(String.format(Locale.ROOT, "%,d",
                    total)).append(' ').append(unit);
            double x = LEFT + i * bw + gap / 2;
            double y = TOP + plotH;
            s.append("<g>");
            for (String c : order) {
                long v = b.values().getOrDefault(c, 0L);
                if (v == 0) {
                    continue;
                }
                tip.append(", ").append(String.format(Locale.ROOT, "%,d", v)).append(' ').append(Palette.label(c));
                double h = plotH * v / top;
                y -= h;
                s.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"")
                        .append(f(Math.max(0.6, bw - gap))).append("\" height=\"").append(f(h)).append("\" fill=\"")
                        .append(Palette.color(c)).append("\"/>");
            }
            s.append("<title>").append(Escape.html(tip.toString())).append("</title></g>");
        }
        s.append("<line class=\"axisline\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT)
                .append("\" y1=\"").append(f(TOP + plotH)).append("\" y2=\"").append(f(TOP + plotH)).append("\"/>");
        for (Tick t : ticks) {
            double x = LEFT + t.index() * bw;
            if (x > width - RIGHT - 30) {
                continue;
            }
            s.append("<line class=\"tick\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(f(TOP + plotH)).append("\" y2=\"").append(f(TOP + plotH + 5)).append("\"/>");
            s.append("<text class=\"axis\" x=\"").append(f(x + 2)).append("\" y=\"").append(f(TOP + plotH + 17))
                    .append("\">").append(Escape.html(t.label())).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    /** Returns a round step (1, 2 or 5 times a power of ten) that splits {@code max} into about four. */
    static long niceStep(long max) {
        double raw = max / 4.0;
        long magnitude = (long) Math.pow(10, Math.floor(Math.log10(Math.max(1, raw))));
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return Math.max(1, m * magnitude);
            }
        }
        return 10 * magnitude;
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
