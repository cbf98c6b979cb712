package dev.authaudit.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where the follower of one path stands: the file (by inode), the byte offset just past the last
 * complete line handed over, that line's number, and a hash of that line, so a restart can tell the
 * same file from one that was replaced or truncated and refilled while authaudit was down.
 *
 * @param path the followed path, as configured
 * @param inode the inode of the file the offset belongs to
 * @param offset bytes consumed: the start of the next line to read
 * @param line the number of the last line consumed (0 before the first)
 * @param lastLineHash {@link LineHash} of the last consumed line with its newline, or "" at offset 0
 * @param lastLineLength that line's length in bytes with its newline, 0 at offset 0
 * @param lastEvent the event time of the latest event read from this path, or null
 */
public record Checkpoint(String path, long inode, long offset, long line, String lastLineHash,
                         int lastLineLength, Instant lastEvent) {
    public Checkpoint {
        requireNonNull(path, "path");
        requireNonNull(lastLineHash, "lastLineHash");
        if (offset < 0 || line < 0 || lastLineLength < 0 || lastLineLength > offset) {
            throw new IllegalArgumentException("checkpoint of " + path + " is inconsistent: offset " + offset
                    + ", line " + line + ", last line length " + lastLineLength);
        }
    }

    /** Returns a checkpoint at the start of the file with {@code inode}. */
    public static Checkpoint start(String path, long inode) {
        return new Checkpoint(path, inode, 0, 0, "", 0, null);
    }

    /** Returns a copy that records {@code time} as the latest event, unless it is older than the one kept. */
    public Checkpoint withEvent(Instant time) {
        if (time == null || (lastEvent != null && !time.isAfter(lastEvent))) {
            return this;
        }
        return new Checkpoint(path, inode, offset, line, lastLineHash, lastLineLength, time);
    }
}
