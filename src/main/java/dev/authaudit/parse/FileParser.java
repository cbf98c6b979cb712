package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.ChunkReader;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.ingest.LineBytes;
import dev.authaudit.ingest.LineReader;
import dev.authaudit.ingest.RawLine;
import java.io.Closeable;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Parses one input file line by line, counting outcomes in its {@link InputStats}. Each call to
 * {@link #next()} returns the next line's outcome, so callers can stream events, tally rules or
 * merge several files by time without holding a file in memory.
 */
public final class FileParser implements Closeable {
    private final LineReader reader;
    private final LineParser parser;
    private final InputStats stats;
    private final Instant reference;
    private final String onlySource;
    private final Consumer<Parsed> outcomes;
    /** Lines per source (a one-element counter each). */
    private final Map<String, long[]> sourceCounts = new HashMap<>();
    private final LineParser.Memo memo = new LineParser.Memo();
    private final RepeatExpander repeats = new RepeatExpander();
    /** Events of the current line not yet handed out. */
    private final ArrayDeque<LogEvent> pending = new ArrayDeque<>();
    private final long size;
    private RawLine current;

    /**
     * @param reference the year reference for year-less stamps: the file's mtime, or the wall clock
     *     for stdin
     * @param onlySource a source to restrict the rules to, or null for all
     */
    public FileParser(InputFile input, LineParser parser, Instant reference, InputStream stdin, String onlySource) {
        this(input, parser, reference, stdin, onlySource, null);
    }

    /**
     * @param reference the year reference for year-less stamps: the file's mtime, or the wall clock
     *     for stdin
     * @param onlySource a source to restrict the rules to, or null for all
     * @param outcomes receives every line's outcome except unrelated lines (the report samples skipped
     *     lines this way), or null
     */
    public FileParser(InputFile input, LineParser parser, Instant reference, InputStream stdin, String onlySource,
                      Consumer<Parsed> outcomes) {
        this.outcomes = outcomes;
        this.size = input.isStdin() ? -1 : input.path().toFile().length();
        this.stats = new InputStats(input.display());
        this.reader = new LineReader(input, stats, stdin);
        this.reader.gate(parser::scanBytes);
        this.parser = parser;
        this.reference = reference;
        this.onlySource = onlySource;
    }

    /**
     * Decodes every line, also those no rule could read (their text is otherwise left empty, see
     * {@link LineReader#gate}); for a caller that looks at every line itself.
     */
    public FileParser decodeAll() {
        reader.gate(null);
        return this;
    }

    /** Returns the size of the file on disk (compressed, for an archive), or -1 for stdin. */
    long size() {
        return size;
    }

    public InputStats stats() {
        return stats;
    }

    /** Returns the raw line behind the last outcome returned. */
    public RawLine current() {
        return current;
    }

    /**
     * Returns the next line's outcome, or null at the end of the file. The events it stands for (see
     * {@link RepeatExpander}) come from {@link #nextEvent}.
     */
    public Parsed next() {
        RawLine line = reader.next();
        if (line == null) {
            finish();
            return null;
        }
        current = line;
        Parsed p = parser.parse(line, reference, onlySource, memo);
        if (once(p)) {
            LogEvent e = countedOnce(p, line);
            if (e != null) {
                pending.add(e);
            }
        } else {
            pending.addAll(count(p, line));
        }
        return p;
    }

    /** Counts one line's outcome and returns the events it stands for. */
    private List<LogEvent> count(Parsed p, RawLine line) {
        List<LogEvent> events = repeats.events(p, line.file(), line.line());
        tally(p, line, events.size());
        return events;
    }

    /** Counts one line's outcome, which stands for {@code events} events. */
    private void tally(Parsed p, RawLine line, int events) {
        switch (p.status()) {
            case EVENT:
                stats.countEvents(events);
                countSource(p.source());
                break;
            case REPEAT:
                if (events == 0) {
                    stats.countIgnored();
                } else {
                    stats.countEvents(events);
                }
                break;
            case SKIPPED:
                stats.countSkipped();
                break;
            case IGNORED:
                stats.countIgnored();
                countSource(p.source());
                break;
            case INVALID:
                stats.countInvalid();
                stats.unusable(line.line(), p.problem());
                break;
            case UNTIMED:
                stats.countUntimed();
                stats.unusable(line.line(), p.problem());
                break;
            default:
                break;
        }
        if (outcomes != null && p.status() != Parsed.Status.UNRELATED) {
            outcomes.accept(p);
        }
    }

    /** Counts a line of a source (a counter per source: no boxed count per line). */
    private void countSource(String source) {
        long[] n = sourceCounts.get(source);
        if (n == null) {
            n = new long[1];
            sourceCounts.put(source, n);
        }
        n[0]++;
    }

    /**
     * Returns the next raw line without parsing it, or null at the end of the file; for a caller that
     * parses lines elsewhere ({@link #parseDetached}), hands the outcomes back in order
     * ({@link #counted}) and then calls {@link #countedAll}.
     */
    RawLine nextRaw() {
        return reader.next();
    }

    /** Parses a line of this file without counting it: safe on any thread, with a memo of that thread's. */
    Parsed parseDetached(RawLine line, LineParser.Memo ownMemo) {
        return parser.parse(line, reference, onlySource, ownMemo);
    }

    /**
     * Counts a line parsed by {@link #parseDetached} and returns the events it stands for; call for
     * every line (unrelated ones too: a syslog repeat line refers to the line before it), in line
     * order, on one thread.
     */
    List<LogEvent> counted(Parsed p, RawLine line) {
        return count(p, line);
    }

    /**
     * As {@link #counted}, for an outcome that stands for at most its own event once
     * ({@link RepeatExpander#plain}, the usual line): returns that event or null, without a list.
     */
    LogEvent countedOnce(Parsed p, RawLine line) {
        LogEvent e = repeats.once(p);
        tally(p, line, e == null ? 0 : 1);
        return e;
    }

    /** Whether {@link #countedOnce} may count this outcome. */
    boolean once(Parsed p) {
        return repeats.plain(p);
    }

    /**
     * Hands the file on in blocks of whole lines instead of line by line, for a caller that splits
     * and parses them on several threads ({@link #lineBytes}, {@link #parseDetached}) and counts them
     * back in order ({@link #countedBlock}, {@link #counted}, {@link #unrelatedLines}); only before the
     * first line is read.
     */
    ChunkReader chunked(int blockSize) {
        return reader.chunked(blockSize);
    }

    /** Returns the byte checks of this file's lines for one thread (with this file's gate). */
    LineBytes lineBytes() {
        return new LineBytes(reader.gate());
    }

    /** Counts a block's lines and the damaged ones among them (see {@link #chunked}). */
    void countedBlock(long lines, long binary, long oversized, long badUtf8) {
        stats.countLines(lines);
        stats.countBinary(binary);
        stats.countOversized(oversized);
        stats.countBadUtf8(badUtf8);
    }

    /**
     * Counts lines that no source's rules read, in their place among the lines {@link #counted}: a
     * syslog repeat line after them repeats nothing.
     */
    void unrelatedLines() {
        repeats.events(Parsed.UNRELATED_LINE, null, 0);
    }

    /** Ends the counting of lines parsed elsewhere: the file's format is the source most lines came from. */
    void countedAll() {
        finish();
    }

    /** Returns the next event, skipping lines that gave none, or null at the end. */
    public LogEvent nextEvent() {
        while (pending.isEmpty()) {
            if (next() == null) {
                return null;
            }
        }
        return pending.poll();
    }

    private void finish() {
        sourceCounts.entrySet().stream().max(java.util.Comparator.comparingLong(e -> e.getValue()[0]))
                .ifPresent(e -> stats.format(e.getKey()));
    }

    @Override
    public void close() {
        reader.close();
    }
}
