package dev.authaudit.history;

import dev.authaudit.report.Escape;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link HistorySummary} as one long CSV table, a row per (day, measure): {@code kind} is
 * {@code day}, {@code login} or {@code address}; {@code measure} is {@code failures}, {@code successes},
 * {@code blocks} or {@code notices}; {@code category} the verdict, cause or status word. A pivot table
 * turns it into any chart. Cells go through {@link Escape#csv}.
 */
public final class HistoryCsvWriter {
    static final String HEADER = "kind,day,subject,category,measure,value";

    /** Writes the table with its header. */
    public void write(HistorySummary h, Writer out) {
        PrintWriter w = new PrintWriter(out);
        w.print(HEADER + "\r\n");
        for (DayAggregate d : h.days()) {
            String day = d.day().toString();
            row(w, "day", day, "", "", "failures", d.failures());
            row(w, "day", day, "", "", "successes", d.successes());
            counts(w, day, "failures", d.failuresByVerdict());
            counts(w, day, "blocks", d.blocksByCause());
            counts(w, day, "notices", d.noticesByStatus());
            d.topLogins().forEach(t -> row(w, "login", day, t.subject(), t.verdict() == null ? "" : t.verdict(),
                    "failures", t.failures()));
            d.topAddresses().forEach(t -> row(w, "address", day, t.subject(), t.verdict() == null ? ""
                    : t.verdict(), "failures", t.failures()));
        }
        w.flush();
    }

    private static void counts(PrintWriter w, String day, String measure, Map<String, Long> counts) {
        new TreeMap<>(counts).forEach((k, v) -> row(w, "day", day, "", k, measure, v));
    }

    private static void row(PrintWriter w, String kind, String day, String subject, String category, String measure,
                            long value) {
        w.print(kind + "," + day + "," + Escape.csv(subject) + "," + Escape.csv(category) + "," + measure + ","
                + value + "\r\n");
    }
}
