package dev.authaudit.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Counts the lines in a byte range of a file, so a follower that starts at the end of a file it never
 * read still numbers the lines after it correctly.
 *
 * @param lines newlines found
 * @param lastNewline the position of the last newline, or -1
 * @param lastLineStart where the line ending at {@code lastNewline} began
 */
record ByteCounts(long lines, long lastNewline, long lastLineStart) {

    /** Counts newlines in {@code [from, to)} of {@code channel}. */
    static ByteCounts lines(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        byte[] b = buf.array();
        long lines = 0;
        long last = -1;
        long before = -1;
        long pos = from;
        while (pos < to) {
            buf.clear();
            buf.limit((int) Math.min(b.length, to - pos));
            int n = channel.read(buf, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n') {
                    lines++;
                    before = last;
                    last = pos + i;
                }
            }
            pos += n;
        }
        long start = last < 0 ? from : Math.max(from, before + 1);
        return new ByteCounts(lines, last, start);
    }
}
