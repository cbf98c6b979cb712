package dev.authaudit.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds where a followed file went when its path was rotated while authaudit was down: a sibling
 * whose name starts with the path's name ({@code maillog.1}, {@code maillog-20250331}) and that still
 * has the checkpoint's inode. A rotated file that was compressed meanwhile has a new inode and is not
 * found; its unread rest is history for {@code scan}.
 */
final class RotatedSibling {
    private RotatedSibling() {
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
