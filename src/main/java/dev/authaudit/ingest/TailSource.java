package dev.authaudit.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Follows one log path by polling: each {@link #poll} hands out the complete lines written since the
 * last one, with exact byte offsets, so {@link #checkpoint()} always names the start of the next unread
 * line. A partial last line waits for its newline. The follower keeps reading the file it has open
 * after the path was renamed away (rename-and-recreate rotation), switches to the new file only at the
 * old one's end, and starts again at 0 when the file shrinks below the offset or the bytes before the
 * offset no longer hash to the last line read (copytruncate). Compressed archives are history for
 * {@code scan}; they are not followed. Not thread-safe.
 */
public final class TailSource implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(TailSource.class);
    private static final int HASH_TAIL = 4096;

    private final Path path;
    private final String display;
    private final InputStats stats;
    private final LineDecoder decoder;
    private final ByteBuffer buf = ByteBuffer.allocate(2 * (LineReader.MAX_LINE + 1));
    private long limit = Long.MAX_VALUE;
    private FileChannel channel;
    private long inode = -1;
    private long offset;
    private long line;
    private long lastLineStart;
    private long readPos;
    private boolean discarding;
    private long seenSize = -1;
    private boolean missingNoted;
    private boolean oddNoted;
    private Path reading;
    private long keepBefore;
    private String lastHash = "";
    private int lastHashLength;
    private long hashedAt;

    /** How a follower found its file when it started. */
    public enum Start {
        /** No checkpoint: reading from where the caller asked. */
        NEW,
        /** The checkpoint's file and bytes are there: reading on from the offset. */
        RESUMED,
        /** The path was rotated while we were down: the old file's rest first, then the new one from 0. */
        ROTATED_WHILE_DOWN,
        /** The path names a file that does not continue the checkpoint: reading it from 0. */
        REPLACED,
        /** The path does not exist (yet): it is read from 0 once it appears. */
        MISSING
    }

    /**
     * Creates a follower of {@code path}; call one of the {@code start} methods before polling.
     *
     * @param display the name lines carry (the path as configured)
     * @param stats counts damage (binary, oversized, bad UTF-8) and problems
     */
    /** The temporary rebuild of a compressed rotated file being read, or null. */
    private Path inflatedOld;

    public TailSource(Path path, String display, InputStats stats) {
        this.path = path;
        this.display = display;
        this.stats = stats;
        this.decoder = new LineDecoder(stats);
    }

    /**
     * Starts at a checkpoint, or at the start of the file when {@code from} is null: checks that the
     * file at the path (or, after a rotation, a sibling with the checkpoint's inode) still holds the
     * line the checkpoint ended on.
     */
    public Start start(Checkpoint from) {
        try (var m = MDC.putCloseable("file", display)) {
            if (from == null) {
                return open() ? Start.NEW : Start.MISSING;
            }
            long now = inodeOf(path);
            if (now == from.inode() && open() && inode == from.inode() && continues(from)) {
                position(from);
                return Start.RESUMED;
            }
            if (now != from.inode()) {
                Path old = RotatedSibling.find(path, from.inode());
                if (old != null && openOld(old, from)) {
                    log.info("{} was rotated while authaudit was down; reading the rest of {} first", display, old);
                    return Start.ROTATED_WHILE_DOWN;
                }
            }
            if (openCopy(from, now)) {
                log.info("{} was copied and truncated while authaudit was down; reading the rest of the copy first",
                        display);
                return Start.ROTATED_WHILE_DOWN;
            }
            for (Path gz : RotatedSibling.gzipped(path)) {
                Path rest = RotatedSibling.inflated(gz, from, keepBefore);
                if (rest != null && openOld(rest, from)) {
                    inflatedOld = rest;
                    log.info("{} was rotated and compressed while authaudit was down; reading the rest of {} first",
                            display, gz);
                    return Start.ROTATED_WHILE_DOWN;
                }
                RotatedSibling.delete(rest);
            }
            if (channel == null && !open()) {
                return Start.MISSING;
            }
            log.warn("{} no longer holds the line checkpointed at byte {} (replaced or truncated while authaudit"
                    + " was down); reading it from the start", display, from.offset());
            return Start.REPLACED;
        }
    }

    /**
     * Starts reading the current file at {@code from} and stops handing out lines at byte {@code limit}
     * (a look-back read up to a checkpoint). Returns false when that file is no longer at the path.
     */
    public boolean startBetween(Checkpoint from, long limit) {
        this.limit = limit;
        if (!open() || inode != from.inode()) {
            return false;
        }
        position(from);
        if (from.offset() > 0 && from.lastLineLength() == 0) {
            alignToLine();
        }
        return true;
    }

    /** Moves a start that may fall inside a line to the start of the next line. */
    private void alignToLine() {
        try {
            ByteBuffer one = ByteBuffer.allocate(1);
            if (channel.read(one, offset - 1) == 1 && one.get(0) == '\n') {
                return;
            }
            long nl = firstNewline(offset);
            offset = nl < 0 ? limit : Math.min(nl + 1, limit);
            readPos = offset;
            lastLineStart = offset;
            hashedAt = -1;
        } catch (IOException e) {
            stats.problem("cannot read " + display + ": " + e.getMessage());
        }
    }

    private long firstNewline(long from) throws IOException {
        buf.clear();
        int n = channel.read(buf, from);
        for (int i = 0; i < n; i++) {
            if (buf.array()[i] == '\n') {
                return from + i;
            }
        }
        return -1;
    }

    /** Skips to the end of the current file, counting its lines; returns the checkpoint there. */
    public Checkpoint skipToEnd() {
        if (channel != null) {
            try {
                long size = channel.size();
                ByteCounts c = ByteCounts.lines(channel, offset, size);
                line += c.lines();
                if (c.lastNewline() >= 0) {
                    lastLineStart = c.lastLineStart();
                    offset = c.lastNewline() + 1;
                    readPos = offset;
                }
            } catch (IOException e) {
                stats.problem("cannot read " + display + ": " + e.getMessage());
            }
        }
        return checkpoint();
    }

    /**
     * Returns the complete lines written since the last poll, at most {@code maxLines}, handling a
     * rotation or truncation found on the way. Never throws for I/O: problems are noted in the stats.
     */
    public List<RawLine> poll(int maxLines) {
        List<RawLine> out = new ArrayList<>();
        try (var m = MDC.putCloseable("file", display)) {
            if (channel == null && !open()) {
                return out;
            }
            checkTruncated();
            boolean atEnd = read(out, maxLines);
            rememberLastLine();
            if (atEnd && limit == Long.MAX_VALUE) {
                long now = inodeOf(path);
                if (now >= 0 && now != inode) {
                    // renamed away: whatever the writer put in the old file up to now is read above
                    flushUnterminated(out);
                    log.info("{} was rotated (new inode {}); reading the new file from the start", display, now);
                    closeChannel();
                    if (open()) {
                        read(out, maxLines - out.size());
                    }
                }
            }
        } catch (IOException e) {
            stats.problem("cannot read " + display + ": " + Describe.unreadable(path, display, e));
            closeChannel();
        }
        return out;
    }

    /** Returns the checkpoint after the last line handed out. */
    public Checkpoint checkpoint() {
        rememberLastLine();
        return new Checkpoint(display, Math.max(inode, 0), offset, line, lastHash, lastHashLength, null);
    }

    /** Hashes the tail of the last line consumed, once per offset, while its bytes are still the ones read. */
    private void rememberLastLine() {
        if (hashedAt == offset) {
            return;
        }
        int n = (int) Math.min(HASH_TAIL, offset - lastLineStart);
        String h = n == 0 ? null : hashAt(offset - n, n);
        lastHash = h == null ? "" : h;
        lastHashLength = h == null ? 0 : n;
        hashedAt = offset;
    }

    /** Returns the size of the file open now, or -1. */
    public long size() {
        try {
            return channel == null ? -1 : channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Asks that a compressed rotated file found at start be rebuilt with {@code bytes} before the
     * checkpoint too (the warm-up's look-back), not only from the checkpoint on.
     */
    public void keepBefore(long bytes) {
        this.keepBefore = Math.max(0, bytes);
    }

    /**
     * Returns the file being read when it is not the path itself (a rotated sibling, a copytruncate
     * copy, or a compressed sibling's temporary rebuild, found at start), or null.
     */
    public Path readingSibling() {
        return reading != null && !reading.equals(path) ? reading : null;
    }

    /** Returns the path followed. */
    public Path path() {
        return path;
    }

    /** Returns the statistics of this path. */
    public InputStats stats() {
        return stats;
    }

    @Override
    public void close() {
        closeChannel();
    }

    private void checkTruncated() throws IOException {
        long size = channel.size();
        if (size == seenSize) {
            return;
        }
        seenSize = size;
        if (size < offset || (offset > 0 && !continues(checkpoint()))) {
            Checkpoint here = checkpoint();
            long before = inode;
            FileChannel mine = channel;
            channel = null;
            if (openCopy(here, before)) {
                closeQuietly(mine);
                seenSize = -1;
                log.info("{} was truncated below byte {} (copytruncate); reading the rest of its copy first", display,
                        here.offset());
                return;
            }
            channel = mine;
            inode = before;
            log.info("{} shrank or was rewritten below byte {} (copytruncate); reading it from the start", display,
                    offset);
            offset = 0;
            line = 0;
            lastLineStart = 0;
            readPos = 0;
            lastHash = "";
            lastHashLength = 0;
            hashedAt = 0;
            discarding = false;
            seenSize = -1;
        }
    }

    /** Reads complete lines into {@code out}; returns true when no further complete line is there. */
    private boolean read(List<RawLine> out, int maxLines) throws IOException {
        byte[] b = buf.array();
        while (out.size() < maxLines && readPos < limit) {
            buf.clear();
            int n = channel.read(buf, readPos);
            if (n <= 0) {
                return true;
            }
            int segStart = 0;
            for (int i = 0; i < n && out.size() < maxLines; i++) {
                if (b[i] != '\n') {
                    continue;
                }
                long end = readPos + i + 1;
                if (end > limit) {
                    readPos = offset;
                    return true;
                }
                line++;
                stats.countLine();
                if (discarding) {
                    discarding = false;
                    stats.countOversized();
                } else if (i - segStart > LineReader.MAX_LINE) {
                    stats.countOversized();
                } else {
                    String text = decoder.decode(b, segStart, i);
                    if (text != null) {
                        out.add(new RawLine(display, line, text));
                    }
                }
                lastLineStart = offset; // offset is where this line began, also when it began in an earlier chunk
                offset = end;
                segStart = i + 1;
            }
            if (out.size() >= maxLines) {
                readPos = offset;
                return false;
            }
            int partial = n - segStart;
            if (partial > LineReader.MAX_LINE) {
                // an oversized line: pass over what is here, count it when its newline comes
                discarding = true;
                readPos += n;
                continue;
            }
            readPos = discarding ? readPos : offset;
            if (n < b.length) {
                return true;
            }
        }
        return readPos >= limit;
    }

    private void flushUnterminated(List<RawLine> out) throws IOException {
        long size = channel.size();
        if (size <= offset || discarding) {
            return;
        }
        int n = (int) Math.min(size - offset, LineReader.MAX_LINE);
        buf.clear();
        buf.limit(n);
        int got = channel.read(buf, offset);
        if (got > 0) {
            line++;
            stats.countLine();
            String text = decoder.decode(buf.array(), 0, got);
            if (text != null) {
                out.add(new RawLine(display, line, text));
            }
        }
    }

    private boolean continues(Checkpoint cp) {
        if (cp.offset() == 0) {
            return true;
        }
        try {
            if (channel.size() < cp.offset()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        if (cp.lastLineLength() == 0) {
            return true; // an old checkpoint without a hash: trust the inode and size
        }
        String h = hashAt(cp.offset() - cp.lastLineLength(), cp.lastLineLength());
        return cp.lastLineHash().equals(h);
    }

    private String hashAt(long at, int n) {
        if (channel == null) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining()) {
                if (channel.read(b, at + b.position()) <= 0) {
                    return null;
                }
            }
            return LineHash.of(b.array(), n);
        } catch (IOException e) {
            return null;
        }
    }

    private void position(Checkpoint cp) {
        offset = cp.offset();
        readPos = offset;
        line = cp.line();
        lastLineStart = offset - cp.lastLineLength();
        lastHash = cp.lastLineHash();
        lastHashLength = cp.lastLineLength();
        hashedAt = offset;
        discarding = false;
        seenSize = -1;
    }

    private boolean open() {
        closeChannel();
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = inodeOf(path);
            if (before < 0) {
                if (!missingNoted) {
                    log.info("{} does not exist yet; following it from its first line when it appears", display);
                    missingNoted = true;
                }
                return false;
            }
            String odd = Describe.notRegular(path, display);
            if (odd != null) {
                if (!oddNoted) {
                    stats.problem(odd);
                    log.warn("{}", odd);
                    oddNoted = true;
                }
                return false;
            }
            try {
                FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
                if (inodeOf(path) == before) {
                    channel = c;
                    reading = path;
                    inode = before;
                    offset = 0;
                    readPos = 0;
                    line = 0;
                    lastLineStart = 0;
                    lastHash = "";
                    lastHashLength = 0;
                    hashedAt = 0;
                    discarding = false;
                    seenSize = -1;
                    missingNoted = false;
                    return true;
                }
                c.close(); // rotated between the two looks: try again
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                stats.problem(Describe.unreadable(path, display, e));
                return false;
            }
        }
        return false;
    }

    /**
     * Opens the plain sibling that continues {@code cp} (a copytruncate copy), unless it is the file with
     * inode {@code current}; reading goes on in it and moves to the path at its end.
     */
    private boolean openCopy(Checkpoint cp, long current) {
        if (cp.offset() == 0 || cp.lastLineLength() == 0) {
            return false; // nothing to tell one file from another by
        }
        for (Path copy : RotatedSibling.copies(path)) {
            long ino = inodeOf(copy);
            if (ino < 0 || ino == current) {
                continue;
            }
            if (openOld(copy, cp)) {
                inode = ino; // at the copy's end the path's inode differs: the follower moves on to it
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // read-only: nothing is lost by a failed close
            }
        }
    }

    private boolean openOld(Path old, Checkpoint cp) {
        closeQuietly(channel);
        channel = null;
        try {
            FileChannel c = FileChannel.open(old, StandardOpenOption.READ);
            channel = c;
            reading = old;
            inode = cp.inode();
            if (!continues(cp)) {
                closeChannel();
                return false;
            }
            position(cp);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only: nothing is lost by a failed close
            }
            channel = null;
        }
        // a rebuilt rest of a compressed rotated file is read once: done with it now
        RotatedSibling.delete(inflatedOld);
        inflatedOld = null;
    }

    /** Returns the inode the path names now, or -1 when it does not exist. */
    static long inodeOf(Path p) {
        try {
            Object ino = Files.getAttribute(p, "unix:ino");
            return ((Number) ino).longValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            try {
                Object key = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                return key == null ? 0 : key.hashCode() & 0x7fffffffL;
            } catch (IOException io) {
                return -1;
            }
        } catch (IOException e) {
            return -1;
        }
    }
}
