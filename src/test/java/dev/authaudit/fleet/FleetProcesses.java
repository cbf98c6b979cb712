package dev.authaudit.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child JVMs running {@code authaudit} commands for the fleet's ITs: started with the test class path, output to a file, stopped by PID. */
final class FleetProcesses {
    private FleetProcesses() {
    }

    /** Starts {@code authaudit ARGS} in a JVM of its own, stdout and stderr to {@code log}. */
    static Process cli(Path dir, Path log, String... args) throws IOException {
        return cli(List.of("-Xmx256m", "-XX:+UseSerialGC"), dir, log, args);
    }

    /** Starts {@code authaudit ARGS} in a JVM of its own with {@code jvm} options, output to {@code log}. */
    static Process cli(List<String> jvm, Path dir, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.authaudit.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Waits until {@code log} holds {@code text}; fails when the process ends or the time is up first. */
    static void await(Path log, String text, Process p, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("pid " + p.pid() + " exited " + p.exitValue() + " before saying '" + text
                        + "':\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pid " + p.pid() + " did not say '" + text + "' within " + limit + ":\n"
                + Files.readString(log));
    }

    /** Kills {@code p} (SIGKILL) if it still runs, and waits for it. */
    static void kill(Process p) {
        if (p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
