package dev.authaudit.run;

import dev.authaudit.act.firewall.CsfLists;
import dev.authaudit.classify.Auditor;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.report.BlockedNow;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of {@code blocks}: reads what csf holds now (csf.deny, csf.tempban and lfd's csf.tempip) and, when logs
 * are given, replays them as a scan does and joins each held block with the verdict on its address and the logins
 * behind it. What is printed of the rows, and the exit code, are the caller's.
 */
public final class BlocksRun {
    /**
     * What to read and what to judge it by.
     *
     * @param deny csf's permanent blocks
     * @param tempban csf's temporary blocks
     * @param tempip lfd's history of temporary blocks
     * @param inputs the logs and csf.conf to replay ({@link ScanInputs#of}), or null to list the blocks unjudged
     * @param correlation the correlator's settings (its limits); unused without inputs
     * @param since only events at or after this, or null
     * @param until only events before this, or null
     */
    public record Settings(Path deny, Path tempban, Path tempip, ScanInputs inputs, CorrelationSettings correlation,
                           Instant since, Instant until) {
    }

    /**
     * What csf holds, judged by the logs when there were any.
     *
     * @param lists csf's files as read, with their problems
     * @param rows each held block, joined with its verdict when judged
     * @param judged true when logs were replayed to judge the blocks
     * @param inputTrouble a log could not be read, or was damaged
     */
    public record Outcome(CsfLists lists, List<BlockedNow.Row> rows, boolean judged, boolean inputTrouble) {
        /** Returns true when a log or one of csf's files could not be read (the rest was). */
        public boolean trouble() {
            return inputTrouble || lists.problems().stream().anyMatch(p -> p.startsWith("cannot read"));
        }
    }

    private final Settings settings;
    private final Replay replay;
    private final Supplier<Optional<String>> zoneNote;
    private final ZoneId zone;
    private final Clock wall;
    private final PrintWriter err;

    /**
     * @param replay the replay of the inputs, with its parser and year anchor, or null without inputs
     * @param zoneNote asked after the replay: a note on time stamps the parser read without a zone
     * @param zone the server's zone, for csf's times and the report's
     * @param wall the wall clock: which temporary blocks are still held, and when the report was made
     * @param err receives what the run says about itself
     */
    public BlocksRun(Settings settings, Replay replay, Supplier<Optional<String>> zoneNote, ZoneId zone, Clock wall,
                     PrintWriter err) {
        this.settings = settings;
        this.replay = replay;
        this.zoneNote = zoneNote;
        this.zone = zone;
        this.wall = wall;
        this.err = err;
    }

    /** Reads csf's lists, replays the logs when there are any, and joins the two. */
    public Outcome run() {
        CsfLists lists = CsfLists.read(settings.deny(), settings.tempban(), settings.tempip(), zone, wall.instant());
        ScanInputs inputs = settings.inputs();
        if (inputs == null) {
            return new Outcome(lists, BlockedNow.join(lists, null), false, false);
        }
        Auditor auditor = Auditor.builder().csf(inputs.csf()).correlation(settings.correlation()).build();
        Replay.Outcome outcome = replay.run(inputs, auditor, settings.since(), settings.until(), null);
        outcome.tellProblems(err);
        zoneNote.get().ifPresent(n -> err.println("authaudit: " + n));
        Report report = new ReportAssembler().assemble(outcome.result(),
                wall.instant().atZone(zone).toOffsetDateTime(), outcome.inputs(), List.of());
        return new Outcome(lists, BlockedNow.join(lists, report), true,
                !inputs.problems().isEmpty() || outcome.damaged());
    }
}
