package dev.authaudit.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.zip.GZIPOutputStream;

/**
 * One log file. Lines may be handed in slightly ahead of the simulation clock (a Dovecot summary is
 * written seconds after its auth-worker line), so they wait in a small time-ordered buffer and are
 * written once the clock has passed them; the file is therefore in time order, like a real log.
 * With rotation on, each day starts a new part, and {@link #close} names the parts as logrotate would.
 */
final class LogSink {
    private record Pending(long time, long seq, String text) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Path dir;
    private final String name;
    private final RotationPlan rotation;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final List<Path> parts = new ArrayList<>();
    private final List<LocalDate> rotatedOn = new ArrayList<>();
    private long seq;
    private long lines;
    private long nextRotation;
    private Writer out;

    LogSink(Path dir, String name, RotationPlan rotation, long start) {
        this.dir = dir;
        this.name = name;
        this.rotation = rotation;
        this.nextRotation = rotation == null ? Long.MAX_VALUE : rotation.next(start);
        openPart();
    }

    /** Queues a line stamped with its time. */
    void add(long time, String text) {
        pending.add(new Pending(time, seq++, text));
        lines++;
    }

    /** Writes every queued line older than {@code now}. */
    void flushBefore(long now) {
        while (!pending.isEmpty() && pending.peek().time < now) {
            write(pending.poll());
        }
    }

    /** Returns how many lines were handed in so far. */
    long lines() {
        return lines;
    }

    /** Returns the file name relative to the output directory. */
    String name() {
        return name;
    }

    /**
     * Writes what is left and names the parts: the newest keeps the plain name.
     *
     * @return the files written, oldest first, relative to the output directory
     */
    List<String> close() {
        flushBefore(Long.MAX_VALUE);
        try {
            out.close();
            List<String> result = new ArrayList<>();
            int n = parts.size();
            for (int i = 0; i < n; i++) {
                Path part = parts.get(i);
                if (i == n - 1) {
                    Path live = dir.resolve(name);
                    Files.move(part, live, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    result.add(name);
                    continue;
                }
                String finalName = rotation.rotatedName(name, rotatedOn.get(i), n - 1 - i);
                Path target = dir.resolve(finalName);
                if (finalName.endsWith(".gz")) {
                    gzip(part, target);
                    Files.delete(part);
                } else {
                    Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                result.add(finalName);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private void write(Pending p) {
        if (p.time >= nextRotation) {
            long last = nextRotation;
            while (rotation.next(last + 1) <= p.time) {
                last = rotation.next(last + 1);
            }
            rotatedOn.add(rotation.date(last));
            nextRotation = rotation.next(last + 1);
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            openPart();
        }
        try {
            out.write(p.text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private void openPart() {
        try {
            Path part = dir.resolve(name + ".part" + parts.size());
            Files.createDirectories(part.getParent());
            parts.add(part);
            out = new BufferedWriter(Files.newBufferedWriter(part, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(from);
             OutputStream o = new GZIPOutputStream(Files.newOutputStream(to), 1 << 16)) {
            in.transferTo(o);
        }
    }
}
