package dev.authaudit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A csf stand-in for tests: a shell script that appends each argument it was given on a line of its own, and
 * {@code END} after the last, to a file; so a test sees exactly the argument list authaudit ran (no shell between
 * them: a hostile comment arrives as one argument).
 */
public final class FakeCsf {
    private FakeCsf() {
    }

    /** Writes the stand-in to {@code script}, recording into {@code argv}; it prints nothing and exits 0. */
    public static Path write(Path script, Path argv) throws IOException {
        return write(script, argv, 0, null);
    }

    /** As {@link #write(Path, Path)}, printing {@code say} (when not null) and exiting with {@code exitCode}. */
    public static Path write(Path script, Path argv, int exitCode, String say) throws IOException {
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" + argv + "'\n"
                + "echo END >> '" + argv + "'\n" + (say == null ? "" : "echo '" + say + "'\n") + "exit " + exitCode
                + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The calls recorded in {@code argv}, each its argument list, in order (none when it was never run). */
    public static List<List<String>> calls(Path argv) throws IOException {
        List<List<String>> out = new ArrayList<>();
        if (!Files.exists(argv)) {
            return out;
        }
        List<String> cur = new ArrayList<>();
        for (String l : Files.readAllLines(argv)) {
            if (l.equals("END")) {
                out.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(l);
            }
        }
        return out;
    }
}
