package dev.authaudit.run;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.parse.EventMerger;
import dev.authaudit.parse.FileParser;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.report.ActivityCollector;
import dev.authaudit.report.InputSummary;
import dev.authaudit.text.Escape;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Wires a replay: files → parser → merge by event time → window filter → auditor. The same auditor
 * runs live; here an event clock moves to each event. A progress bar goes to stderr when it is a
 * terminal and the input is large enough to wait for.
 */
public final class Replay {
    /** Beyond this many inputs (years of rotations) files are parsed one after the other. */
    private static final int MAX_PARALLEL_FILES = 64;

    private final LineParser parser;
    private final Clock clock;
    private final InputStream stdin;
    private final PrintWriter err;
    private final boolean progress;
    private final YearAnchor years;

    /**
     * @param years caps the year reference of year-less files (see {@link YearAnchor})
     * @param clock the wall clock: the year reference of an input without a modification time (stdin)
     * @param stdin what the input {@code -} reads
     * @param progress true to show a progress bar on a terminal
     */
    public Replay(LineParser parser, YearAnchor years, Clock clock, InputStream stdin, PrintWriter err,
                  boolean progress) {
        this.parser = parser;
        this.years = years;
        this.clock = clock;
        this.stdin = stdin;
        this.err = err;
        this.progress = progress;
    }

    /** What a replay read and concluded. */
    public record Outcome(AuditResult result, List<InputSummary> inputs, List<InputStats> stats) {
        /** Returns true when an input was damaged (binary, invalid UTF-8, over-long lines, a truncated archive). */
        public boolean damaged() {
            return stats.stream().anyMatch(InputStats::damaged);
        }

        /** Tells each input's problems (unreadable, truncated, damaged), one line each. */
        public void tellProblems(PrintWriter err) {
            stats.forEach(s -> s.problems().forEach(p -> err.println("authaudit: " + p)));
        }

        /** Tells each input's unusable lines (a field no rule could use), escaped for a terminal. */
        public void tellUnusable(PrintWriter err) {
            stats.forEach(s -> s.unusable().forEach(u -> err.println("authaudit: " + Escape.terminal(u))));
        }

        /**
         * Tells the inputs' problems, then the note on time stamps read without a zone (when there is one), then
         * the unusable lines: what scan, explain and tune say after a replay.
         */
        public void tell(PrintWriter err, Optional<String> zoneNote) {
            tellProblems(err);
            zoneNote.ifPresent(n -> err.println("authaudit: " + n));
            tellUnusable(err);
        }
    }

    public Outcome run(ScanInputs inputs, Auditor auditor, Instant since, Instant until, Consumer<LogEvent> tap) {
        return run(inputs, auditor, since, until, tap == null ? null : (e, line) -> tap.accept(e), null);
    }

    /**
     * Replays the inputs into the auditor, handing each event that passed the window to the tap with
     * the raw text of its line (unredacted: classify it, never keep it).
     */
    public Outcome runWithLines(ScanInputs inputs, Auditor auditor, Instant since, Instant until,
                         BiConsumer<LogEvent, String> tap) {
        return run(inputs, auditor, since, until, tap, null);
    }

    /**
     * Replays the inputs into the auditor.
     *
     * @param tap receives each event in the window after the auditor, with its raw line, or null
     * @param activity collects the HTML report's and the history's detail (events in the window and
     *     skipped lines), or null
     */
    public Outcome run(ScanInputs inputs, Auditor auditor, Instant since, Instant until,
                       BiConsumer<LogEvent, String> tap,
                       ActivityCollector activity) {
        List<FileParser> files = new ArrayList<>();
        long bytes = 0;
        for (InputFile f : inputs.logs()) {
            Instant ref = years.reference(f.modified() != null ? f.modified() : clock.instant());
            String name = f.display();
            // only lines no rule read matter to the collector; with parallel parsing it is called from
            // the parsing threads, so it is handed nothing else
            files.add(new FileParser(f, parser, ref, stdin, null,
                    activity == null ? null : p -> {
                        if (p.status() != Parsed.Status.UNRELATED && p.status() != Parsed.Status.EVENT
                                && p.status() != Parsed.Status.IGNORED) {
                            activity.parsed(name, p);
                        }
                    }));
            if (!f.isStdin()) {
                bytes += f.path().toFile().length();
            }
        }
        List<InputStats> stats;
        // parsing runs beside the correlator when there is a second core; the merge keeps the result identical
        boolean parallel = Runtime.getRuntime().availableProcessors() > 1 && files.size() <= MAX_PARALLEL_FILES;
        try (EventMerger merger = new EventMerger(files, parallel); ProgressBar bar = bar(bytes)) {
            LogEvent e;
            long n = 0;
            while ((e = merger.next()) != null) {
                // the event's instant, made on the parsing thread: the auditor need not make it again
                Instant t = merger.lastInstant();
                if ((since != null || until != null) && outside(t, since, until)) {
                    continue;
                }
                auditor.accept(e, t);
                if (tap != null) {
                    tap.accept(e, merger.lastLine());
                }
                if (activity != null) {
                    activity.accept(e);
                }
                if (bar != null && (++n & 0xfff) == 0) {
                    bar.stepTo(merger.stats().stream().mapToLong(InputStats::lines).sum());
                }
            }
            stats = merger.stats();
            if (bar != null) {
                bar.stepTo(stats.stream().mapToLong(InputStats::lines).sum());
            }
        }
        AuditResult result = auditor.finish();
        List<InputSummary> summaries = new ArrayList<>();
        for (InputStats s : stats) {
            summaries.add(new InputSummary(s.file(), s.format(), s.lines(), s.events(), s.skipped()));
        }
        if (inputs.csfPath() != null) {
            summaries.add(new InputSummary(inputs.csfPath().toString(), "csf-conf", 0, 0, 0));
        }
        return new Outcome(result, summaries, stats);
    }

    /** Returns true when {@code t} falls before {@code since} or at or after {@code until} (either may be null). */
    private static boolean outside(Instant t, Instant since, Instant until) {
        return (since != null && t.isBefore(since)) || (until != null && !t.isBefore(until));
    }

    private ProgressBar bar(long bytes) {
        // only worth a bar when a person is watching and the input takes more than a moment
        if (!progress || System.console() == null || bytes < 50L * 1024 * 1024) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("reading").setInitialMax(-1).setUnit(" lines", 1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                        System.err)).showSpeed().build();
    }
}
