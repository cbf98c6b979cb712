package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parses one file on a thread of its own, a few batches ahead of whoever merges it, so that reading
 * and matching lines runs on one core while the correlator runs on another. Memory stays bounded (a
 * few batches per file); the order of a file's events is kept, so a merge gives the same result as
 * reading the files one after the other on one thread.
 */
final class PrefetchedFile implements AutoCloseable {
    private static final int BATCH = 512;
    private static final int BATCHES_AHEAD = 4;

    /** One event and the raw text of its line. */
    record Item(LogEvent event, String line) {
    }

    private static final List<Item> END = List.of();

    private final FileParser parser;
    private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private List<Item> batch = List.of();
    private int pos;
    private boolean ended;

    PrefetchedFile(FileParser parser, String name) {
        this.parser = parser;
        this.thread = new Thread(this::produce, "authaudit-parse-" + name);
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
