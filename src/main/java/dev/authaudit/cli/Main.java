package dev.authaudit.cli;

import java.time.Clock;

/** The process entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.create(System.in, Clock.systemUTC()).execute(args));
    }
}
