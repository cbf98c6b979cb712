package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputStats;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the events of several files into one stream ordered by event time, the way the correlator
 * needs them: Exim's mainlog, the maillog, lfd.log and the kernel log of one server interleave.
 * Each file is read lazily (one pending event per file), so memory does not grow with file size.
 * Ties keep file order, so a file's own order is never changed.
 */
public final class EventMerger implements Closeable {
    private final List<FileParser> files;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparing((Head h) -> h.event.instant()).thenComparingInt(h -> h.index));

    private record Head(LogEvent event, int index, String line) {
    }

    private String lastLine;

    /** Starts merging; takes ownership of the parsers (closes them). */
    public EventMerger(List<FileParser> files) {
        this.files = List.copyOf(files);
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
        return h.event;
    }

    /**
     * Returns the raw text of the line behind the event {@link #next()} last returned. It is unredacted
     * (a verbose Dovecot may have logged a plaintext password): classify it at once, never keep it.
     */
    public String lastLine() {
        return lastLine;
    }

    private void advance(int i) {
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
        files.forEach(FileParser::close);
    }
}
