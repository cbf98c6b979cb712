package dev.authaudit.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/** Turns I/O failures on inputs into sentences that say what to do. */
public final class Describe {
    private Describe() {
    }

    static String unreadable(InputFile input, IOException e) {
        return unreadable(input.path(), input.display(), e);
    }

    public static String unreadable(Path path, String display, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "cannot read " + display + ": no such file; check the path";
        }
        if (e instanceof AccessDeniedException) {
            String owner = "";
            try {
                PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class);
                owner = " (" + a.owner().getName() + ":" + a.group().getName() + ", mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(a.permissions()) + ")";
            } catch (IOException | UnsupportedOperationException ignored) {
                // the owner is a hint only
            }
            return "cannot read " + display + owner + ": permission denied; run as root or a member of the file's group,"
                    + " or pass another file";
        }
        return "cannot read " + display + ": " + e.getMessage();
    }

    /**
     * Returns null for a regular file (or one that cannot be looked at: reading it says why), else a
     * sentence saying what it is and how to read it: a FIFO, socket or device would block a reader
     * forever or never end.
     */
    public static String notRegular(Path path, String display) {
        java.nio.file.attribute.BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
        if (a.isRegularFile() || a.isDirectory()) {
            return null;
        }
        String kind = "not a regular file";
        try {
            int mode = ((Number) Files.getAttribute(path, "unix:mode")).intValue() & 0170000;
            kind = switch (mode) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> kind;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // the generic words do
        }
        return "not reading " + display + ": it is " + kind + ", not a log file, and reading it could block forever;"
                + " to read a pipe, pass - and redirect it (authaudit scan - < " + display + ")";
    }
}
