package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.ingest.Checkpoint;
import dev.authaudit.state.SqliteCheckpointStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code watch} as a real process, the way systemd does: killed with SIGKILL mid-stream and
 * restarted, or stopped with SIGTERM. Waits are bounded and end as soon as the state shows the
 * expected position.
 */
class WatchProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final Path homeNat = CliRun.repo().resolve("test-fixtures/scenarios/home-nat/maillog");

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process watch(Path state, Path log, String tag) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // the shipped logback.xml, not the test one: the lifecycle lines at INFO are part of what is checked
        String logback = CliRun.repo().resolve("src/main/resources/logback.xml").toString();
        List<String> cmd = List.of(java, "-Dlogback.configurationFile=" + logback, "-cp",
                System.getProperty("java.class.path"), "dev.authaudit.cli.Main",
                "watch", "--rules", CliRun.repo().resolve("rules").toString(), "--year", "2025", "--tz", "UTC",
                "--poll", "50ms", "--notify", "drafts", "--state", state.toString(),
                "--notice-from", "Hosting <support@example.net>", "--notice-server-name", "mail1.example.net",
                "--notice-help-url", "https://example.net/help", log.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve(tag + ".out").toFile())
                .redirectError(dir.resolve(tag + ".err").toFile());
        pb.environment().put("AUTHAUDIT_LOG_LEVEL", "INFO");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(20); // a poll interval of the condition, not a guess at how long watch takes
        }
    }

    private static Optional<Checkpoint> checkpoint(Path state, Path log) {
        Path db = state.resolve("authaudit.db");
        if (!Files.exists(db)) {
            return Optional.empty();
        }
        try (SqliteCheckpointStore s = SqliteCheckpointStore.open(db, Duration.ofMinutes(1), Duration.ofHours(3))) {
            return s.load(log.toString());
        } catch (RuntimeException e) {
            return Optional.empty(); // the database is being created by the child
        }
    }

    private static boolean caughtUp(Path state, Path log) {
        try {
            long size = Files.size(log);
            return checkpoint(state, log).map(c -> c.offset() == size).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static long drafts(Path state) {
        try (Stream<Path> s = Files.list(state.resolve("outbox"))) {
            return s.filter(p -> p.toString().endsWith(".eml")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Returns true once the child's output file {@code name} holds {@code text}. */
    private boolean says(String name, String text) {
        try {
            return Files.readString(dir.resolve(name)).contains(text);
        } catch (IOException e) {
            return false; // not written yet
        }
    }

    private static void append(Path p, List<String> lines) throws IOException {
        Files.write(p, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void watch_killedMidStreamAndRestarted_losesNoLineAndRepeatsNoNotice() throws Exception {
        Path state = dir.resolve("state");
        Path log = dir.resolve("maillog");
        Files.createFile(log);
        List<String> all = Files.readAllLines(homeNat);

        Process first = watch(state, log, "first");
        await("the first run to checkpoint the empty log", () -> checkpoint(state, log).isPresent());
        // carol's notice is decided within the first 30 lines; feed some more after it, then kill
        append(log, all.subList(0, 30));
        await("the notice draft", () -> drafts(state) == 1);
        append(log, all.subList(30, 40));
        await("lines up to 40 checkpointed", () -> caughtUp(state, log));
        append(log, all.subList(40, 45)); // may or may not be read before the kill: either way nothing is lost
        first.destroyForcibly();
        assertThat(first.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        append(log, all.subList(45, all.size()));
        Process second = watch(state, log, "second");
        await("the restarted run to catch up", () -> caughtUp(state, log));
        Checkpoint end = checkpoint(state, log).orElseThrow();
        assertThat(end.line()).isEqualTo(all.size());
        assertThat(drafts(state)).isEqualTo(1);

        second.destroy(); // SIGTERM
        assertThat(second.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("second.err"));
        assertThat(second.exitValue()).as(err).isZero();
        assertThat(err).contains("(resumed)").doesNotContain("reading it from the start");
        assertThat(drafts(state)).isEqualTo(1);
        CliRun status = CliRun.run("status", "--state", state.toString());
        assertThat(status.out).contains("line " + all.size(), "lag 0 B", "drafted 1");
    }

    @Test
    void watch_sigterm_savesTheCheckpointAtTheLastLineAndExitsZero() throws Exception {
        Path state = dir.resolve("state");
        Path log = dir.resolve("maillog");
        Files.createFile(log);
        List<String> all = Files.readAllLines(homeNat);
        Process p = watch(state, log, "term");
        await("the run to checkpoint the empty log", () -> checkpoint(state, log).isPresent());
        append(log, all.subList(0, 10));
        // the read is visible once the verdict on the first lines is printed, before any save is due
        await("the first verdict", () -> says("term.out", "203.0.113.45"));
        long sent = System.nanoTime();
        p.destroy();
        assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        String err = Files.readString(dir.resolve("term.err"));
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).contains("SIGTERM received", "checkpoints saved");
        Checkpoint cp = checkpoint(state, log).orElseThrow();
        assertThat(cp.offset()).isEqualTo(Files.size(log));
        assertThat(cp.line()).isEqualTo(10);
        assertThat(tookMs).as("SIGTERM to exit, ms").isLessThan(TIMEOUT.toMillis());
    }

    @Test
    void watch_sigtermDuringTheWarmUp_savesWhereLiveReadingStartsAndExitsZero() throws Exception {
        Path state = dir.resolve("state");
        Path log = dir.resolve("exim_mainlog");
        // about 30 MB of history: its warm-up takes seconds, so the signal lands in it
        try (var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            java.time.Instant t = java.time.Instant.parse("2025-03-31T08:00:00Z");
            for (int i = 0; i < 250_000; i++) {
                w.write(t.plusMillis(i * 20L).toString().replace('T', ' ').substring(0, 19)
                        + " dovecot_login authenticator failed for (x) [198.51.100." + (i % 200 + 1)
                        + "]:55379: 535 Incorrect authentication data (set_id=user" + (i % 5000) + "@example.com)\n");
            }
        }
        long size = Files.size(log);
        Process p = watch(state, log, "warm");
        // the checkpoint at the log's end is saved before the warm-up begins
        await("the checkpoint saved before the warm-up", () -> checkpoint(state, log).map(c -> c.offset() == size)
                .orElse(false));
        // and the warm-up under way (30 MB take seconds): a signal before it would skip it, not cut it short
        await("the warm-up to start", () -> says("warm.err", "warm-up: re-reading up to"));
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("warm.err"));
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).contains("SIGTERM received", "cut short (stopping)", "checkpoints saved");
        assertThat(checkpoint(state, log).orElseThrow().offset()).isEqualTo(size);
    }

    @Test
    void watch_secondWatchOnTheSameState_saysWhyAndTheFirstGoesOn() throws Exception {
        Path state = dir.resolve("state");
        Path log = dir.resolve("maillog");
        Files.createFile(log);
        List<String> all = Files.readAllLines(homeNat);
        Process first = watch(state, log, "first");
        await("the first run to checkpoint the empty log", () -> checkpoint(state, log).isPresent());
        Process second = watch(state, log, "second");
        assertThat(second.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("second.err"));
        assertThat(second.exitValue()).as(err).isEqualTo(ExitCodes.CONFIG);
        assertThat(err).contains("is in use by authaudit watch, pid " + first.pid(), "only one watch may write it");
        CliRun running = CliRun.run("status", "--state", state.toString());
        assertThat(running.out).contains("watch: running (authaudit watch, pid " + first.pid());
        append(log, all);
        await("the first run to read every line", () -> caughtUp(state, log));
        assertThat(checkpoint(state, log).orElseThrow().line()).isEqualTo(all.size());
        first.destroy();
        assertThat(first.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
        assertThat(drafts(state)).isEqualTo(1);
        assertThat(CliRun.run("status", "--state", state.toString()).out).contains("watch: not running");
    }
}
