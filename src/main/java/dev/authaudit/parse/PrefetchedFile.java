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

    /** One event and the raw text of its line. */
    record Item(LogEvent event, String line) {
    }

    private static final List<Item> END = List.of();

    private final FileParser parser;
    private final ExecutorService workers;
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
        this.parser = parser;
        this.workers = workers;
        this.thread = new Thread(workers == null ? this::produce : this::produceSplit, "authaudit-parse-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void produce() {
        try {
            List<Item> out = new ArrayList<>(BATCH);
            LogEvent e;
            while (!closed && (e = parser.nextEvent()) != null) {
                out.add(new Item(e, parser.current().text()));
                if (out.size() == BATCH) {
                    queue.put(out);
                    out = new ArrayList<>(BATCH);
                }
            }
            if (!out.isEmpty()) {
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

    /** One block's lines and their outcomes, in order. */
    private record Block(List<RawLine> lines, Parsed[] outcomes) {
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
        return new Block(lines, outcomes);
    }

    /** Waits for the oldest block, counts its lines in order and queues their events. */
    private void deliver(Future<Block> next) throws InterruptedException, ExecutionException {
        Block b = next.get();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < b.outcomes().length; i++) {
            RawLine raw = b.lines().get(i);
            for (LogEvent e : parser.counted(b.outcomes()[i], raw)) {
                items.add(new Item(e, raw.text()));
            }
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
