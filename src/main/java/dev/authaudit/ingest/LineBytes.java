package dev.authaudit.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of one line into a {@link RawLine}: the checks every reader of lines makes, in one
 * place. A line with a NUL byte is binary and skipped, a line longer than {@link LineReader#MAX_LINE}
 * is skipped, a line of pure ASCII that the gate does not admit is not decoded (its text is
 * {@link LineReader#UNREAD}), and invalid UTF-8 is replaced. What was skipped or replaced is counted
 * here for the caller to add to the file's {@link InputStats}. One per thread.
 */
public final class LineBytes {
    private final LineReader.Gate gate;
    private CharsetDecoder strict;
    private long binary;
    private long oversized;
    private long badUtf8;

    /** @param gate the byte search that decides whether an ASCII line is decoded, or null to decode all */
    public LineBytes(LineReader.Gate gate) {
        this.gate = gate;
    }

    /** A line the gate did not admit: no rule could read it. */
    public static final RawLine NOT_ADMITTED = new RawLine("", 0, LineReader.UNREAD);

    /**
     * Returns the line {@code b[off..off+len)} (its terminator excluded, a trailing CR still in it; a
     * length past {@link LineReader#MAX_LINE} stands for a longer line): null when it is skipped
     * (binary or oversized), {@link #NOT_ADMITTED} when the gate passes over it, else the line.
     */
    public RawLine line(String file, long no, byte[] b, int off, int len) {
        return line(file, no, b, off, len, false);
    }

    /**
     * As {@link #line(String, long, byte[], int, int)}, for a caller that already knows whether every
     * byte of the line is printable ASCII or a control character other than NUL ({@code ascii}: all
     * bytes in 1..127), as a search for the newline can tell on the way.
     */
    public RawLine line(String file, long no, byte[] b, int off, int len, boolean ascii) {
        if (len > LineReader.MAX_LINE) {
            oversized++;
            return null;
        }
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        int kind = ascii ? ASCII : kind(b, off, len);
        if (kind == BINARY) {
            binary++;
            return null;
        }
        if (gate != null && kind == ASCII) {
            long found = gate.scan(b, off, len);
            if (found == 0) {
                return NOT_ADMITTED;
            }
            return new RawLine(file, no, new String(b, off, len, StandardCharsets.ISO_8859_1), found);
        }
        return new RawLine(file, no, decode(b, off, len, kind == ASCII));
    }

    /** Lines skipped as binary since the last call. */
    public long takeBinary() {
        long n = binary;
        binary = 0;
        return n;
    }

    /** Lines skipped as too long since the last call. */
    public long takeOversized() {
        long n = oversized;
        oversized = 0;
        return n;
    }

    /** Lines with invalid UTF-8 since the last call. */
    public long takeBadUtf8() {
        long n = badUtf8;
        badUtf8 = 0;
        return n;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    /** Bit 32 of {@link #lineEnd}'s answer: the line holds a byte that is NUL or not ASCII. */
    public static final long NOT_PLAIN = 1L << 32;

    /**
     * Finds the end of the line that starts at {@code from} in {@code b[from..to)}: the index of its
     * newline (or {@code to}), with {@link #NOT_PLAIN} set when a byte before it is NUL or beyond ASCII.
     * Eight bytes at a time while they hold neither, then byte by byte.
     */
    public static long lineEnd(byte[] b, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LONGS.get(b, i);
            long x = w ^ NEWLINES;
            // a newline, a NUL, or a byte with its high bit set somewhere in these eight (exact tests
            // for "some byte is"; where, the byte loop below finds)
            if (((((x - ONES) & ~x) | ((w - ONES) & ~w) | w) & HIGHS) != 0) {
                break;
            }
            i += 8;
        }
        long plain = 0;
        byte c;
        while (i < to && (c = b[i]) != '\n') {
            if (c <= 0) {
                plain = NOT_PLAIN;
            }
            i++;
        }
        return i | plain;
    }

    static final int ASCII = 0;
    static final int NON_ASCII = 1;
    static final int BINARY = 2;

    /** Returns whether the line holds a NUL byte (binary), else whether it is pure ASCII: one pass. */
    static int kind(byte[] l, int off, int len) {
        int n = off + len;
        int i = off;
        // the usual line: ASCII all through
        while (i < n && l[i] > 0) {
            i++;
        }
        if (i == n) {
            return ASCII;
        }
        for (; i < n; i++) {
            if (l[i] == 0) {
                return BINARY;
            }
        }
        return NON_ASCII;
    }

    private String decode(byte[] l, int off, int len, boolean ascii) {
        if (ascii) {
            return new String(l, off, len, StandardCharsets.ISO_8859_1);
        }
        if (strict == null) {
            strict = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            CharBuffer cb = strict.reset().decode(ByteBuffer.wrap(l, off, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            badUtf8++;
            return new String(l, off, len, StandardCharsets.UTF_8);
        }
    }
}
