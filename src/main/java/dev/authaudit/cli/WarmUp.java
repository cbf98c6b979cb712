package dev.authaudit.cli;

import dev.authaudit.classify.Auditor;
import dev.authaudit.correlate.LiveClock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.Checkpoint;
import dev.authaudit.ingest.CheckpointStore;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.ingest.TailSource;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.RepeatExpander;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the correlator's memory at start. The correlator keeps no state on disk, so {@code watch}
 * re-reads a look-back window before each checkpoint (found through the store's history marks, or
 * bounded by bytes) and hands those events to the auditor in event time, as a replay would. Verdicts
 * reached on the way go through the notice ledger, which knows every notice already decided, so none
 * is repeated; lines after the checkpoint are read afterwards as new.
 */
final class WarmUp {
    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    private static final int BATCH = 10_000;

    /**
     * A byte range of one file to re-read.
     *
     * @param from where to start (a history mark, or a bare offset that is moved to the next line start)
     * @param to the checkpoint offset: where live reading resumes
     */
    record Window(Path path, String display, Checkpoint from, long to) {
    }

    private final LineParser parser;
    private final Duration lookBack;

    WarmUp(LineParser parser, Duration lookBack) {
        this.parser = parser;
        this.lookBack = lookBack;
    }

    /**
     * Returns the window before checkpoint {@code cp} of {@code path}: from the newest history mark saved
     * {@code lookBack} before the checkpoint, at most {@code maxBytes} back.
     */
    static Window window(Path path, Checkpoint cp, CheckpointStore store, Duration lookBack, long maxBytes) {
        Instant saved = store.savedAt(cp.path()).orElse(null);
        Checkpoint from = saved == null ? null : store.lookBackFrom(cp.path(), cp.inode(), saved.minus(lookBack))
                .filter(m -> m.offset() <= cp.offset() && cp.offset() - m.offset() <= maxBytes).orElse(null);
        if (from == null) {
            long start = Math.max(0, cp.offset() - maxBytes);
            from = new Checkpoint(cp.path(), cp.inode(), start, 0, "", 0, null);
        }
        return new Window(path, cp.path(), from, cp.offset());
    }

    /**
     * Reads the windows, and hands their events of the last {@code lookBack} (by event time) to the
     * auditor in time order with the clock replaying.
     *
     * @param tap sees each event after the auditor (the notice flow's block watch), or null
     * @param yearRef the reference for year-less stamps
     * @return the number of events handed over
     */
    int run(List<Window> windows, Auditor auditor, LiveClock clock, Consumer<LogEvent> tap, Instant yearRef) {
        List<LogEvent> events = new ArrayList<>();
        long lines = 0;
        for (Window w : windows) {
            if (w.to() <= w.from().offset()) {
                continue;
            }
            try (TailSource t = new TailSource(w.path(), w.display(), new InputStats(w.display()))) {
                if (!t.startBetween(w.from(), w.to())) {
                    continue;
                }
                List<RawLine> got;
                RepeatExpander repeats = new RepeatExpander();
                while (!(got = t.poll(BATCH)).isEmpty()) {
                    lines += got.size();
                    for (RawLine l : got) {
                        events.addAll(repeats.events(parser.parse(l, yearRef), l.file(), l.line()));
                    }
                }
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        events.sort(Comparator.comparing(LogEvent::instant)); // stable: a file's own order is kept
        Instant cutoff = events.get(events.size() - 1).instant().minus(lookBack);
        clock.replaying(true);
        int n = 0;
        for (LogEvent e : events) {
            if (e.instant().isBefore(cutoff)) {
                continue;
            }
            clock.advanceTo(e.instant());
            auditor.accept(e);
            if (tap != null) {
                tap.accept(e);
            }
            n++;
        }
        log.info("warm-up: re-read {} lines before the checkpoints, {} events of the last {}", lines, n, lookBack);
        return n;
    }
}
