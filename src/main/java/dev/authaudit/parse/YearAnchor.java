package dev.authaudit.parse;

import dev.authaudit.ingest.InputFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finds the reference time for year-less syslog stamps when file times cannot be trusted. Syslog
 * lines carry no year, so their year comes from the file's modification time; but logs copied off a
 * server (scp without -p, a git checkout, a support ticket attachment) get a new mtime, and then a
 * maillog from March 2025 read in 2026 would land in 2026 while the Exim mainlog beside it says 2025.
 * When other inputs of the same run carry full dates (Exim, fail2ban, RFC 3339, TAI64N), the latest of
 * those dates caps the reference: a year-less file is taken to end no later than a day after it.
 */
public final class YearAnchor {
    private static final int TAIL_BYTES = 256 * 1024;
    private static final Duration SLACK = Duration.ofDays(1);

    private final Instant latestDated;

    private YearAnchor(Instant latestDated) {
        this.latestDated = latestDated;
    }

    /** Returns an anchor that never caps (for {@code --year}, or when nothing carries a year). */
    public static YearAnchor none() {
        return new YearAnchor(null);
    }

    /**
     * Reads the tail of each plain (not compressed) input and keeps the latest fully dated stamp.
     */
    public static YearAnchor of(List<InputFile> inputs, TimeResolver time) {
        StampParser stamps = new StampParser();
        Instant latest = null;
        for (InputFile f : inputs) {
            if (f.isStdin()) {
                continue;
            }
            for (String line : tail(f)) {
                Stamp s = stamps.at(line, 0);
                if (s != null && s.hasYear()) {
                    java.time.OffsetDateTime at = time.resolve(s, Instant.EPOCH);
                    if (at == null || time.implausible(at) != null) {
                        continue; // a line from the future anchors nothing
                    }
                    Instant t = at.toInstant();
                    if (latest == null || t.isAfter(latest)) {
                        latest = t;
                    }
                }
            }
        }
        return new YearAnchor(latest);
    }

    /** Returns the latest fully dated time seen, or null. */
    public Instant latestDated() {
        return latestDated;
    }

    /**
     * Returns the year reference for a file: its modification time, capped at a day after the latest
     * dated stamp of the run when there is one.
     */
    public Instant reference(Instant mtime) {
        if (latestDated == null) {
            return mtime;
        }
        Instant cap = latestDated.plus(SLACK);
        return mtime == null || mtime.isAfter(cap) ? cap : mtime;
    }

    private static List<String> tail(InputFile f) {
        try (RandomAccessFile raf = new RandomAccessFile(f.path().toFile(), "r")) {
            long len = raf.length();
            if (len < 2) {
                return List.of();
            }
            byte[] head = new byte[2];
            raf.readFully(head);
            if ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return List.of(); // a rotated archive is older than the live files beside it
            }
            long start = Math.max(0, len - TAIL_BYTES);
            byte[] buf = new byte[(int) (len - start)];
            raf.seek(start);
            raf.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            List<String> lines = List.of(text.split("\n"));
            // the first line of a tail is usually cut; the last may be too
            return lines.size() > 2 ? lines.subList(1, lines.size()) : lines;
        } catch (IOException e) {
            return List.of(); // an unreadable file is reported when it is read
        }
    }
}
