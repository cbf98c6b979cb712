package dev.authaudit.fleet;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.event.LogEvent;
import dev.authaudit.report.InputSummary;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import dev.authaudit.report.ReportDetail;
import dev.authaudit.report.ReportHtmlWriter;
import dev.authaudit.report.ReportJsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's reports in report-v1: one for the whole fleet (every server's events through one
 * correlator, so an address failing a little on many servers is judged on all of it) and one per server
 * (its own events only, as {@code scan} of its logs would judge them).
 */
final class FleetReport {
    private final Judge judge;

    FleetReport(Judge judge) {
        this.judge = judge;
    }

    /** The reports: key {@code null} for the whole fleet, else a host name. */
    Map<String, Report> build(List<LogEvent> events, OffsetDateTime generatedAt) {
        Map<String, List<LogEvent>> byHost = new TreeMap<>();
        for (LogEvent e : events) {
            byHost.computeIfAbsent(hostOf(e), k -> new ArrayList<>()).add(e);
        }
        Map<String, Report> out = new java.util.LinkedHashMap<>();
        out.put(null, report(events, generatedAt));
        byHost.forEach((h, list) -> out.put(h, report(list, generatedAt)));
        return out;
    }

    static String hostOf(LogEvent e) {
        return e.origin().host() == null ? "-" : e.origin().host();
    }

    private Report report(List<LogEvent> events, OffsetDateTime generatedAt) {
        AuditResult r = judge.audit(events);
        // one input per server and file the events came from
        Map<String, long[]> inputs = new TreeMap<>();
        for (LogEvent e : events) {
            inputs.computeIfAbsent(hostOf(e) + ":" + e.origin().file(), k -> new long[1])[0]++;
        }
        List<InputSummary> summaries = new ArrayList<>();
        inputs.forEach((k, n) -> summaries.add(new InputSummary(k, "kafka", n[0], n[0], 0)));
        return new ReportAssembler().assemble(r, generatedAt, summaries, List.of());
    }

    /** Writes fleet.json/.html and hosts/HOST.json/.html under the folder; returns the files written. */
    static List<Path> write(Map<String, Report> reports, Path dir, boolean html, int top) throws IOException {
        List<Path> written = new ArrayList<>();
        Files.createDirectories(dir.resolve("hosts"));
        for (Map.Entry<String, Report> e : reports.entrySet()) {
            String base = e.getKey() == null ? "fleet" : "hosts/" + fileName(e.getKey());
            Path json = dir.resolve(base + ".json");
            try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                new ReportJsonWriter().write(e.getValue(), w);
            }
            written.add(json);
            if (html) {
                Path page = dir.resolve(base + ".html");
                try (Writer w = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
                    new ReportHtmlWriter(top).write(e.getValue(), ReportDetail.EMPTY, w);
                }
                written.add(page);
            }
        }
        return written;
    }

    /** A host name as a file name: its safe characters only (names from Kafka are other programs' text). */
    static String fileName(String host) {
        String s = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
