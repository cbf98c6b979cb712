package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.ChunkReader;
import dev.authaudit.ingest.LineBytes;
import dev.authaudit.ingest.RawLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parses one file on a thread of its own, a few batches ahead of whoever merges it, so that reading
 * and matching lines runs on one core while the correlator runs on another. Memory stays bounded (a
 * few batches per file); the order of a file's events is kept, so a merge gives the same result as
 * reading the files one after the other on one thread.
 *
 * <p>A large file (one busy maillog is the usual case) is also split: its thread only reads blocks
 * of bytes that end at a line's end ({@link ChunkReader}) and hands them to a pool of workers, which
 * split, check, gate, decode and parse the lines (and render their events, for {@code parse}); the
 * file's thread takes the results back in the order read and counts them into the file's statistics
 * as one thread reading line by line would have. A block starts without the previous block's stamp
 * memo, which only costs the first line of each block a fresh stamp parse.
 */
final class PrefetchedFile implements AutoCloseable {
    private static final int BATCH = 512;
    private static final int BATCHES_AHEAD = 4;
    /** Bytes per block handed to a worker (about 1,300 lines of a maillog), and how many may be out at once. */
    static final int BLOCK_BYTES = 1 << 18;
    private static final int BLOCKS_IN_FLIGHT = 4;

    /**
     * One event and the raw text of its line; with a renderer, also the event's text: the slice
     * {@code start..end} of its batch's {@link Rendered#text}. The event's instant ({@code at}), by which
     * the merge orders it and the correlator counts it, is worked out here, on the thread that hands the
     * event over, not on the merging one.
     */
    record Item(LogEvent event, String line, Rendered rendered, int start, int end, Instant at) {
        Item(LogEvent event, String line) {
            this(event, line, null, 0, 0);
        }

        Item(LogEvent event, String line, Rendered rendered, int start, int end) {
            this(event, line, rendered, start, end, event.instant());
        }

        /** Returns the rendered text of the event's batch (read by the consumer, after the hand-off). */
        byte[] text() {
            return rendered.text;
        }
    }

    /** The text of a batch of events, set before the batch is handed to the consumer. */
    static final class Rendered {
        private byte[] text;
    }

    private static final List<Item> END = List.of();

    private final FileParser parser;
    private final ExecutorService workers;
    private final EventRenderer renderer;
    private final int blockBytes;
    private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private List<Item> batch = List.of();
    private int pos;
    private boolean ended;

    PrefetchedFile(FileParser parser, String name) {
        this(parser, name, null);
    }

    /**
     * @param workers parses blocks of this file's lines, or null to parse on the file's own thread
     */
    PrefetchedFile(FileParser parser, String name, ExecutorService workers) {
        this(parser, name, workers, null);
    }

    /**
     * @param workers parses blocks of this file's lines, or null to parse on the file's own thread
     * @param renderer renders each event on the thread that parsed it (see {@link Item#rendered}), or null
     */
    PrefetchedFile(FileParser parser, String name, ExecutorService workers, EventRenderer renderer) {
        this(parser, name, workers, renderer, BLOCK_BYTES);
    }

