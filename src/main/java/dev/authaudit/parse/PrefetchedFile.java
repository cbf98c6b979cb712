package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.RawLine;
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
 * <p>A large file (one busy maillog is the usual case) is also split: its thread only reads lines,
 * hands blocks of them to a pool of parsing workers, and takes the results back in the order read,
 * counting them into the file's statistics as one thread would have. A block starts without the
 * previous block's stamp memo, which only costs the first line of each block a fresh stamp parse.
 */
final class PrefetchedFile implements AutoCloseable {
    private static final int BATCH = 512;
    private static final int BATCHES_AHEAD = 4;
    /** Lines per block handed to a worker, and how many blocks may be out at once. */
    private static final int BLOCK = 2048;
    private static final int BLOCKS_IN_FLIGHT = 8;

    /**
     * One event and the raw text of its line; with a renderer, also the event's text: the slice
     * {@code start..end} of its batch's {@link Rendered#text}.
     */
    record Item(LogEvent event, String line, Rendered rendered, int start, int end) {
        Item(LogEvent event, String line) {
            this(event, line, null, 0, 0);
        }

        /** Returns the rendered text of the event's batch (read by the consumer, after the hand-off). */
        char[] text() {
            return rendered.text;
        }
    }

    /** The text of a batch of events, set before the batch is handed to the consumer. */
    static final class Rendered {
        private char[] text;
    }

    private static final List<Item> END = List.of();

    private final FileParser parser;
    private final ExecutorService workers;
    private final EventRenderer renderer;
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
     * One block's lines and their outcomes, in order; with a renderer, the text of each outcome's event
     * (the slice {@code ends[i-1]..ends[i]} of {@code rendered}, empty for an outcome without one).
     */
    private record Block(List<RawLine> lines, Parsed[] outcomes, Rendered rendered, int[] ends) {
    }

    private void produceSplit() {
        Deque<Future<Block>> out = new ArrayDeque<>();
        try {
            List<RawLine> lines = new ArrayList<>(BLOCK);
            RawLine l;
            while (!closed && (l = parser.nextRaw()) != null) {
                lines.add(l);
                if (lines.size() == BLOCK) {
                    List<RawLine> block = lines;
                    out.add(workers.submit(() -> parseBlock(block)));
                    lines = new ArrayList<>(BLOCK);
                    while (out.size() >= BLOCKS_IN_FLIGHT) {
                        deliver(out.poll());
                    }
                }
            }
            if (!lines.isEmpty() && !closed) {
                List<RawLine> block = lines;
                out.add(workers.submit(() -> parseBlock(block)));
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

    private Block parseBlock(List<RawLine> lines) {
        LineParser.Memo memo = new LineParser.Memo();
        Parsed[] outcomes = new Parsed[lines.size()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = parser.parseDetached(lines.get(i), memo);
        }
        if (renderer == null) {
            return new Block(lines, outcomes, null, null);
        }
        EventRenderer.Batch text = renderer.batch();
        int[] ends = new int[outcomes.length];
        int at = 0;
        for (int i = 0; i < outcomes.length; i++) {
            LogEvent e = outcomes[i].event();
            if (e != null) {
                at = text.add(e);
            }
            ends[i] = at;
        }
        Rendered rendered = new Rendered();
        rendered.text = text.text();
        return new Block(lines, outcomes, rendered, ends);
    }

    /** Waits for the oldest block, counts its lines in order and queues their events. */
    private void deliver(Future<Block> next) throws InterruptedException, ExecutionException {
        Block b = next.get();
        List<Item> items = new ArrayList<>();
        // events the workers did not render (a syslog repeat stands for several): rendered here
        Rendered extra = null;
        EventRenderer.Batch extraText = null;
        int extraAt = 0;
        int[] ends = b.ends();
        for (int i = 0; i < b.outcomes().length; i++) {
            RawLine raw = b.lines().get(i);
            Parsed p = b.outcomes()[i];
            List<LogEvent> events = parser.counted(p, raw);
            for (LogEvent e : events) {
                if (renderer == null) {
                    items.add(new Item(e, raw.text()));
                } else if (events.size() == 1 && e == p.event()) {
                    items.add(new Item(e, raw.text(), b.rendered(), i == 0 ? 0 : ends[i - 1], ends[i]));
                } else {
                    if (extraText == null) {
                        extra = new Rendered();
                        extraText = renderer.batch();
                    }
                    int end = extraText.add(e);
                    items.add(new Item(e, raw.text(), extra, extraAt, end));
                    extraAt = end;
                }
            }
        }
        if (extraText != null) {
            extra.text = extraText.text();
        }
        if (!items.isEmpty()) {
            queue.put(items);
        }
    }

    /** Returns the next event of the file with its line, or null at its end. */
    Item next() {
        if (ended) {
            return null;
        }
        if (pos == batch.size()) {
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
