package dev.authaudit.report;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report as one CSV table with a {@code kind} column ({@code account}, {@code address},
 * {@code block}, {@code notice}), so one file opens in a spreadsheet and filters by kind. Cells are
 * quoted and neutralised against formula injection ({@link Escape#csv}).
 */
public final class ReportCsvWriter {
    static final String HEADER = "kind,subject,verdict,confidence,failures,successes,blocked,time,detected_at,"
            + "source,trigger,hits,ports,account,addresses_or_logins,reasons";

    /** Writes the table with its header. */
    public void write(Report r, Writer out) {
        PrintWriter w = new PrintWriter(out);
        w.print(HEADER + "\r\n");
        for (AccountEntry a : r.accounts()) {
            row(w, "account", a.account(), a.verdict().word(), conf(a.confidence()), a.failures(), a.successes(), "",
                    "", time(a.detectedAt()), "", "", "", "", a.account(),
                    a.customerSources().stream().map(SourceEntry::ip).collect(Collectors.joining(" ")), a.reasons());
        }
        for (IpEntry i : r.ips()) {
            row(w, "address", i.ip(), i.verdict().word(), conf(i.confidence()), i.failures(), i.successes(),
                    i.blocked(), "", "", "", "", "", "", "", String.join(" ", i.accounts())
                            // the list keeps the most frequent logins; say how many it left out
                            + (i.accountsTotal() > i.accounts().size()
                            ? " +" + (i.accountsTotal() - i.accounts().size()) + " more" : ""), i.reasons());
        }
        for (BlockEntry b : r.blocks()) {
            row(w, "block", b.ip(), b.cause().word(), conf(b.confidence()), b.failures(), "", "", time(b.at()), "",
                    b.source(), b.trigger(), b.hits() == null ? "" : b.hits(),
                    b.ports().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                    b.account() == null ? "" : b.account(), "", b.reasons());
        }
        for (NoticeEntry n : r.notices()) {
            row(w, "notice", n.account(), n.status().word(), "", "", "", "", time(n.at()), "", "", "", "", "",
                    n.to() == null ? "" : n.to(), "", List.of(n.reason()));
        }
        w.flush();
    }

    private static String conf(double c) {
        return String.format(java.util.Locale.ROOT, "%.2f", c);
    }

    private static String time(java.time.OffsetDateTime t) {
        return t == null ? "" : t.toString();
    }

    private static void row(PrintWriter w, Object... cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object c = cells[i];
            String v;
            if (c instanceof List<?> list) {
                v = list.stream().map(String::valueOf).collect(Collectors.joining(" | "));
            } else {
                v = String.valueOf(c);
            }
            sb.append(c instanceof Number ? v : Escape.csv(v));
        }
        w.print(sb.append("\r\n"));
    }
}
