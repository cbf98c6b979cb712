package dev.authaudit.history;

import dev.authaudit.report.Escape;
import dev.authaudit.report.Palette;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A history period for a person at a terminal: totals, one line per day, the stale-password customers
 * and the busiest logins and addresses. Log-derived strings go through {@link Escape#terminal}.
 */
public final class HistoryTextWriter {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);

    /** Writes the summary. */
    public void write(HistorySummary h, Writer out) {
        PrintWriter w = new PrintWriter(out);
        w.println("authaudit history " + h.from() + " to " + h.to() + " (" + h.days().size() + " of "
                + (h.days().size() + h.missing().size()) + " days recorded)");
        w.printf(Locale.ROOT, "  failures   %,d (%s)%n", h.failures(), counts(h.failuresByVerdict()));
        w.printf(Locale.ROOT, "  successes  %,d%n", h.successes());
        w.printf(Locale.ROOT, "  blocks     %,d%s%n", sum(h.blocksByCause()),
                h.blocksByCause().isEmpty() ? "" : " (" + counts(h.blocksByCause()) + ")");
        w.printf(Locale.ROOT, "  notices    %,d%s%n", sum(h.noticesByStatus()),
                h.noticesByStatus().isEmpty() ? "" : " (" + counts(h.noticesByStatus()) + ")");
        if (!h.missing().isEmpty()) {
            w.println("  missing    " + h.missing().stream().map(Object::toString).collect(Collectors.joining(", "))
                    + " (no scan covered them)");
        }
        w.println();
        w.println("Days");
        for (DayAggregate d : h.days()) {
            long hours = d.coverage().toHours();
            w.printf(Locale.ROOT, "  %s  %,8d failures %,8d successes %,5d blocks %,3d notices  stale %,d%s%n",
                    DAY.format(d.day()), d.failures(), d.successes(), d.blocks(), d.notices(),
                    d.failuresByVerdict().getOrDefault("stale_password", 0L),
                    hours < 23 ? "  (covers " + hours + " h)" : "");
        }
        list(w, "Customers with a stale password", h.customers());
        list(w, "Busiest logins", h.topLogins());
        list(w, "Busiest addresses", h.topAddresses());
        w.flush();
    }

    private static void list(PrintWriter w, String title, List<TopEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        w.println();
        w.println(title + " (" + entries.size() + ")");
        for (TopEntry t : entries) {
            w.printf(Locale.ROOT, "  %-39s %-15s %,7d failures on %d day%s%n", Escape.terminal(t.subject()),
                    t.verdict() == null ? "-" : t.verdict(), t.failures(), t.days(), t.days() == 1 ? "" : "s");
        }
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String counts(Map<String, Long> m) {
        return m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), Palette.label(e.getKey())))
                .collect(Collectors.joining(", "));
    }
}
