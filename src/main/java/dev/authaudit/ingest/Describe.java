package dev.authaudit.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/** Turns I/O failures on inputs into sentences that say what to do. */
final class Describe {
    private Describe() {
    }

    static String unreadable(InputFile input, IOException e) {
        return unreadable(input.path(), input.display(), e);
    }

    static String unreadable(Path path, String display, IOException e) {
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
}