    /** @param blockBytes the size of the blocks of a split file */
    PrefetchedFile(FileParser parser, String name, ExecutorService workers, EventRenderer renderer, int blockBytes) {
        this.blockBytes = blockBytes;
        this.parser = parser;
        this.workers = workers;
        this.renderer = renderer;
        this.thread = new Thread(workers == null ? this::produce : this::produceSplit, "authaudit-parse-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void produce() {
        try {
            List<Item> out = new ArrayList<>(BATCH);
            Rendered rendered = renderer == null ? null : new Rendered();
            EventRenderer.Batch text = renderer == null ? null : renderer.batch();
            int at = 0;
            LogEvent e;
            while (!closed && (e = parser.nextEvent()) != null) {
                if (text == null) {
                    out.add(new Item(e, parser.current().text()));
                } else {
                    int end = text.add(e);
                    out.add(new Item(e, parser.current().text(), rendered, at, end));
                    at = end;
                }
                if (out.size() == BATCH) {
                    if (text != null) {
                        rendered.text = text.text();
                        rendered = new Rendered();
                        text = renderer.batch();
                        at = 0;
                    }
                    queue.put(out);
                    out = new ArrayList<>(BATCH);
                }
            }
            if (!out.isEmpty()) {
                if (text != null) {
                    rendered.text = text.text();
                }
                queue.put(out);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ex) {
            failure = ex;
        } finally {
            try {
                queue.put(END);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One block's lines that a source's rules read, in order: the {@code count} first of {@code lines}
     * and {@code outcomes}, and of {@code unrelatedBefore} (whether a line no rules read came between
     * it and the one before, or the block's start); {@code unrelatedAfter}: whether one came after the
     * last. With a renderer, the text of each outcome's event (the slice {@code ends[i-1]..ends[i]} of
     * {@code rendered}, empty for an outcome without one). Also the block's count of lines and of those
     * skipped as damaged.
     */
    private record Block(ChunkReader.Chunk chunk, long binary, long oversized, long badUtf8, int count,
                         boolean[] unrelatedBefore, boolean unrelatedAfter, RawLine[] lines, Parsed[] outcomes,
                         Rendered rendered, int[] ends) {
    }

    private void produceSplit() {
        Deque<Future<Block>> out = new ArrayDeque<>();
        try {
            ChunkReader chunks = parser.chunked(blockBytes);
            ChunkReader.Chunk c;
            while (!closed && (c = chunks.next()) != null) {
                ChunkReader.Chunk chunk = c;
                out.add(workers.submit(() -> {
                    try {
                        return parseBlock(chunk);
                    } finally {
                        chunks.release(chunk);
                    }
                }));
                while (out.size() >= BLOCKS_IN_FLIGHT) {
                    deliver(out.poll());
                }
            }
            while (!out.isEmpty() && !closed) {
                deliver(out.poll());
            }
            parser.countedAll();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ex) {
            failure = ex.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("parsing " + parser.stats().file() + " failed", ex.getCause());
        } catch (RuntimeException ex) {
            failure = ex;
        } finally {
            out.forEach(f -> f.cancel(true));
            try {
                queue.put(END);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Splits, checks and parses a block's lines (on a worker); keeps those a source's rules read. */
    private Block parseBlock(ChunkReader.Chunk chunk) {
        LineParser.Memo memo = new LineParser.Memo();
        LineBytes check = parser.lineBytes();
        String file = parser.stats().file();
        byte[] b = chunk.bytes();
        int length = chunk.length();
        boolean[] unrelatedBefore = new boolean[64];
        boolean unrelated = false;
        RawLine[] lines = new RawLine[64];
        Parsed[] outcomes = new Parsed[64];
        int count = 0;
        int start = 0;
        long no = chunk.firstLine();
        for (int k = 0; k < chunk.lines(); k++, no++) {
            // the newline, and on the way whether every byte is ASCII other than NUL (the usual line)
            long found = LineBytes.lineEnd(b, start, length);
            int end = (int) found;
            RawLine raw = check.line(file, no, b, start, end - start, (found & LineBytes.NOT_PLAIN) == 0);
            start = end + 1;
            if (raw == null) {
                // binary or too long: passed over, as if not there
                continue;
            }
            if (raw == LineBytes.NOT_ADMITTED) {
                unrelated = true;
                continue;
            }
            Parsed p = parser.parseDetached(raw, memo);
            if (p.status() == Parsed.Status.UNRELATED) {
                unrelated = true;
                continue;
            }
            if (count == lines.length) {
                unrelatedBefore = java.util.Arrays.copyOf(unrelatedBefore, 2 * count);
                lines = java.util.Arrays.copyOf(lines, 2 * count);
                outcomes = java.util.Arrays.copyOf(outcomes, 2 * count);
            }
            unrelatedBefore[count] = unrelated;
            unrelated = false;
            lines[count] = raw;
            outcomes[count] = p;
            count++;
        }
        Rendered rendered = null;
        int[] ends = null;
        if (renderer != null) {
            EventRenderer.Batch text = renderer.batch();
            ends = new int[count];
            int at = 0;
            for (int i = 0; i < count; i++) {
                LogEvent e = outcomes[i].event();
                if (e != null) {
                    at = text.add(e);
                }
                ends[i] = at;
            }
            rendered = new Rendered();
            rendered.text = text.text();
        }
        return new Block(chunk, check.takeBinary(), check.takeOversized(), check.takeBadUtf8(), count,
                unrelatedBefore, unrelated, lines, outcomes, rendered, ends);
    }

    /** Whether a line no rules read came after the last line counted. */
    private boolean unrelatedPending;

    /** Waits for the oldest block, counts its lines in order and queues their events. */
    private void deliver(Future<Block> next) throws InterruptedException, ExecutionException {
        Block b = next.get();
        ChunkReader.Chunk chunk = b.chunk();
        parser.countedBlock(chunk.lines(), b.binary(), b.oversized(), b.badUtf8());
        List<Item> items = new ArrayList<>(b.count());
        // events the workers did not render (a syslog repeat stands for several): rendered here, in a
        // batch of their own (out of line: the rare path, kept out of the loop's compiled code)
        Extra extra = null;
        int[] ends = b.ends();
        for (int i = 0; i < b.count(); i++) {
            RawLine raw = b.lines()[i];
            if (b.unrelatedBefore()[i] || unrelatedPending) {
                parser.unrelatedLines();
                unrelatedPending = false;
            }
            Parsed p = b.outcomes()[i];
            if (parser.once(p)) {
                // the usual line: its own event once, or none
                LogEvent e = parser.countedOnce(p, raw);
                if (e != null) {
                    items.add(renderer == null ? new Item(e, raw.text(), null, 0, 0, instant(e))
                            : new Item(e, raw.text(), b.rendered(), i == 0 ? 0 : ends[i - 1], ends[i], instant(e)));
                }
                continue;
            }
            List<LogEvent> events = parser.counted(p, raw);
            for (LogEvent e : events) {
                if (renderer == null) {
                    items.add(new Item(e, raw.text()));
                } else if (events.size() == 1 && e == p.event()) {
                    items.add(new Item(e, raw.text(), b.rendered(), i == 0 ? 0 : ends[i - 1], ends[i]));
                } else {
                    extra = rendered(extra, e, raw, items);
                }
            }
        }
        unrelatedPending |= b.unrelatedAfter();
        if (extra != null) {
            extra.rendered.text = extra.text.text();
        }
        if (!items.isEmpty()) {
            queue.put(items);
        }
    }

    /** The time of the last event {@link #instant} worked out, and its instant. */
    private java.time.OffsetDateTime lastTime;
    private Instant lastInstant;

    /**
     * Returns the event's instant; the previous event's when it carries the same time (the parser hands the lines
     * of one stamp the same {@code OffsetDateTime}): one instant per second of log, not per event.
     */
    private Instant instant(LogEvent e) {
        java.time.OffsetDateTime t = e.time();
        if (t != lastTime) {
            lastInstant = t.toInstant();
            lastTime = t;
        }
        return lastInstant;
    }

    /** The batch of the events a file's thread renders itself, and where the next one starts. */
    private static final class Extra {
        final Rendered rendered = new Rendered();
        final EventRenderer.Batch text;
        int at;

        Extra(EventRenderer.Batch text) {
            this.text = text;
        }
    }

    /** Renders an event the workers did not into {@code extra} (started when null) and queues its item. */
    private Extra rendered(Extra extra, LogEvent e, RawLine raw, List<Item> items) {
        Extra x = extra != null ? extra : new Extra(renderer.batch());
        int end = x.text.add(e);
        items.add(new Item(e, raw.text(), x.rendered, x.at, end));
        x.at = end;
        return x;
    }

    /** Returns the next event of the file with its line, or null at its end. */
    Item next() {
        if (ended) {
            return null;
        }
        if (pos == batch.size()) {
            if (renderer != null) {
                // the batch before the one just finished is written out by now (see EventRenderer.TextSink)
                release(previous);
                previous = batch;
            }
            try {
                batch = queue.take();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + parser.stats().file(), ie);
            }
            pos = 0;
            if (batch == END) {
                ended = true;
                awaitProducer();
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
        }
        return batch.get(pos++);
    }

    /** The batch handed out before the current one. */
    private List<Item> previous = List.of();

    private void release(List<Item> items) {
        Rendered last = null;
        for (Item i : items) {
            if (i.rendered() != last && i.rendered() != null) {
                last = i.rendered();
                if (last.text != null) {
                    renderer.release(last.text);
                    last.text = null;
                }
            }
        }
    }

    private void awaitProducer() {
        try {
            thread.join();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    FileParser parser() {
        return parser;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        thread.interrupt();
        awaitProducer();
        parser.close();
    }
}
