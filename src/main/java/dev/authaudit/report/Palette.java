package dev.authaudit.report;

import java.util.List;
import java.util.Map;

/**
 * Colours and labels of the report's categories (account verdicts, block causes and the chart's extra
 * buckets), shared by every chart and badge so one word has one colour everywhere. The colours keep a
 * contrast of at least 3:1 against white and are told apart by more than hue alone in the tables.
 */
public final class Palette {
    /** The stacking order of the failures chart, bottom first: what the admin acts on sits on the axis. */
    public static final List<String> FAILURE_ORDER = List.of("stale_password", "mistyped", "ok",
            HourFailures.UNKNOWN_SOURCE, HourFailures.GUESSER, "targeted", "unknown_user", HourFailures.NO_LOGIN,
            HourFailures.NOT_KEPT);
    /** The stacking order of the blocks chart, bottom first: blocks that hit customers sit on the axis. */
    public static final List<String> BLOCK_ORDER = List.of("stale_password", "mistyped", "closed_port",
            "brute_force", "port_scan", "unknown");

    private static final Map<String, String> COLORS = Map.ofEntries(
            Map.entry("stale_password", "#d95f02"), Map.entry("mistyped", "#7570b3"), Map.entry("ok", "#1b9e77"),
            Map.entry("targeted", "#c2185b"), Map.entry("unknown_user", "#8d8d8d"),
            Map.entry(HourFailures.NO_LOGIN, "#a6761d"), Map.entry(HourFailures.NOT_KEPT, "#bdbdbd"),
            Map.entry("brute_force", "#c2185b"), Map.entry("port_scan", "#1f4e99"),
            Map.entry("closed_port", "#00796b"), Map.entry("unknown", "#8d8d8d"), Map.entry("attacker", "#c2185b"),
            Map.entry("scanner", "#1f4e99"), Map.entry("customer", "#1b9e77"), Map.entry("sent", "#1b9e77"),
            Map.entry("drafted", "#7570b3"), Map.entry("suppressed", "#8d8d8d"), Map.entry("failures", "#d95f02"),
            Map.entry(HourFailures.GUESSER, "#e7298a"), Map.entry(HourFailures.UNKNOWN_SOURCE, "#666666"),
            Map.entry("still_blocked", "#b71c1c"), Map.entry("distributed", "#c2185b"));

    private static final Map<String, String> LABELS = Map.of(HourFailures.NO_LOGIN, "no login named",
            HourFailures.NOT_KEPT, "logins past the memory cap", "ok", "ok (too few to say)",
            HourFailures.GUESSER, "guesses at a customer's login", HourFailures.UNKNOWN_SOURCE,
            "customer's login, source not known", "targeted", "targeted (guesses)",
            "unknown_user", "unknown user (guesses)");

    private Palette() {
    }

    /** Returns the colour of a category word, grey for words it does not know. */
    public static String color(String category) {
        return COLORS.getOrDefault(category, "#8d8d8d");
    }

    /** Returns the label of a category word for people: {@code stale_password} → {@code stale password}. */
    public static String label(String category) {
        return LABELS.getOrDefault(category, category.replace('_', ' '));
    }
}
