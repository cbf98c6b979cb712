package dev.authaudit.realdaemons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One daemon started in the foreground ({@code dovecot -F}, {@code exim4 -bdf}, {@code rsyslogd -n}), so its
 * PID is the process we started; stopped by that PID with SIGTERM, then SIGKILL after a bounded wait, and
 * any child it left behind is ended by its own PID too.
 */
final class Daemon implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path output;

    private Daemon(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Starts a daemon with the given command (an argument list, never a shell line), output to a file. */
    static Daemon start(String name, List<String> command, Path output) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("TZ", "UTC");
        env.put("LANG", "C");
        try {
            return new Daemon(name, pb.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits, at most {@code limit}, until {@code ready} holds; fails with the daemon's output if it dies or times out. */
    void awaitReady(String what, BooleanSupplier ready, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " (pid " + pid() + ") exited with " + process.exitValue()
                        + " before " + what + ":\n" + outputText());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " (pid " + pid() + ") not ready (" + what + ") within " + limit
                        + ":\n" + outputText());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    String outputText() {
        try {
            return Files.isRegularFile(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the daemon by its PID: SIGTERM, then SIGKILL after ten seconds; then its leftover children. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                System.out.println("real daemons: " + name + " (pid " + pid() + ") ignored SIGTERM for " + STOP_GRACE
                        + ", killing it");
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                if (child.isAlive()) {
                    child.destroy();
                    if (!child.onExit().toCompletableFuture().completeOnTimeout(child, 5, TimeUnit.SECONDS).join()
                            .isAlive()) {
                        continue;
                    }
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
