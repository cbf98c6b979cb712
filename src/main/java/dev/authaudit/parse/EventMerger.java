package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputStats;
import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.PriorityQueue;

/**
 * Merges the events of several files into one stream ordered by event time, the way the correlator
 * needs them: Exim's mainlog, the maillog, lfd.log and the kernel log of one server interleave.
 * Each file is read lazily (one pending event per file), so memory does not grow with file size.
 * Ties keep file order, so a file's own order is never changed.
 */
public final class EventMerger implements Closeable {
    private final List<FileParser> files;
    private final List<PrefetchedFile> prefetched;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(Head::compareTo);

    /** A file's next event, keyed by its instant (worked out once, not per comparison) and file order. */
    private record Head(LogEvent event, int index, String line, Instant at) implements Comparable<Head> {
        Head(LogEvent event, int index, String line) {
            this(event, index, line, event.instant());
        }

        @Override
        public int compareTo(Head o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Integer.compare(index, o.index);
        }
    }

    /** Files this large are split among workers: about 100,000 lines of a maillog. */
    static final long SPLIT_BYTES = 16L * 1024 * 1024;

    private final ExecutorService pool;
    private String lastLine;
    private Instant lastInstant;

    /** Names the parsing workers and lets the JVM exit without them. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "authaudit-parse-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Starts merging on this thread; takes ownership of the parsers (closes them). */
    public EventMerger(List<FileParser> files) {
        this(files, false);
    }

    /**
     * Starts merging; takes ownership of the parsers (closes them).
     *
     * @param parallel parse each file on a thread of its own, ahead of the merge (same result, and the
     *     parsing runs beside whatever consumes the events); the parsers' line hooks then run on those
     *     threads
     */
    public EventMerger(List<FileParser> files, boolean parallel) {
        this(files, parallel, SPLIT_BYTES, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Starts merging; takes ownership of the parsers (closes them).
     *
     * @param parallel as for {@link #EventMerger(List, boolean)}
     * @param splitBytes files at least this large (on disk) are parsed in blocks by a pool of workers
     * @param workers the size of that pool
     */
    EventMerger(List<FileParser> files, boolean parallel, long splitBytes, int workers) {
        this(files, parallel, splitBytes, workers, PrefetchedFile.BLOCK_BYTES);
    }

    /** As above, with blocks of {@code blockBytes} for a split file. */
    EventMerger(List<FileParser> files, boolean parallel, long splitBytes, int workers, int blockBytes) {
        this.files = List.copyOf(files);
        if (parallel) {
            boolean split = workers > 1 && this.files.stream().anyMatch(f -> f.size() >= splitBytes);
            this.pool = split ? Executors.newFixedThreadPool(workers, new WorkerThreads()) : null;
            List<PrefetchedFile> p = new ArrayList<>();
            for (FileParser f : this.files) {
                p.add(new PrefetchedFile(f, f.stats().file(), pool != null && f.size() >= splitBytes ? pool : null,
                        null, blockBytes));
            }
            this.prefetched = List.copyOf(p);
        } else {
            this.pool = null;
            this.prefetched = null;
        }
        for (int i = 0; i < this.files.size(); i++) {
            advance(i);
        }
    }

    /** Returns the next event in time order, or null when every file is exhausted. */
    public LogEvent next() {
        Head h = heads.poll();
        if (h == null) {
            return null;
        }
        advance(h.index);
        lastLine = h.line;
        lastInstant = h.at;
        return h.event;
    }

    /**
     * Returns the instant of the event {@link #next()} last returned ({@link LogEvent#instant()}, which makes a new
     * one from the local time and offset on every call): with parallel parsing it was worked out on the parsing
     * thread, so the consumer need not.
     */
    public Instant lastInstant() {
        return lastInstant;
    }

    /**
     * Returns the raw text of the line behind the event {@link #next()} last returned. It is unredacted
     * (a verbose Dovecot may have logged a plaintext password): classify it at once, never keep it.
     */
    public String lastLine() {
        return lastLine;
    }

    private void advance(int i) {
        if (prefetched != null) {
            PrefetchedFile.Item item = prefetched.get(i).next();
            if (item != null) {
                heads.add(new Head(item.event(), i, item.line(), item.at()));
            }
            return;
        }
        FileParser f = files.get(i);
        LogEvent e = f.nextEvent();
        if (e != null) {
            heads.add(new Head(e, i, f.current().text()));
        }
    }

    /** Returns the statistics of every file, in the order given. */
    public List<InputStats> stats() {
        List<InputStats> out = new ArrayList<>();
        files.forEach(f -> out.add(f.stats()));
        return out;
    }

    @Override
    public void close() {
        if (prefetched != null) {
            prefetched.forEach(PrefetchedFile::close);
            if (pool != null) {
                pool.shutdownNow();
            }
        } else {
            files.forEach(FileParser::close);
        }
    }
}
