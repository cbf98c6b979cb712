package dev.authaudit.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The failures-per-hour chart: puts {@link HourFailures} into bars (an hour each for a week or so, wider
 * buckets for longer periods so a bar stays visible), fills the quiet hours, labels local days, and
 * draws them with {@link StackedBarChart}.
 */
public final class FailureChart {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d", Locale.ROOT);
    private static final DateTimeFormatter TIP = DateTimeFormatter.ofPattern("EEE MMM d HH:mm", Locale.ROOT);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final int width;
    private final int height;

    /** @param width the chart's width in pixels; @param height its height */
    public FailureChart(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Returns the hours per bar for a period of {@code hours} hours. */
    static int bucketHours(long hours) {
        return hours <= 24 * 8 ? 1 : hours <= 24 * 24 ? 3 : hours <= 24 * 48 ? 6 : 24;
    }

    /** Returns the categories that occur in {@code hours}, in stacking order. */
    public static List<String> categories(List<HourFailures> hours) {
        Set<String> seen = new LinkedHashSet<>();
        hours.forEach(h -> h.byCategory().forEach((c, v) -> {
            if (v > 0) {
                seen.add(c);
            }
        }));
        return Palette.FAILURE_ORDER.stream().filter(seen::contains).toList();
    }

    /** Returns the SVG chart of {@code hours} (in time order, non-empty), labelled in {@code offset}. */
    public String svg(List<HourFailures> hours, ZoneOffset offset) {
        return svg(hours, offset, "failed logins", "by who failed", Palette.FAILURE_ORDER, "failures");
    }

    /**
     * Returns the SVG chart of {@code hours} (in time order, non-empty), labelled in {@code offset}.
     *
     * @param things what a bar counts, plural ({@code firewall blocks})
     * @param split how its colours split it ({@code by cause})
     * @param order the stacking order of the categories
     * @param unit the word of the hover counts
     */
    public String svg(List<HourFailures> hours, ZoneOffset offset, String things, String split, List<String> order,
                      String unit) {
        long off = offset.getTotalSeconds();
        long first = hours.get(0).hour().getEpochSecond();
        long last = hours.get(hours.size() - 1).hour().getEpochSecond();
        int bucket = bucketHours((last - first) / 3600 + 1);
        long size = bucket * 3600L;
        long firstBucket = Math.floorDiv(first + off, size);
        // a short run still gets a day's width of bars, so one busy hour is not a wall of colour
        int n = (int) Math.max(24, Math.floorDiv(last + off, size) - firstBucket + 1);
        List<Map<String, Long>> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(new HashMap<>());
        }
        long total = 0;
        long peak = 0;
        Instant peakAt = null;
        for (HourFailures h : hours) {
            int i = (int) (Math.floorDiv(h.hour().getEpochSecond() + off, size) - firstBucket);
            h.byCategory().forEach((c, v) -> values.get(i).merge(c, v, Long::sum));
            total += h.failures();
            if (h.failures() > peak) {
                peak = h.failures();
                peakAt = h.hour();
            }
        }
        List<StackedBarChart.Bar> bars = new ArrayList<>();
        List<StackedBarChart.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OffsetDateTime start = Instant.ofEpochSecond((firstBucket + i) * size - off).atOffset(offset);
            String label = TIP.format(start) + (bucket > 1 ? "–" + HOUR.format(start.plusHours(bucket)) : "");
            bars.add(new StackedBarChart.Bar(label, values.get(i)));
            if (n <= 48 && start.getHour() % 6 == 0) {
                ticks.add(new StackedBarChart.Tick(i, HOUR.format(start)
                        + (start.getHour() == 0 || ticks.isEmpty() ? " " + DAY.format(start) : "")));
            } else if (n > 48 && start.getHour() < bucket) {
                ticks.add(new StackedBarChart.Tick(i, DAY.format(start)));
            }
        }
        // more than about fourteen day labels crowd the axis; keep every k-th
        int every = (ticks.size() + 13) / 14;
        List<StackedBarChart.Tick> shown = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i += Math.max(1, every)) {
            shown.add(ticks.get(i));
        }
        String what = bucket == 1 ? "hour" : bucket + " hours";
        String description = String.format(Locale.ROOT, "%,d %s in %d bars of %s each, %s; the busiest hour had"
                + " %,d%s.", total, things, n, what, split, peak,
                peakAt == null ? "" : " (" + TIP.format(peakAt.atOffset(offset)) + ")");
        String title = Character.toUpperCase(things.charAt(0)) + things.substring(1) + " per " + what + " " + split;
        return new StackedBarChart(width, height).svg(title, description, bars, shown, order, unit);
    }
}
