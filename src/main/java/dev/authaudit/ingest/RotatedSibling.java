package dev.authaudit.ingest;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds where a followed file went when its path was rotated while authaudit was down: a sibling
 * whose name starts with the path's name ({@code maillog.1}, {@code maillog-20250331}) and that still
 * has the checkpoint's inode. A rotated file that was also gzipped meanwhile (logrotate's
 * {@code compress} without {@code delaycompress}) has a new inode; {@link #inflated} rebuilds its
 * unread rest in a temporary file so that it is read instead of lost.
 */
public final class RotatedSibling {
    private RotatedSibling() {
    }

    /** How many of the newest gzipped siblings are tried. */
    private static final int GZ_CANDIDATES = 3;

    /** Returns the gzipped siblings of {@code path}, newest first, at most a few. */
    static List<Path> gzipped(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        String base = path.getFileName().toString();
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(base) && n.endsWith(".gz") && !n.equals(base);
            }).filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(RotatedSibling::modified).reversed())
                    .limit(GZ_CANDIDATES).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Writes the gzipped file's content from the start of the checkpoint's last line to its end into a
     * temporary file, at the same byte positions (the part before is a hole, taking no space), so the
     * checkpoint's offset and line hash apply to it unchanged. Returns null when the file is shorter than
     * the checkpoint or cannot be read; the caller checks the hash and deletes the file when done.
     */
    static Path inflated(Path gz, Checkpoint cp, long before) {
        // also the look-back before the checkpoint, so the warm-up can re-read it
        long keepFrom = Math.max(0, cp.offset() - cp.lastLineLength() - before);
        Path tmp = null;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 64 * 1024)) {
            in.skipNBytes(keepFrom);
            tmp = Files.createTempFile("authaudit-rotated-", ".log");
            tmp.toFile().deleteOnExit();
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.position(keepFrom);
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
            }
            return tmp;
        } catch (IOException e) {
            // shorter than the checkpoint (EOFException), truncated, or not gzip after all
            delete(tmp);
            return null;
        }
    }

    /**
     * Writes the last {@code maxBytes} of a gzipped file's content into a temporary file (for a
     * warm-up that must look back into a log rotated and compressed at once); returns null when it
     * cannot be read. The caller deletes the file.
     */
    public static Path inflatedTail(Path gz, long maxBytes) {
        Path tmp = null;
        try {
            long total;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 64 * 1024)) {
                total = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            tmp = Files.createTempFile("authaudit-lookback-", ".log");
            tmp.toFile().deleteOnExit();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 64 * 1024);
                 java.io.OutputStream out = Files.newOutputStream(tmp)) {
                in.skipNBytes(Math.max(0, total - maxBytes));
                in.transferTo(out);
            }
            return tmp;
        } catch (IOException e) {
            delete(tmp); // truncated or not gzip after all: no look-back into it
            return null;
        }
    }

    /** Returns the newest sibling of {@code path} (plain or gzipped) other than the file with inode {@code current}. */
    public static Path newest(Path path, long current) {
        Path best = null;
        java.nio.file.attribute.FileTime bestTime = null;
        List<Path> all = new java.util.ArrayList<>(copies(path));
        all.addAll(gzipped(path));
        for (Path p : all) {
            if (TailSource.inodeOf(p) == current) {
                continue;
            }
            java.nio.file.attribute.FileTime t = modified(p);
            if (bestTime == null || t.compareTo(bestTime) > 0) {
                best = p;
                bestTime = t;
            }
        }
        return best;
    }

    public static void delete(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover in the temporary folder; deleteOnExit tries again
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Returns the plain (not compressed) siblings of {@code path}, newest first, at most a few: where
     * copytruncate put the bytes a truncated log held.
     */
    public static List<Path> copies(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        String base = path.getFileName().toString();
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(base) && !n.equals(base) && !n.endsWith(".gz") && !n.startsWith(".");
            }).filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(RotatedSibling::modified).reversed())
                    .limit(GZ_CANDIDATES).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Returns the sibling of {@code path} with {@code inode}, or null. */
    static Path find(Path path, long inode) {
        Path dir = path.toAbsolutePath().getParent();
        String base = path.getFileName().toString();
        if (dir == null) {
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals(base))
                    .filter(p -> p.getFileName().toString().startsWith(base))
                    .filter(Files::isRegularFile)
                    .filter(p -> TailSource.inodeOf(p) == inode)
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
