package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.Auditor;
import dev.authaudit.correlate.IpEvidence;
import dev.authaudit.correlate.LiveClock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.ingest.TailSource;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.state.SqliteCheckpointStore;
import dev.authaudit.testing.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the live loop one poll at a time with a clock the test moves. */
class WatchLoopTest {
    private static final Instant START = Instant.parse("2025-03-31T10:00:00Z");

    @TempDir
    Path dir;

    private final TestClock wall = new TestClock(START);
    private final List<LogEvent> seen = new ArrayList<>();
    private SqliteCheckpointStore store;
    private Auditor auditor;
    private LiveClock clock;

    @BeforeEach
    void open() {
        store = SqliteCheckpointStore.open(dir.resolve("authaudit.db"), Duration.ofMinutes(1), Duration.ofHours(3));
        clock = new LiveClock(wall);
        auditor = Auditor.builder().clock(clock).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private WatchLoop loop(Path... logs) {
        LineParser parser = new LineParser(RuleSet.load(List.of(Path.of(System.getProperty("authaudit.repo", ".")).resolve("rules"))),
                new TimeResolver(ZoneOffset.UTC, 2025), new PasswordRedactor(new byte[32]));
        List<TailSource> sources = new ArrayList<>();
        for (Path p : logs) {
            TailSource t = new TailSource(p, p.toString(), new InputStats(p.toString()));
            t.start(null);
            sources.add(t);
        }
        return new WatchLoop(sources, parser, auditor, clock, wall, seen::add, null, store,
                WatchSettings.defaults());
    }

    private static String eximFailure(Instant at, String ip) {
        return at.toString().replace('T', ' ').replace("Z", "") + " dovecot_login authenticator failed for (x) ["
                + ip + "]:55379: 535 Incorrect authentication data (set_id=info@example.com)";
    }

    private static void append(Path p, String line) throws IOException {
        Files.writeString(p, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private long failures(String ip) {
        return auditor.correlator().ip(ip).map(IpEvidence::failures).orElse(0L);
    }

    @Test
    void pollOnce_noNewLine_stillClosesThePairingWindowOnTheWallClock() throws IOException {
        Path log = dir.resolve("exim_mainlog");
        append(log, eximFailure(START, "203.0.113.9"));
        WatchLoop loop = loop(log);
        assertThat(loop.pollOnce()).isEqualTo(1);
        // an Exim 535 waits for a Dovecot detail line of the same attempt (5 s)
        assertThat(failures("203.0.113.9")).isZero();
        wall.advance(Duration.ofSeconds(6));
        assertThat(loop.pollOnce()).isZero();
        assertThat(failures("203.0.113.9")).isEqualTo(1);
    }

    @Test
    void pollOnce_linesOfTwoFilesInOnePoll_areHandedOverInEventTimeOrder() throws IOException {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        Files.createFile(a);
        Files.createFile(b);
        WatchLoop loop = loop(a, b);
        append(a, eximFailure(START.plusSeconds(5), "203.0.113.5"));
        append(b, eximFailure(START.plusSeconds(1), "203.0.113.1"));
        loop.pollOnce();
        assertThat(seen).extracting(LogEvent::ip).containsExactly("203.0.113.1", "203.0.113.5");
    }

    @Test
    void pollOnce_savesCheckpointsAtMostEverySecondAndOnlyAfterLinesCame() throws IOException {
        Path log = dir.resolve("exim_mainlog");
        Files.createFile(log);
        WatchLoop loop = loop(log);
        loop.pollOnce();
        assertThat(store.load(log.toString()).orElseThrow().offset()).isZero();
        append(log, eximFailure(START, "203.0.113.9"));
        wall.advance(Duration.ofMillis(400));
        loop.pollOnce();
        assertThat(store.load(log.toString()).orElseThrow().offset()).isZero();
        wall.advance(Duration.ofMillis(700));
        loop.pollOnce();
        assertThat(store.load(log.toString()).orElseThrow().offset()).isEqualTo(Files.size(log));
        assertThat(store.load(log.toString()).orElseThrow().lastEvent()).isEqualTo(START);
        Instant saved = store.savedAt(log.toString()).orElseThrow();
        wall.advance(Duration.ofSeconds(5));
        loop.pollOnce(); // nothing new: no write
        assertThat(store.savedAt(log.toString())).contains(saved);
    }

    @Test
    void stop_fromAnotherThread_endsRunWithTheCheckpointSaved() throws Exception {
        Path log = dir.resolve("exim_mainlog");
        append(log, eximFailure(START, "203.0.113.9"));
        WatchLoop loop = loop(log);
        Thread t = new Thread(loop::run);
        t.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.load(log.toString()).map(c -> c.line() != 1).orElse(true)) {
            assertThat(System.nanoTime()).as("the first poll's checkpoint").isLessThan(deadline);
            Thread.sleep(10); // polling a condition, bounded by the deadline
        }
        append(log, eximFailure(START.plusSeconds(1), "203.0.113.9"));
        loop.stop();
        assertThat(loop.awaitStopped(Duration.ofSeconds(30))).isTrue();
        t.join(30_000);
        // the second line was read by the last poll or not at all; either way the checkpoint says so
        long line = store.load(log.toString()).orElseThrow().line();
        assertThat(line).isBetween(1L, 2L);
        assertThat(store.load(log.toString()).orElseThrow().offset())
                .isEqualTo(line == 2 ? Files.size(log) : Files.size(log) / 2);
    }
}
