package dev.authaudit.cli;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.run.Replay;
import dev.authaudit.run.ScanInputs;
import dev.authaudit.testing.ClaimChecker;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a folder of logs in-process as {@code scan} does, keeping the event stream beside the verdicts,
 * so the claim checker can recompute every claim from the events the verdicts were made from.
 */
public final class ClaimRun {
    /** The verdicts and the events they came from. */
    public record Outcome(AuditResult result, List<LogEvent> events) {
        /** Returns the claims the events do not support. */
        public List<String> rejected() {
            return new ClaimChecker(events).check(result);
        }
    }

    private ClaimRun() {
    }

    /**
     * Replays {@code dir}.
     *
     * @param zone the zone of zone-less stamps
     * @param fileTime the modification time to give every log (a checkout resets file times; syslog years
     *     come from it), or null to keep each file's own
     */
    public static Outcome run(Path dir, ZoneId zone, Instant fileTime) {
        ScanInputs found = ScanInputs.of(List.of(dir.toString()), null);
        List<InputFile> logs = new ArrayList<>();
        for (InputFile f : found.logs()) {
            logs.add(fileTime == null ? f : new InputFile(f.path(), f.display(), fileTime));
        }
        ScanInputs inputs = new ScanInputs(logs, found.csf(), found.csfPath(), found.problems());
        RuleSet rules = RuleSet.load(List.of(CliRun.repo().resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(zone, null), new PasswordRedactor(new byte[16]));
        Context context = new Context(new ByteArrayInputStream(new byte[0]),
                fileTime == null ? Clock.systemUTC() : Clock.fixed(fileTime, ZoneOffset.UTC));
        List<LogEvent> events = new ArrayList<>();
        Replay.Outcome o = new Replay(parser, YearAnchor.none(), context.clock(), context.stdin(), new PrintWriter(new StringWriter()), false)
                .run(inputs, Auditor.builder().csf(inputs.csf()).build(), null, null, events::add);
        return new Outcome(o.result(), events);
    }
}
