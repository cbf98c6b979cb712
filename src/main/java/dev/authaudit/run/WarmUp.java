package dev.authaudit.run;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
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
public final class WarmUp {
    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    private static final int BATCH = 10_000;

    /**
     * A byte range of one file to re-read.
     *
     * @param from where to start (a history mark, or a bare offset that is moved to the next line start)
     * @param to the checkpoint offset: where live reading resumes
     * @param temporary true for a compressed file's rebuilt tail, deleted once read
     */
    public record Window(Path path, String display, Checkpoint from, long to, boolean temporary) {
        public Window(Path path, String display, Checkpoint from, long to) {
            this(path, display, from, to, false);
        }
    }

    /** Bytes re-read per step; the newest steps come first, so a budget cut leaves out the oldest part. */
    static final long CHUNK = 4L << 20;

    private final long chunk;

    /**
     * What a warm-up did.
     *
     * @param lines lines re-read
     * @param events events handed to the auditor
     * @param cut true when the time budget or a stop request left part of the windows unread
     */
    public record Result(long lines, int events, boolean cut) {
    }

    private final LineParser parser;
    private final Duration lookBack;
    private final Duration budget;
    private final Clock wall;
    private final BooleanSupplier stopping;

    /**
     * @param budget the most wall time spent reading; the newest part of each window is read first
     * @param stopping true once the process was asked to stop (SIGTERM): the warm-up ends at once
     */
    public WarmUp(LineParser parser, Duration lookBack, Duration budget, Clock wall, BooleanSupplier stopping) {
        this(parser, lookBack, budget, wall, stopping, CHUNK);
    }

    /** As above, re-reading {@code chunk} bytes per step (tests use small steps). */
    WarmUp(LineParser parser, Duration lookBack, Duration budget, Clock wall, BooleanSupplier stopping, long chunk) {
        this.chunk = chunk;
        this.parser = parser;
        this.lookBack = lookBack;
        this.budget = budget;
        this.wall = wall;
        this.stopping = stopping;
    }

    /**
     * Returns the window before checkpoint {@code cp} of {@code path}: from the newest history mark saved
     * {@code lookBack} before the checkpoint, at most {@code maxBytes} back.
     */
    public static Window window(Path path, Checkpoint cp, CheckpointStore store, Duration lookBack, long maxBytes) {
        Instant saved = store.savedAt(cp.path()).orElse(null);
        Checkpoint from = saved == null ? null : store.lookBackFrom(cp.path(), cp.inode(), saved.minus(lookBack))
                .filter(m -> m.offset() <= cp.offset() && cp.offset() - m.offset() <= maxBytes).orElse(null);
        if (from == null) {
            long start = Math.max(0, cp.offset() - maxBytes);
            from = new Checkpoint(cp.path(), cp.inode(), start, 0, "", 0, null);
        }
        return new Window(path, cp.path(), from, cp.offset());
    }

    /** Where the reading of one window stands: the next step ends at {@code end}. */
    private static final class Progress {
        final Window w;
        long end;
        boolean done;
        final List<List<LogEvent>> chunks = new ArrayList<>(); // newest first

        Progress(Window w) {
            this.w = w;
            this.end = w.to();
            this.done = w.to() <= w.from().offset();
        }
    }

    /**
     * Returns the window of the file rotated away before {@code path}'s current file (the newest plain
     * sibling, from a rename or a copytruncate) when the current file holds less than {@code maxBytes}
     * before its checkpoint: a restart soon after a rotation still remembers the lines before it.
     */
    public static java.util.Optional<Window> previous(Path path, long currentInode, long before, long maxBytes, Path tempDir) {
        if (before >= maxBytes) {
            return java.util.Optional.empty();
        }
        Path p = dev.authaudit.ingest.RotatedSibling.newest(path, currentInode);
        if (p == null) {
            return java.util.Optional.empty();
        }
        boolean gz = p.getFileName().toString().endsWith(".gz");
        Path readable = gz ? dev.authaudit.ingest.RotatedSibling.inflatedTail(p, maxBytes - before, tempDir)
                : p;
        if (readable == null) {
            return java.util.Optional.empty();
        }
        try {
            long ino = ((Number) java.nio.file.Files.getAttribute(readable, "unix:ino")).longValue();
            long size = java.nio.file.Files.size(readable);
            long start = Math.max(0, size - (maxBytes - before));
            return java.util.Optional.of(new Window(readable, p.toString(),
                    new Checkpoint(p.toString(), ino, start, 0, "", 0, null), size, gz));
        } catch (java.io.IOException | RuntimeException e) {
            if (gz) {
                dev.authaudit.ingest.RotatedSibling.delete(readable);
            }
            return java.util.Optional.empty(); // gone meanwhile, or no inodes here: no look-back into it
        }
    }

