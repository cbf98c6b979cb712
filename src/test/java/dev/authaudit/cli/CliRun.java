package dev.authaudit.cli;

import dev.authaudit.testing.CliCall;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs the command line in-process ({@link CliCall}) at a fixed clock, with the fields the cli tests read. */
final class CliRun {
    final int code;
    final String out;
    final String err;

    private CliRun(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static Path repo() {
        return Paths.get(System.getProperty("authaudit.repo", "."));
    }

    static CliRun withStdin(String stdin, String... args) {
        CliCall c = CliCall.withStdin(stdin, Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC),
                args);
        return new CliRun(c.code(), c.out(), c.err());
    }

    static CliRun run(String... args) {
        return withStdin("", args);
    }
}
