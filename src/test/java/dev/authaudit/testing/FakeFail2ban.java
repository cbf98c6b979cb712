package dev.authaudit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fail2ban-client stand-in for tests: a shell script that appends each argument it was given on a line of its own,
 * and {@code END} after the last, to a file (read back with {@link FakeCsf#calls}); it answers {@code get ...} with
 * one text and {@code set ...} with another, and exits with one code, as fail2ban-client does (0, or 255 for an
 * error such as a jail that does not exist).
 */
public final class FakeFail2ban {
    private FakeFail2ban() {
    }

    /**
     * Writes the stand-in to {@code script}, recording into {@code argv}.
     *
     * @param get what it prints for {@code get JAIL bantime} (the ban time in seconds, say)
     * @param set what it prints for {@code set JAIL banip|unbanip IP}
     * @param exitCode its exit code for every command
     */
    public static Path write(Path script, Path argv, String get, String set, int exitCode) throws IOException {
        return write(script, argv, "case \"$1\" in get) echo '" + get + "';; *) echo '" + set + "';; esac\nexit "
                + exitCode + "\n");
    }

    /** Writes a stand-in that records its arguments and then runs {@code body} (shell). */
    public static Path write(Path script, Path argv, String body) throws IOException {
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" + argv + "'\n"
                + "echo END >> '" + argv + "'\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
