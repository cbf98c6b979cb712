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
    private static final int GZ_CANDIDATES = 5;
    /** How many of the newest plain siblings are tried as the copy that continues a checkpoint. */
    private static final int COPY_CANDIDATES = 8;
    /** Name prefixes of the temporary rebuilds this class writes; {@link #cleanLeftovers} deletes only these. */
    private static final List<String> TEMP_PREFIXES = List.of("authaudit-rotated-", "authaudit-lookback-");
    private static final String TEMP_SUFFIX = ".log";

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
    static Path inflated(Path gz, Checkpoint cp, long before, Path tempDir) {
        // also the look-back before the checkpoint, so the warm-up can re-read it
        long keepFrom = Math.max(0, cp.offset() - cp.lastLineLength() - before);
        Path tmp = null;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 64 * 1024)) {
            in.skipNBytes(keepFrom);
            tmp = temp(tempDir, TEMP_PREFIXES.get(0));
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
    public static Path inflatedTail(Path gz, long maxBytes, Path tempDir) {
        Path tmp = null;
        try {
            long total;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 64 * 1024)) {
                total = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            tmp = temp(tempDir, TEMP_PREFIXES.get(1));
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
        return all(path).stream().filter(p -> !p.getFileName().toString().endsWith(".gz"))
                .sorted(Comparator.comparing(RotatedSibling::modified).reversed())
                .limit(COPY_CANDIDATES).toList();
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

    /**
     * Creates a temporary rebuild in {@code dir} (authaudit's own folder in the state directory), or in
     * the system's temporary folder when {@code dir} is null (tests, and callers without a state).
     */
    private static Path temp(Path dir, String prefix) throws IOException {
        if (dir == null) {
            Path t = Files.createTempFile(prefix, TEMP_SUFFIX);
            t.toFile().deleteOnExit();
            return t;
        }
        if (!Files.isDirectory(dir)) {
            if (dir.toAbsolutePath().getParent() != null) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
            }
            try {
                Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made meanwhile
            }
        }
        return Files.createTempFile(dir, prefix, TEMP_SUFFIX);
    }

    /**
     * Deletes the temporary rebuilds a killed run left in {@code dir} (only files named as this class
     * names them; nothing else in the folder is touched). Returns how many were deleted. Call it only
     * while holding the state's lock: a running watch may be reading one.
     */
    public static int cleanLeftovers(Path dir) {
        if (dir == null || !Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX) && TEMP_PREFIXES.stream().anyMatch(name::startsWith)
                        && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        } catch (IOException e) {
            return n; // the next start tries again
        }
        return n;
    }

    /** Every rotated sibling of {@code path} (plain or gzipped), whatever its age. */
    private static List<Path> all(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        String base = path.getFileName().toString();
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(base) && !n.equals(base) && !n.startsWith(".");
            }).filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Returns the next file of a rotation chain: the oldest sibling of {@code path} (renamed, copied or
     * gzipped) last modified at or after {@code since} (the modification time of the file just
     * finished), that is not a file with one of the inodes in {@code skip} (the file at the path, the
     * files already read) and does not hold the last line of one of {@code finished} at the same place
     * (a copy or a compressed form of a file already read). A gzipped file is passed over while its
     * plain form is still there (being compressed). Returns null when there is none: the path comes next.
     */
    static Path next(Path path, FileTime since, java.util.Set<Long> skip, List<Checkpoint> finished) {
        if (since == null || since.toMillis() <= 0) {
            return null; // no time to order by: the path comes next, as before chains were followed
        }
        List<Path> later = new java.util.ArrayList<>();
        for (Path p : all(path)) {
            if (modified(p).compareTo(since) >= 0) {
                later.add(p);
            }
        }
        later.sort(Comparator.comparing(RotatedSibling::modified).thenComparing(p -> p.getFileName().toString()));
        for (Path p : later) {
            String name = p.getFileName().toString();
            boolean gz = name.endsWith(".gz");
            if (gz && Files.exists(p.resolveSibling(name.substring(0, name.length() - 3)))) {
                continue;
            }
            if (!gz && skip.contains(TailSource.inodeOf(p))) {
                continue;
            }
            boolean known = false;
            for (Checkpoint cp : finished) {
                if (cp.lastLineLength() > 0 && holds(p, gz, cp)) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                return p;
            }
        }
        return null;
    }

    /** Returns true when {@code p} holds, at the checkpoint's place, the line the checkpoint ended on. */
    static boolean holds(Path p, boolean gz, Checkpoint cp) {
        int n = cp.lastLineLength();
        byte[] b = new byte[n];
        try {
            if (gz) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(p), 64 * 1024)) {
                    in.skipNBytes(cp.offset() - n);
                    if (in.readNBytes(b, 0, n) != n) {
                        return false;
                    }
                }
            } else {
                try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
                    ByteBuffer buf = ByteBuffer.wrap(b);
                    while (buf.hasRemaining()) {
                        if (c.read(buf, cp.offset() - n + buf.position()) <= 0) {
                            return false;
                        }
                    }
                }
            }
            return cp.lastLineHash().equals(LineHash.of(b, n));
        } catch (IOException e) {
            return false; // shorter, or not gzip after all
        }
    }

    /** Returns the modification time of {@code p}, or the epoch when it cannot be read. */
    static FileTime modifiedTime(Path p) {
        return modified(p);
    }
}
