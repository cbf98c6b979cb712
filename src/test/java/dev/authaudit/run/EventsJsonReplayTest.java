package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.report.InputSummary;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import dev.authaudit.report.ReportJsonWriter;
import dev.authaudit.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same logs judged directly and through their events-v1 JSON (what the fleet reads: {@code watch --publish}
 * sends events, the fleet's runner reads them back with {@link EventJson#read}). Besides the spec's fields the
 * JSON carries whether a line came from a syslog file ({@code "interleaved": true}, {@code Origin.interleaved}),
 * by which the correlator drops Exim's syslog copy of a 535 when other processes' lines fall between the two;
 * without it, such a copy would count as a second attempt.
 */
class EventsJsonReplayTest {
    private static final Path REPO = Path.of(System.getProperty("authaudit.repo", "."));
    private static final Path COPIES = REPO.resolve("test-fixtures/scenarios/exim-syslog-copies/maillog");
    private static final Clock WALL = Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC);
    private static final OffsetDateTime MADE = OffsetDateTime.parse("2025-04-01T00:00:00Z");

    @TempDir
    Path dir;

    private static LineParser parser() {
        return new LineParser(RuleSet.load(List.of(REPO.resolve("rules"))), new TimeResolver(ZoneOffset.UTC, 2025),
                new PasswordRedactor(new byte[32]));
    }

    private static Auditor auditor() {
        return Auditor.builder().correlation(CorrelationSettings.defaults()).build();
    }

    /** The report of the logs replayed as scan replays them, and the inputs it names. */
    private record Direct(String json, List<InputSummary> inputs, AuditResult result) {
    }

    private static Direct direct(Path log) {
        ScanInputs inputs = ScanInputs.of(List.of(log.toString()), null);
        StringWriter err = new StringWriter();
        Replay replay = new Replay(parser(), YearAnchor.of(inputs.logs(), new TimeResolver(ZoneOffset.UTC, 2025)),
                WALL, new ByteArrayInputStream(new byte[0]), new PrintWriter(err, true), false);
        Replay.Outcome o = replay.run(inputs, auditor(), null, null, null);
        return new Direct(report(o.result(), o.inputs()), o.inputs(), o.result());
    }

    /** The report of the same logs' events written as events-v1 JSON and read back, in the order parse prints them. */
    private static AuditResult throughJson(Path log, List<String> lines) {
        InputSet set = InputSet.of(List.of(log.toString()));
        EventJson json = new EventJson();
        new ParseRun(new ParseRun.Settings(set, YearAnchor.of(set.files(), new TimeResolver(ZoneOffset.UTC, 2025))),
                parser(), WALL, new ByteArrayInputStream(new byte[0])).run(e -> lines.add(json.toJson(e)));
        Auditor auditor = auditor();
        for (String line : lines) {
            LogEvent e = json.read(line);
            auditor.accept(e);
        }
        return auditor.finish();
    }

    private static String report(AuditResult result, List<InputSummary> inputs) {
        Report r = new ReportAssembler().assemble(result, MADE, inputs, List.of());
        return new ReportJsonWriter().toJson(r);
    }

    private static long failures(AuditResult r, String login) {
        return r.accounts().stream().filter(a -> a.account().equals(login)).findFirst().orElseThrow().evidence().failures();
    }

    @Test
    void syslogCopiesOnTheNextLine_sameReportDirectlyAndThroughEventsJson() {
        Direct d = direct(COPIES);
        List<String> lines = new ArrayList<>();
        AuditResult viaJson = throughJson(COPIES, lines);
        assertThat(lines).isNotEmpty();
        assertThat(failures(d.result(), "hana@example.org")).isEqualTo(16);
        assertThat(report(viaJson, d.inputs())).isEqualTo(d.json());
    }

    @Test
    void syslogCopiesBehindParallelConnections_droppedThroughEventsJsonToo() throws IOException {
        // three lines of other Exim processes between each 535 and its copy, as on a busy server
        List<String> busy = new ArrayList<>();
        String previous = null;
        int other = 31000;
        for (String l : Files.readAllLines(COPIES)) {
            if (l.equals(previous)) {
                String stamp = l.substring(0, 16);
                for (int i = 0; i < 3; i++) {
                    other++;
                    busy.add(stamp + "mail1 exim[" + other + "]: " + l.substring(35, 54) + " [" + other + "] Start queue"
                            + " run: pid=" + other);
                }
            }
            busy.add(l);
            previous = l;
        }
        Path log = Files.write(dir.resolve("maillog"), busy);
        Direct d = direct(log);
        List<String> lines = new ArrayList<>();
        AuditResult viaJson = throughJson(log, lines);
        assertThat(failures(d.result(), "hana@example.org")).as("directly: each copy dropped").isEqualTo(16);
        assertThat(lines).as("every event of a syslog file says so").allMatch(l -> l.contains("\"interleaved\":true"));
        assertThat(failures(viaJson, "hana@example.org")).as("through events-v1 JSON").isEqualTo(16);
        assertThat(report(viaJson, d.inputs())).isEqualTo(d.json());

        // without the field (events written before it existed, or by another tool) the copies count again
        AuditResult withoutHint = auditorOver(lines.stream().map(l -> l.replace(",\"interleaved\":true", "")).toList());
        assertThat(failures(withoutHint, "hana@example.org")).as("without the field").isEqualTo(32);
    }

    private static AuditResult auditorOver(List<String> lines) {
        EventJson json = new EventJson();
        Auditor auditor = auditor();
        lines.forEach(l -> auditor.accept(json.read(l)));
        return auditor.finish();
    }
}
