package dev.authaudit.report;

import static dev.authaudit.report.HtmlPage.cell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HTML section on what was read: one row per input with its counts, then per input the first
 * skipped lines (a source's gate took them, no rule read them), so a gap in the rules is seen and can be
 * taken to {@code authaudit rules check --missed}.
 */
final class InputsSection {

    void write(HtmlPage p, Report r, ReportDetail d) {
        p.section("inputs", "Inputs read");
        List<List<String>> rows = new ArrayList<>();
        for (InputSummary i : r.inputs()) {
            rows.add(List.of(cell(i.format()), cell(i.lines()), cell(i.events()), cell(i.skipped()),
                    "<span class=\"mono\">" + cell(i.path()) + "</span>"));
        }
        p.table(List.of("Format", "Lines", "Events", "Skipped", "File"), new boolean[] {false, true, true, true, false},
                rows);
        Map<String, SkippedSample> samples = d.skipped().stream()
                .collect(Collectors.toMap(SkippedSample::file, Function.identity(), (a, b) -> a));
        List<InputSummary> gaps = r.inputs().stream().filter(i -> i.skipped() > 0).toList();
        if (gaps.isEmpty()) {
            p.html("<p>No skipped lines: every line a rule file claimed was read.</p>\n").end();
            return;
        }
        p.html("<h3>Skipped lines: rules gaps</h3>\n<p class=\"note\">A source recognised these lines but no rule read"
                + " them. Try them with <code>authaudit rules check --missed FILE</code> and add a rule (or an"
                + " <code>emits: ignore</code> rule) under <code>--rules-dir</code>.</p>\n");
        for (InputSummary i : gaps) {
            SkippedSample s = samples.get(i.path());
            p.html("<p><span class=\"mono\">").text(i.path()).html("</span> ")
                    .text(String.format(Locale.ROOT, "(%s): %,d skipped", s == null || s.source() == null
                            ? i.format() : s.source(), i.skipped()));
            if (s == null || s.lines().isEmpty()) {
                p.html("; no sample kept</p>\n");
                continue;
            }
            p.text(s.lines().size() < i.skipped() ? ", the first " + s.lines().size() + " shown" : "").html("</p>\n");
            p.html("<pre class=\"lines\">");
            s.lines().forEach(line -> p.text(line).html("\n"));
            p.html("</pre>\n");
        }
        p.end();
    }
}
