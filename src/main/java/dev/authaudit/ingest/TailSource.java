package dev.authaudit.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Follows one log path by polling: each {@link #poll} hands out the complete lines written since the
 * last one, with exact byte offsets, so {@link #checkpoint()} always names the start of the next unread
 * line. A partial last line waits for its newline. The follower keeps reading the file it has open
 * after the path was renamed away (rename-and-recreate rotation), switches to the new file only at the
 * old one's end, and starts again at 0 when the file shrinks below the offset or the bytes before the
 * offset no longer hash to the last line read (copytruncate). When a file ends and the path names another,
 * the files rotated in between (renamed, copied or gzipped, found by modification time and told apart
 * from files already read by their last line) are read first, oldest first; until the first line of the
 * next file is read, the checkpoint stays at the end of the one before, so a restart finds the same
 * chain. Compressed archives are otherwise history for {@code scan}. Not thread-safe.
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
    /** Where temporary rebuilds of compressed files go (null: the system's temporary folder). */
    private Path tempDir;
    /** The modification time of the file being read, as last seen: files of a rotation chain are newer. */
    private FileTime readingMtime;
    /** Files finished since the follower last read the path itself: never read twice in one chain. */
    private final Set<Long> chainInodes = new HashSet<>();
    private final List<Checkpoint> chainEnds = new ArrayList<>();
    /**
     * While at offset 0 of the path: since when a copytruncate copy would hold unread lines (the save of
     * a checkpoint at 0, or the arrival at 0), and the path's modification time when last looked.
     */
    private FileTime zeroSince;
    private FileTime zeroLooked;
    /** The end of the file finished before the one at offset 0 now, saved in its place until a line is read. */
    private Checkpoint held;
    /** The file being read as the admin knows it: the {@code .gz} of a rebuild, else the file itself. */
    private Path origin;

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
        return start(from, null);
    }

    /**
     * As {@link #start(Checkpoint)}, knowing when the checkpoint was saved: a checkpoint at the start of
     * a file (no line read yet) cannot tell a copytruncate by its bytes, so a copy modified since that
     * save is read first.
     */
    public Start start(Checkpoint from, Instant savedAt) {
        try (var m = MDC.putCloseable("file", display)) {
            if (from == null) {
                boolean found = open();
                zeroSince = readingMtime; // a copy made after the file's last change holds lines not seen yet
                return found ? Start.NEW : Start.MISSING;
            }
            FileTime saved = savedAt == null ? null : FileTime.from(savedAt);
            long now = inodeOf(path);
            if (now == from.inode() && open() && inode == from.inode() && continues(from)) {
                if (from.offset() == 0 && saved != null) {
                    Path copy = RotatedSibling.next(path, saved, Set.of(now), List.of());
                    if (copy != null && openChained(copy)) {
                        log.info("{} was copied and truncated before its first line was read; reading {} first",
                                display, copy);
                        return Start.ROTATED_WHILE_DOWN;
                    }
                    if (channel == null && !open()) {
                        return Start.MISSING;
                    }
                    zeroSince = saved;
                }
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
                if (from.offset() == 0 && (saved == null || RotatedSibling.modifiedTime(gz).compareTo(saved) < 0)) {
                    continue; // nothing to recognise it by but its age: an archive older than the save was read
                }
                Path rest = RotatedSibling.inflated(gz, from, keepBefore, tempDir);
                if (rest != null && openOld(rest, from)) {
                    inflatedOld = rest;
                    origin = gz;
                    readingMtime = RotatedSibling.modifiedTime(gz);
                    log.info("{} was rotated and compressed while authaudit was down; reading the rest of {} first",
                            display, gz);
                    return Start.ROTATED_WHILE_DOWN;
                }
                RotatedSibling.delete(rest);
            }
            if (channel == null && !open()) {
                return Start.MISSING;
            }
            zeroSince = saved;
            // Neither the file nor a rotated copy holds the checkpointed line: the lines written after it
            // into the old file (deleted outright, moved out of the folder, or truncated without a copy)
            // cannot be read. Said once, as a problem the status and the report show, not only in the log.
            String lost = display + " no longer holds the line checkpointed at byte " + from.offset()
                    + " and no rotated copy of it was found (deleted, moved away or truncated without a copy while"
                    + " authaudit was down; a new file can take the old one's inode)"
                    + ": lines written to it after the last save" + (saved == null ? "" : " (" + saved + ")")
                    + " were not read; reading the new file from the start";
            log.warn(lost);
            stats.problem(lost);
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
            checkCopiedAtZero();
            boolean atEnd = read(out, maxLines);
            rememberLastLine();
            if (offset > 0 && reading != null && reading.equals(path) && (held != null || !chainInodes.isEmpty())) {
                held = null; // the path's own first line is read: the chain behind it is done
                chainInodes.clear();
                chainEnds.clear();
            }
            // along a rotation chain to the path in one poll, as far as the batch allows
            for (int hop = 0; atEnd && limit == Long.MAX_VALUE && hop < 64; hop++) {
                long now = inodeOf(path);
                if (now < 0 || now == inode) {
                    break;
                }
                // renamed away: the writer may have added lines between the read above and the rename
                if (!read(out, maxLines - out.size())) {
                    break; // the batch is full: the rest, and the move, at the next poll
                }
                rememberLastLine();
                flushUnterminated(out);
                moveOn(now);
                if (channel == null) {
                    break;
                }
                atEnd = read(out, maxLines - out.size());
                rememberLastLine();
            }
        } catch (IOException e) {
            stats.problem("cannot read " + display + ": " + Describe.unreadable(path, display, e));
            closeChannel();
        }
        return out;
    }

    /**
     * Leaves the file just finished for the next one of its rotation chain: a file rotated after it
     * (renamed, copied or compressed; two rotations before the follower got there), oldest first, and
     * the path itself once there is none.
     */
    private void moveOn(long pathInode) {
        Checkpoint done = here();
        if (done.lastLineLength() > 0) {
            chainEnds.add(done); // known by its last line: an inode can be reused once a file is deleted
        } else {
            chainInodes.add(inode); // an empty file: read again, it would give nothing, but never end the chain
        }
        FileTime since = readingMtime;
        Path finished = origin != null ? origin : reading;
        closeChannel();
        Set<Long> skip = new HashSet<>(chainInodes);
        skip.add(pathInode);
        Path next = RotatedSibling.next(path, since, skip, chainEnds);
        if (next != null && openChained(next)) {
            log.info("{}: {} was rotated too before {} was finished; reading it before the new file", display, next,
                    finished);
            return;
        }
        log.info("{} was rotated (new inode {}); reading the new file from the start", display, pathInode);
        Checkpoint before = done.lastLineLength() > 0 ? done : held;
        if (open()) {
            zeroSince = since;
            held = before;
        }
    }

    /** Opens a file of a rotation chain from its start (a gzipped one through a temporary rebuild). */
    private boolean openChained(Path next) {
        closeChannel();
        FileTime mtime = RotatedSibling.modifiedTime(next);
        Path readable = next;
        if (next.getFileName().toString().endsWith(".gz")) {
            readable = RotatedSibling.inflated(next, Checkpoint.start(display, 0), 0, tempDir);
            if (readable == null) {
                return false;
            }
        }
        try {
            channel = FileChannel.open(readable, StandardOpenOption.READ);
        } catch (IOException e) {
            if (readable != next) {
                RotatedSibling.delete(readable);
            }
            return false;
        }
        if (readable != next) {
            inflatedOld = readable;
        }
        reading = readable;
        origin = next;
        inode = inodeOf(readable);
        readingMtime = mtime;
        fromTheStart();
        return true;
    }

    /** Resets the reading position and the last line's record for a file read from its first byte. */
    private void fromTheStart() {
        offset = 0;
        readPos = 0;
        line = 0;
        lastLineStart = 0;
        lastHash = "";
        lastHashLength = 0;
        hashedAt = 0;
        discarding = false;
        seenSize = -1;
        zeroSince = null;
    }

    /**
     * At the start of the path's file, nothing tells a copytruncate by bytes: when the path changed,
     * looks for a copy made since the follower arrived at 0, and reads it first.
     */
    private void checkCopiedAtZero() {
        if (offset != 0 || zeroSince == null || limit != Long.MAX_VALUE || reading == null || !reading.equals(path)) {
            return;
        }
        FileTime m = RotatedSibling.modifiedTime(path);
        if (m.equals(zeroLooked)) {
            return;
        }
        zeroLooked = m;
        Set<Long> skip = new HashSet<>(chainInodes);
        skip.add(inode);
        Path copy = RotatedSibling.next(path, zeroSince, skip, chainEnds);
        if (copy != null && openChained(copy)) {
            log.info("{} was copied and truncated before its first line was read; reading {} first", display, copy);
        }
    }

    /** Keeps the temporary rebuilds of compressed rotated files in {@code dir} (authaudit's own folder). */
    public void tempDir(Path dir) {
        this.tempDir = dir;
    }

    /** Returns the checkpoint after the last line handed out. */
    public Checkpoint checkpoint() {
        Checkpoint here = here();
        // at the start of the next file nothing tells it from a copy of it: until its first line is read,
        // the end of the file before it is what a restart resumes from (and finds the chain again)
        return offset == 0 && held != null ? held : here;
    }

    /** Returns the position after the last line handed out, in the file being read. */
    private Checkpoint here() {
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
        if (reading != null && reading.equals(path) && inodeOf(path) == inode) {
            // only the live file changes; a sibling keeps the time it was found with (a rebuild's own
            // time is when it was written, not when its lines were)
            readingMtime = RotatedSibling.modifiedTime(path);
        }
        if (size < offset || (offset > 0 && !continues(here()))) {
            Checkpoint here = here();
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
            if (here.lastLineLength() > 0) {
                chainEnds.add(here); // a copy that turns up later holding this line is not read again
            }
            log.info("{} shrank or was rewritten below byte {} (copytruncate); reading it from the start", display,
                    offset);
            fromTheStart();
            zeroSince = readingMtime;
            zeroLooked = null;
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
                    origin = path;
                    inode = before;
                    fromTheStart();
                    missingNoted = false;
                    readingMtime = RotatedSibling.modifiedTime(path);
                    zeroLooked = null;
                    held = null;
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
            origin = old;
            readingMtime = RotatedSibling.modifiedTime(old);
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
