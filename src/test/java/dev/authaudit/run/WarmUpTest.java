package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.Auditor;
import dev.authaudit.correlate.LiveClock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.Checkpoint;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.state.SqliteCheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up reads newest first in steps, within a time budget, and ends at once when asked to stop. */
class WarmUpTest {
    private static final Instant START = Instant.parse("2025-03-31T10:00:00Z");

    @TempDir
    Path dir;

    private final LineParser parser = new LineParser(RuleSet.load(List.of(Path.of(System.getProperty("authaudit.repo", ".")).resolve("rules"))),
            new TimeResolver(ZoneOffset.UTC, 2025), new PasswordRedactor(new byte[32]));

    private static String eximFailure(Instant at, int n) {
        return at.toString().replace('T', ' ').replace("Z", "") + " dovecot_login authenticator failed for (x) [203.0.113."
                + (n % 250 + 1) + "]:55379: 535 Incorrect authentication data (set_id=u" + n + "@example.com)";
    }

    private Path log(int lines) throws IOException {
        Path log = dir.resolve("exim_mainlog");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            all.add(eximFailure(START.plusSeconds(i), i));
        }
        Files.write(log, all);
        return log;
    }

    private List<LogEvent> run(Path log, Duration budget, long chunk, java.util.function.BooleanSupplier stop,
                               Clock wall) {
        List<LogEvent> seen = new ArrayList<>();
        try (SqliteCheckpointStore store = SqliteCheckpointStore.open(dir.resolve("authaudit.db"),
                Duration.ofMinutes(1), Duration.ofHours(3))) {
            long size = Files.size(log);
            Checkpoint end = new Checkpoint(log.toString(), TailSourceInode.of(log), size, 0, "", 0, null);
            WarmUp.Window w = WarmUp.window(log, end, store, Duration.ofHours(2), 64L << 20);
            LiveClock clock = new LiveClock(wall);
            Auditor auditor = Auditor.builder().clock(clock).build();
            new WarmUp(parser, Duration.ofHours(2), budget, wall, stop, chunk).run(List.of(w), auditor, clock,
                    seen::add, START);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return seen;
    }

    @Test
    void run_inSmallSteps_handsOverEveryLineOnceInFileOrder() throws IOException {
        Path log = log(300);
        List<LogEvent> whole = run(log, Duration.ofMinutes(1), 64L << 20, () -> false, Clock.systemUTC());
        List<LogEvent> steps = run(log, Duration.ofMinutes(1), 1000, () -> false, Clock.systemUTC());
        assertThat(whole).hasSize(300);
        assertThat(steps).extracting(LogEvent::account).containsExactlyElementsOf(
                whole.stream().map(LogEvent::account).toList());
    }

    @Test
    void run_budgetSpent_keepsTheNewestStepsAndLeavesOutTheOldest() throws IOException {
        Path log = log(300);
        // a wall clock that moves a second per look: the 2.5 s budget lets a few steps through
        AtomicInteger looks = new AtomicInteger();
        Clock ticking = new Clock() {
            @Override
            public Instant instant() {
                return START.plusSeconds(looks.getAndIncrement());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        List<LogEvent> seen = run(log, Duration.ofMillis(2500), 2000, () -> false, ticking);
        assertThat(seen).isNotEmpty().hasSizeLessThan(300);
        assertThat(seen.get(seen.size() - 1).account()).isEqualTo("u299@example.com");
        // what was kept is one unbroken newest stretch
        int first = Integer.parseInt(seen.get(0).account().replaceAll("\\D", ""));
        assertThat(seen).hasSize(300 - first);
    }

    @Test
    void run_zeroBudgetOrStopRequested_readsNothing() throws IOException {
        Path log = log(50);
        assertThat(run(log, Duration.ZERO, 1000, () -> false, Clock.systemUTC())).isEmpty();
        assertThat(run(log, Duration.ofMinutes(1), 1000, () -> true, Clock.systemUTC())).isEmpty();
    }

    /** The inode the follower keys checkpoints by. */
    private static final class TailSourceInode {
        static long of(Path p) throws IOException {
            return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        }
    }

    @Test
    void previous_youngLogAfterARotationWithCompression_looksBackIntoTheGzippedFile() throws IOException {
        Path old = log(40); // exim_mainlog: u0..u39
        Path gz = dir.resolve("exim_mainlog.1.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(old, out);
        }
        Files.delete(old);
        Files.writeString(old, eximFailure(START.plusSeconds(100), 100) + "\n");
        long ino = TailSourceInode.of(old);
        WarmUp.Window w = WarmUp.previous(old, ino, Files.size(old), 64L << 20, null).orElseThrow();
        assertThat(w.temporary()).isTrue();
        assertThat(w.display()).isEqualTo(gz.toString());
        List<LogEvent> seen = new ArrayList<>();
        LiveClock clock = new LiveClock(Clock.systemUTC());
        new WarmUp(parser, java.time.Duration.ofHours(2), java.time.Duration.ofMinutes(1), Clock.systemUTC(),
                () -> false).run(List.of(w), Auditor.builder().clock(clock).build(), clock, seen::add, START);
        assertThat(seen).hasSize(40);
        assertThat(seen.get(39).account()).isEqualTo("u39@example.com");
        assertThat(w.path()).as("the rebuilt tail is deleted once read").doesNotExist();
    }
}
