package dev.authaudit.ingest;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One input to read: a file (plain or gzip) or standard input.
 *
 * @param path the file, or null for standard input
 * @param display the name shown in events and reports
 * @param modified the file's modification time, the reference for syslog year inference; null for stdin
 */
public record InputFile(Path path, String display, Instant modified) {

    /** Returns true when this input is standard input. */
    public boolean isStdin() {
        return path == null;
    }
}