    /**
     * Returns the window before checkpoint {@code cp} in a sibling being finished after a rotation while
     * down (the rotated file itself, read up to the checkpoint).
     */
    public static java.util.Optional<Window> inSibling(Path sibling, Checkpoint cp, long maxBytes) {
        long start = Math.max(0, cp.offset() - maxBytes);
        try {
            long ino = ((Number) java.nio.file.Files.getAttribute(sibling, "unix:ino")).longValue();
            return java.util.Optional.of(new Window(sibling, sibling.toString(), new Checkpoint(sibling.toString(), ino,
                    start, 0, "", 0, null), cp.offset()));
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Reads the windows, newest part first and in steps of {@link #CHUNK} bytes, until they are read, the
     * time budget is spent or a stop is requested, and hands the events read of the last {@code lookBack}
     * (by event time) to the auditor in time order with the clock replaying.
     *
     * @param tap sees each event after the auditor (the notice flow's block watch), or null
     * @param yearRef the reference for year-less stamps
     */
    public Result run(List<Window> windows, Auditor auditor, LiveClock clock, Consumer<LogEvent> tap, Instant yearRef) {
        Instant began = wall.instant();
        Instant deadline = began.plus(budget);
        List<Progress> todo = new ArrayList<>();
        windows.forEach(w -> todo.add(new Progress(w)));
        long lines = 0;
        boolean cut = false;
        boolean open = todo.stream().anyMatch(p -> !p.done);
        while (open) {
            open = false;
            for (Progress p : todo) {
                if (p.done) {
                    continue;
                }
                if (stopping.getAsBoolean() || !wall.instant().isBefore(deadline)) {
                    cut = true;
                    break;
                }
                long read = step(p, yearRef, deadline);
                if (read < 0) {
                    cut = true;
                    break;
                }
                lines += read;
                open |= !p.done;
            }
            if (cut) {
                break;
            }
        }
        for (Window w : windows) {
            if (w.temporary()) {
                dev.authaudit.ingest.RotatedSibling.delete(w.path()); // a compressed file's rebuilt tail, read now
            }
        }
        List<LogEvent> events = new ArrayList<>();
        for (Progress p : todo) {
            for (int i = p.chunks.size() - 1; i >= 0; i--) {
                events.addAll(p.chunks.get(i));
            }
        }
        int n = 0;
        if (!events.isEmpty()) {
            events.sort(Comparator.comparing(LogEvent::instant)); // stable: a file's own order is kept
            Instant cutoff = events.get(events.size() - 1).instant().minus(lookBack);
            clock.replaying(true);
            for (LogEvent e : events) {
                if (e.instant().isBefore(cutoff)) {
                    continue;
                }
                if ((n & 1023) == 0 && stopping.getAsBoolean()) {
                    cut = true;
                    break;
                }
                clock.advanceTo(e.instant());
                auditor.accept(e);
                if (tap != null) {
                    tap.accept(e);
                }
                n++;
            }
        }
        log.info("warm-up: re-read {} lines before the checkpoints, {} events of the last {}, in {} ms{}", lines, n,
                lookBack, Duration.between(began, wall.instant()).toMillis(),
                cut ? "; cut short (" + (stopping.getAsBoolean() ? "stopping" : "--warm-up-time " + budget)
                        + "): the oldest part was left out" : "");
        return new Result(lines, n, cut);
    }

    /**
     * Reads the next (older) step of one window; returns the lines read, or -1 when the budget ran out
     * or a stop came in the middle of the step (its events are dropped: no hole in the memory).
     */
    private long step(Progress p, Instant yearRef, Instant deadline) {
        Window w = p.w;
        long start = Math.max(w.from().offset(), p.end - chunk);
        Checkpoint from = start <= w.from().offset() ? w.from()
                : new Checkpoint(w.display(), w.from().inode(), start, 0, "", 0, null);
        List<LogEvent> got = new ArrayList<>();
        long lines = 0;
        try (TailSource t = new TailSource(w.path(), w.display(), new InputStats(w.display()))) {
            if (!t.startBetween(from, p.end)) {
                p.done = true;
                return 0;
            }
            long aligned = t.checkpoint().offset();
            if (aligned >= p.end) { // one line longer than a step: pass over it
                p.end = start;
                p.done = start <= w.from().offset();
                return 0;
            }
            List<RawLine> batch;
            RepeatExpander repeats = new RepeatExpander();
            while (!(batch = t.poll(BATCH)).isEmpty()) {
                lines += batch.size();
                for (RawLine l : batch) {
                    got.addAll(repeats.events(parser.parse(l, yearRef), l.file(), l.line()));
                }
                if (stopping.getAsBoolean() || !wall.instant().isBefore(deadline)) {
                    return -1;
                }
            }
            p.chunks.add(got);
            p.end = aligned;
            p.done = start <= w.from().offset() || aligned <= w.from().offset();
            return lines;
        }
    }
}
