package dev.authaudit.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one input line by line, plain or gzip (recognised by its magic bytes, not its name).
 * Damage is counted in the file's {@link InputStats} and never thrown: a line with NUL bytes is
 * binary and skipped, a line longer than {@link #MAX_LINE} is skipped, invalid UTF-8 is replaced,
 * and a truncated or corrupt archive ends that file with a problem noted.
 */
public final class LineReader implements Closeable {
    /** The longest line read; longer ones are counted as oversized and passed over. */
    public static final int MAX_LINE = 64 * 1024;

    private final InputFile input;
    private final InputStats stats;
    private InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNo;
    private byte[] line = new byte[1024];

    /**
     * Opens an input. An unreadable file is noted in {@code stats} and reads as empty.
     */
    public LineReader(InputFile input, InputStats stats, InputStream stdin) {
        this.input = input;
        this.stats = stats;
        try {
            InputStream raw = input.isStdin() ? stdin : Files.newInputStream(input.path());
            PushbackInputStream pb = new PushbackInputStream(new BufferedInputStream(raw, 64 * 1024), 2);
            byte[] magic = new byte[2];
            int n = pb.readNBytes(magic, 0, 2);
            if (n > 0) {
                pb.unread(magic, 0, n);
            }
            if (n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                this.in = new GZIPInputStream(pb, 64 * 1024);
            } else {
                this.in = pb;
            }
        } catch (IOException e) {
            stats.problem(Describe.unreadable(input, e));
            this.eof = true;
        }
    }

    /**
     * Returns the next usable line, or null at the end of the input.
     */
    public RawLine next() {
        if (lines == null) {
            lines = new LineBytes(gate);
        }
        while (true) {
            int len = readLine();
            if (len < 0) {
                return null;
            }
            lineNo++;
            stats.countLine();
            RawLine l = lines.line(input.display(), lineNo, line, 0, len);
            if (l == LineBytes.NOT_ADMITTED) {
                // no rule could read it: not decoded (an ASCII line cannot be bad UTF-8, so nothing goes
                // uncounted)
                return new RawLine(input.display(), lineNo, UNREAD);
            }
            if (l == null) {
                stats.countBinary(lines.takeBinary());
                stats.countOversized(lines.takeOversized());
                continue;
            }
            stats.countBadUtf8(lines.takeBadUtf8());
            return l;
        }
    }

    /**
     * Hands the rest of the input on in blocks of whole lines instead (see {@link ChunkReader}), for a
     * caller that splits and checks the lines on several threads with a {@link LineBytes} each; only
     * before the first {@link #next()}. Closing this reader closes the input.
     */
    public ChunkReader chunked(int blockSize) {
        if (lineNo > 0 || lines != null) {
            throw new IllegalStateException("lines were already read one by one");
        }
        return new ChunkReader(input, stats, eof ? null : in, blockSize);
    }

    private LineBytes lines;

    /** The text of a line the gate passed over: empty, which no rule reads. */
    public static final String UNREAD = "";

    /** Decides from a line's bytes whether it needs decoding at all. */
    @FunctionalInterface
    public interface Gate {
        /**
         * Searches an ASCII line ({@code len} bytes from {@code off}): 0 when no rule could read it, else
         * an answer handed on with the line as {@link RawLine#gate} ({@link RawLine#UNSCANNED} for "maybe").
         */
        long scan(byte[] line, int off, int len);
    }

    private Gate gate;

    /**
     * Lines of pure ASCII that the gate does not admit are returned with the text {@link #UNREAD},
     * undecoded; null (the default) decodes every line.
     */
    public void gate(Gate g) {
        this.gate = g;
    }

    /** Returns the gate set, or null. */
    public Gate gate() {
        return gate;
    }

    /** Returns the number of lines read so far, usable ones or not. */
    public long linesRead() {
        return lineNo;
    }

    /**
     * Reads bytes up to the next newline into {@link #line}; returns its length (which may exceed
     * MAX_LINE, in which case only a prefix is kept), or -1 at the end.
     */
    private int readLine() {
        int len = 0;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return -1;
                    }
                    return trimCr(len);
                }
            }
            any = true;
            int start = pos;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            int chunk = end - start;
            if (len <= MAX_LINE) {
                int keep = Math.min(chunk, MAX_LINE + 1 - len);
                ensure(len + keep);
                System.arraycopy(buf, start, line, len, keep);
            }
            len += chunk;
            if (len > MAX_LINE + 1) {
                len = MAX_LINE + 1;
            }
            if (nl >= 0) {
                pos = nl + 1;
                return trimCr(len);
            }
            pos = limit;
        }
    }

    private int trimCr(int len) {
        if (len > 0 && len <= MAX_LINE && line[len - 1] == '\r') {
            return len - 1;
        }
        return len;
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.max(capacity, line.length * 2));
        }
    }

    private boolean fill() {
        try {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (EOFException | ZipException e) {
            stats.problem(input.display() + ": archive is truncated or corrupt after line " + lineNo
                    + " (" + e.getMessage() + "); the lines before it were read");
        } catch (IOException e) {
            stats.problem(input.display() + ": read failed after line " + lineNo + ": " + e.getMessage());
        }
        eof = true;
        return false;
    }

    @Override
    public void close() {
        if (in != null && !input.isStdin()) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing was lost: every line was already handed out
            }
        }
    }
}
