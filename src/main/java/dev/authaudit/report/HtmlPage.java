package dev.authaudit.report;

import java.util.List;
import java.util.Locale;

/**
 * The shell the HTML reports share: a self-contained page (inline CSS, no script, no external
 * resource), summary figures, tables and legends. Text passed as {@code text} is escaped here; text
 * passed as {@code html} must already be markup made by us.
 */
public final class HtmlPage {
    private static final String CSS = """
            :root{--ink:#1d1d1f;--muted:#555;--line:#d0d0d0;--band:#f4f4f6}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);
             background:#fff;margin:0 auto;max-width:1180px;padding:18px 22px 40px}
            h1{font-size:24px;margin:0 0 2px}h2{font-size:19px;margin:30px 0 8px;border-bottom:2px solid var(--ink);
             padding-bottom:3px}h3{font-size:15px;margin:0 0 6px}
            .sub{color:var(--muted);margin:0 0 10px}
            nav{font-size:13px;margin:8px 0 4px;display:flex;flex-wrap:wrap;gap:4px 14px}nav a{color:#1f4e99}
            h1,h2,h3,dd,p,li{overflow-wrap:anywhere}
            .table-box,.chart-box{overflow-x:auto;max-width:100%;margin:4px 0 8px}
            .table-box>table{margin:0}
            .chart-box>svg{min-width:840px}
            .pair>div{min-width:0;overflow-x:auto}.pair svg{min-width:420px}
            .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
            .fig{border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:var(--band)}
            .fig b{display:block;font-size:24px;line-height:1.2}.fig span{color:var(--muted);font-size:12px}
            .fig.alert{border-left:5px solid #d95f02}
            table{border-collapse:collapse;width:100%;font-size:13px;margin:4px 0 8px}
            th,td{text-align:left;padding:4px 6px;border-bottom:1px solid var(--line);vertical-align:top}
            th{background:var(--band);font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            tbody tr:nth-child(even){background:#fafafa}
            td.wrap{word-break:break-word;max-width:520px;min-width:260px}
            ul.why{margin:0;padding-left:16px}ul.why li{margin:0 0 2px}
            details summary{color:#1f4e99;font-size:12px}details ul{margin:2px 0;padding-left:16px}code,pre,.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
            .badge{white-space:nowrap}
            .legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px}
            .sw{display:inline-block;width:11px;height:11px;margin-right:5px;vertical-align:-1px;border-radius:2px}
            .sw{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            svg{max-width:100%;height:auto;display:block}
            svg text{font:11px system-ui,"DejaVu Sans",sans-serif;fill:#333}
            .grid{stroke:#e3e3e3}.axisline{stroke:#555}.tick{stroke:#c8c8c8}.lane{stroke:#eee}
            .rowlabel{fill:#555}
            .fail-device{stroke:#d95f02;stroke-width:1.2}.fail-other{stroke:#8d8d8d;stroke-width:1}
            .ok-device{stroke:#1b9e77;stroke-width:1.6}.ok-other{stroke:#1f4e99;stroke-width:1.6}
            line.m-change{stroke:#1f4e99;stroke-width:2;stroke-dasharray:5 3}text.m-change{fill:#1f4e99;font-weight:600}
            line.m-detect{stroke:#7570b3;stroke-width:1.5;stroke-dasharray:2 2}text.m-detect{fill:#5a548f}
            line.m-block{stroke:#c2185b;stroke-width:2}text.m-block{fill:#c2185b;font-weight:600}
            article{border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:10px 0;break-inside:avoid}
            .pair{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:flex-start}
            .pair>div{flex:1 1 340px}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0;font-size:13px}
            dt{color:var(--muted)}dd{margin:0}
            ul.reasons{margin:6px 0 0;padding-left:18px;font-size:13px}
            pre.lines{background:var(--band);border:1px solid var(--line);padding:6px 8px;font-size:12px;
             white-space:pre-wrap;word-break:break-all;margin:4px 0 12px}
            .note{color:var(--muted);font-size:12px}
            footer{margin-top:36px;border-top:1px solid var(--line);padding-top:8px;color:var(--muted);font-size:12px}
            @media (max-width:600px){body{padding:12px 12px 32px}h1{font-size:21px}h2{font-size:17px}
             dl{grid-template-columns:1fr}dt{margin-top:4px}.figures{grid-template-columns:1fr 1fr}
             .fig b{font-size:20px}
             .table-box>table:not(.cards){min-width:760px}
             .cards thead{display:none}.cards tr,.cards td{display:block}.cards td{border:0;padding:2px 4px}
             .cards tr{border-bottom:1px solid var(--line);padding:6px 0}.cards td.wrap{min-width:0;max-width:none}
             .cards td[data-label]:not(:empty)::before{content:attr(data-label) ": ";font-weight:600;
             color:var(--muted)}}
            @media print{.table-box,.chart-box,.pair>div{overflow:visible}.chart-box>svg,.pair svg{min-width:0}
             body{max-width:none;padding:0;font-size:11px}nav{display:none}h2{break-after:avoid}
             tr,article,.fig{break-inside:avoid}a{color:inherit;text-decoration:none}}
            """;

    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Starts a page with its title (plain text). */
    public HtmlPage(String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n<title>").append(Escape.html(title))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    }

    /**
     * Appends markup made by us. A chart ({@code <svg>}) goes into a box of its own that scrolls
     * sideways on a narrow screen, so the chart keeps legible text and the page never overflows.
     */
    public HtmlPage html(String markup) {
        if (markup.startsWith("<svg")) {
            out.append("<div class=\"chart-box\">").append(markup).append("</div>");
        } else {
            out.append(markup);
        }
        return this;
    }

    /** Appends text, escaped. */
    public HtmlPage text(String text) {
        out.append(Escape.html(text));
        return this;
    }

    /** Opens a section with an anchor id (made by us) and a heading (plain text). */
    public HtmlPage section(String id, String heading) {
        out.append("<section id=\"").append(id).append("\">\n<h2>").append(Escape.html(heading)).append("</h2>\n");
        return this;
    }

    /** Closes a section. */
    public HtmlPage end() {
        out.append("</section>\n");
        return this;
    }

    /** Appends a figure card: a big number and what it counts; {@code alert} draws attention to it. */
    public HtmlPage figure(long value, String what, boolean alert) {
        out.append("<div class=\"fig").append(alert ? " alert" : "").append("\"><b>")
                .append(String.format(Locale.ROOT, "%,d", value)).append("</b><span>").append(Escape.html(what))
                .append("</span></div>");
        return this;
    }

    /** Appends a legend for category words, in {@link Palette} colours. */
    public HtmlPage legend(List<String> categories) {
        out.append("<ul class=\"legend\">");
        for (String c : categories) {
            out.append("<li><span class=\"sw\" style=\"background:").append(Palette.color(c)).append("\"></span>")
                    .append(Escape.html(Palette.label(c))).append("</li>");
        }
        out.append("</ul>\n");
        return this;
    }

    /**
     * Appends a table. Cells are markup: pass {@link #cell} or {@link #badge} output, never raw log text.
     *
     * @param numeric per column, whether it is right-aligned numbers
     */
    public HtmlPage table(List<String> headers, boolean[] numeric, List<List<String>> rows) {
        return table(headers, numeric, rows, false);
    }

    /**
     * Appends a table; with {@code cards} a phone shows each row as a card (cells one under the other,
     * each led by its column's name) instead of a narrow column of long sentences.
     */
    public HtmlPage table(List<String> headers, boolean[] numeric, List<List<String>> rows, boolean cards) {
        // a wide table scrolls inside its own box rather than widening the page
        out.append(cards ? "<div class=\"table-box\"><table class=\"cards\">\n<thead><tr>"
                : "<div class=\"table-box\"><table>\n<thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            out.append(numeric[i] ? "<th class=\"n\" scope=\"col\">" : "<th scope=\"col\">")
                    .append(Escape.html(headers.get(i))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String label = cards ? " data-label=\"" + Escape.html(headers.get(i)) + "\"" : "";
                out.append(numeric[i] ? "<td class=\"n\"" + label + ">" : i == row.size() - 1
                        ? "<td class=\"wrap\"" + label + ">" : "<td" + label + ">").append(row.get(i)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        return this;
    }

    /** Returns text escaped for a table cell. */
    public static String cell(String text) {
        return Escape.html(text);
    }

    /** Returns a number formatted for a table cell. */
    public static String cell(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Returns a badge for a category word: a colour swatch beside the word in dark text, so the meaning
     * never rests on colour alone (the word is one of ours, escaped anyway).
     */
    public static String badge(String category) {
        return "<span class=\"badge\"><span class=\"sw\" style=\"background:" + Palette.color(category)
                + "\"></span>" + Escape.html(Palette.label(category)) + "</span>";
    }

    /** Appends the footer (plain text) and closes the page; returns the document. */
    public String finish(String footer) {
        out.append("<footer>").append(Escape.html(footer)).append("</footer>\n</body>\n</html>\n");
        return out.toString();
    }
}
