package dev.authaudit.run;

import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.parse.EventRenderer;
import dev.authaudit.parse.FileEvents;
import dev.authaudit.parse.FileParser;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.YearAnchor;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run of {@code parse}: every input read through the rules, file after file, its events handed over in
 * file order (a large file is parsed in blocks on every core; the order is still each file's own). Nothing is
 * correlated. What is printed of the events, and the exit code, are the caller's.
 */
public final class ParseRun {
    /**
     * What to read.
     *
     * @param inputs the files, archives, folders or stdin to read ({@link InputSet#of}), with their problems
     * @param years caps the year reference of year-less files (see {@link YearAnchor})
     */
    public record Settings(InputSet inputs, YearAnchor years) {
    }

    /**
     * What was read.
     *
     * @param stats each input's counts and problems, in the order read
     * @param inputTrouble an input could not be read, or was damaged
     */
    public record Outcome(List<InputStats> stats, boolean inputTrouble) {
        public Outcome {
            stats = List.copyOf(stats);
        }

        /** Tells each input's problems, one line each, then the paragraph of what was read ({@link Summary}). */
        public void tell(PrintWriter err) {
            stats.forEach(s -> s.problems().forEach(p -> err.println("authaudit: " + p)));
            err.println(Summary.of(stats));
        }
    }

    private final Settings settings;
    private final LineParser parser;
    private final Clock clock;
    private final InputStream stdin;

    /**
     * @param clock the wall clock: the year reference of an input without a modification time (stdin)
     * @param stdin what the input {@code -} reads
     */
    public ParseRun(Settings settings, LineParser parser, Clock clock, InputStream stdin) {
        this.settings = settings;
        this.parser = parser;
        this.clock = clock;
        this.stdin = stdin;
    }

    /** Parses every input, handing each event to {@code each} on the calling thread. */
    public Outcome run(Consumer<LogEvent> each) {
        List<FileParser> files = files();
        FileEvents.each(files, each);
        return outcome(files);
    }

    /**
     * Parses every input, each event rendered by {@code renderer} on the thread that parsed it and its text handed
     * to {@code sink} on the calling thread, in the order of {@link #run}.
     */
    public Outcome runText(EventRenderer renderer, EventRenderer.TextSink sink) {
        List<FileParser> files = files();
        FileEvents.eachText(files, renderer, sink);
        return outcome(files);
    }

    private List<FileParser> files() {
        List<FileParser> files = new ArrayList<>();
        for (InputFile f : settings.inputs().files()) {
            Instant ref = settings.years().reference(f.modified() != null ? f.modified() : clock.instant());
            files.add(new FileParser(f, parser, ref, stdin, null));
        }
        return files;
    }

    private Outcome outcome(List<FileParser> files) {
        List<InputStats> stats = new ArrayList<>();
        boolean trouble = !settings.inputs().problems().isEmpty();
        for (FileParser f : files) {
            stats.add(f.stats());
            trouble |= f.stats().damaged();
        }
        return new Outcome(stats, trouble);
    }
}
