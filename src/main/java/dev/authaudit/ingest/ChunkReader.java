package dev.authaudit.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.ZipException;

/**
 * Reads an input in large blocks of bytes that end at a line's end, so that the lines of one file can
 * be split, checked, gated and decoded on several threads ({@link LineBytes}) while one thread only
 * reads. Each block knows the number of its first line, so line numbers are the ones a reader going
 * line by line ({@link LineReader}) gives, and so are the lines themselves: a line longer than a block
 * is handed on as its first {@link LineReader#MAX_LINE}{@code + 1} bytes (which a worker counts as
 * oversized), and the unterminated last line of an input is a line.
 *
 * <p>Damage (a truncated archive, a read error) ends the input with a problem noted, as
 * {@link LineReader} notes it. Not thread-safe: one thread reads the blocks.
 */
public final class ChunkReader {
    /** One block of whole lines: {@code bytes[0..length)}, of {@code lines} lines from {@code firstLine}. */
    public record Chunk(byte[] bytes, int length, long firstLine, int lines) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputFile input;
    private final InputStats stats;
    private final InputStream in;
    private final int size;
    /** The start of a line not yet handed on (read past the last block's end). */
    private byte[] carry = new byte[0];
    private int carried;
    private boolean eof;
    /** Lines handed on so far. */
    private long lines;
    /** Blocks whose lines were read, for the next blocks (handed back from any thread). */
    private final java.util.concurrent.BlockingQueue<byte[]> free = new java.util.concurrent.ArrayBlockingQueue<>(16);

    /**
     * @param in the input's bytes (decompressed), positioned at its start; closed by the caller
     * @param size the size of a block (at least twice {@link LineReader#MAX_LINE})
     */
    ChunkReader(InputFile input, InputStats stats, InputStream in, int size) {
        if (size < 2 * (LineReader.MAX_LINE + 2)) {
            throw new IllegalArgumentException("block size " + size + " is too small");
        }
        this.input = input;
        this.stats = stats;
        this.in = in;
        this.size = size;
        this.eof = in == null;
    }

    /** Returns the next block of lines, or null at the end of the input. */
    public Chunk next() {
        if (eof && carried == 0) {
            return null;
        }
        byte[] b = free.poll();
        if (b == null) {
            b = new byte[size];
        }
        System.arraycopy(carry, 0, b, 0, carried);
        int filled = carried;
        carried = 0;
        filled = fill(b, filled);
        int end = lastNewline(b, filled) + 1;
        if (end == 0) {
            if (filled == b.length) {
                return oversized(b);
            }
            // the input's last line, unterminated (eof, or a read that failed)
            if (filled == 0) {
                return null;
            }
            return chunk(b, filled, 1);
        }
        if (eof && filled > end) {
            // the unterminated last line belongs to this block
            return chunk(b, filled, newlines(b, end) + 1);
        }
        keep(b, end, filled);
        return chunk(b, end, newlines(b, end));
    }

    /**
     * Hands a block's bytes back once its lines are read (from any thread), so that reading a large
     * file reuses a few arrays instead of leaving one to the garbage collector per block.
     */
    public void release(Chunk c) {
        free.offer(c.bytes());
    }

    private Chunk chunk(byte[] b, int length, int n) {
        Chunk c = new Chunk(b, length, lines + 1, n);
        lines += n;
        return c;
    }

    /**
     * A line longer than a block: its first bytes as one line long enough to count as oversized; the
     * rest of it is read and dropped.
     */
    private Chunk oversized(byte[] b) {
        int keep = LineReader.MAX_LINE + 1;
        b[keep] = '\n';
        byte[] scratch = new byte[64 * 1024];
        while (!eof) {
            int n = read(scratch, 0, scratch.length);
            if (n < 0) {
                break;
            }
            int nl = indexOf(scratch, 0, n);
            if (nl >= 0) {
                keep(scratch, nl + 1, n);
                break;
            }
        }
        return chunk(b, keep + 1, 1);
    }

    /** Keeps {@code b[from..to)}, the start of the next block. */
    private void keep(byte[] b, int from, int to) {
        int n = to - from;
        if (carry.length < n) {
            carry = new byte[Math.max(n, 64 * 1024)];
        }
        System.arraycopy(b, from, carry, 0, n);
        carried = n;
    }

    /** Reads until the block is full or the input ends; returns the bytes in the block. */
    private int fill(byte[] b, int filled) {
        while (filled < b.length && !eof) {
            int n = read(b, filled, b.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** One read; -1 at the end or on damage (noted, with the number of the last whole line read). */
    private int read(byte[] b, int off, int len) {
        try {
            int n = in.read(b, off, len);
            if (n < 0) {
                eof = true;
            }
            return n;
        } catch (EOFException | ZipException e) {
            stats.problem(input.display() + ": archive is truncated or corrupt after line " + wholeLines(b, off)
                    + " (" + e.getMessage() + "); the lines before it were read");
        } catch (IOException e) {
            stats.problem(input.display() + ": read failed after line " + wholeLines(b, off) + ": " + e.getMessage());
        }
        eof = true;
        return -1;
    }

    /** The lines handed on and those whole in {@code b[0..filled)} (when b is the block being filled). */
    private long wholeLines(byte[] b, int filled) {
        return lines + (b.length == size ? newlines(b, filled) : 0);
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastNewline(byte[] b, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Counts the newlines in {@code b[0..len)}, eight bytes at a time. */
    static int newlines(byte[] b, int len) {
        final long ones = 0x0101010101010101L;
        final long low7 = 0x7f7f7f7f7f7f7f7fL;
        final long nl = ones * '\n';
        int count = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long x = (long) LONGS.get(b, i) ^ nl;
            // the high bit of each byte that was a newline (exact: no carries between bytes)
            long t = ~(((x & low7) + low7) | x | low7);
            count += Long.bitCount(t);
        }
        for (; i < len; i++) {
            if (b[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
