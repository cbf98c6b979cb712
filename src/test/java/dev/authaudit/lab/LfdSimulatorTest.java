package dev.authaudit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LfdSimulatorTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private final LineParser parser = new LineParser(RuleSet.load(List.of(Paths.get(System.getProperty(
            "authaudit.repo", ".")).resolve("rules"))), new TimeResolver(ZoneOffset.UTC, 2026),
            new PasswordRedactor("k".repeat(32).getBytes(StandardCharsets.UTF_8)));

    @Test
    void read_slidingWindow_blocksAtTheThresholdWithARealLfdLine() throws Exception {
        TestClock clock = new TestClock(T0);
        List<List<String>> reports = new CopyOnWriteArrayList<>();
        EximLines exim = new EximLines(ZoneOffset.UTC);
        try (LabLog lfdLog = new LabLog(dir.resolve("lfd.log"))) {
            LfdSimulator lfd = new LfdSimulator(lfdLog, clock, LfdSimulator.Settings.defaults(), reports::add);
            for (int i = 0; i < 4; i++) {
                lfd.read(exim.authFailed(clock.instant(), "login", "phone", "192.0.2.8", 40000 + i, "127.0.0.1", 587,
                        "a@example.com"));
                clock.advance(Duration.ofMinutes(20));
            }
            // the first hit has slid out of the hour: four in the window, no block yet
            lfd.read(exim.authFailed(clock.instant(), "login", "phone", "192.0.2.8", 40004, "127.0.0.1", 587, "a@b.c"));
            assertThat(reports).isEmpty();
            clock.advance(Duration.ofMinutes(1));
            lfd.read(exim.authFailed(clock.instant(), "login", "phone", "192.0.2.8", 40005, "127.0.0.1", 587, "a@b.c"));
            assertThat(reports).isEmpty(); // the 20-minute hit slid out in turn
            lfd.read(exim.authFailed(clock.instant(), "login", "phone", "192.0.2.8", 40006, "127.0.0.1", 587, "a@b.c"));
            assertThat(reports).hasSize(1);
            assertThat(lfd.blocked("192.0.2.8")).isTrue();
            lfd.read(exim.authFailed(clock.instant(), "login", "phone", "192.0.2.8", 40007, "127.0.0.1", 587, "a@b.c"));
            assertThat(reports).hasSize(1); // hits from a blocked address are not counted
            clock.advance(Duration.ofMinutes(61));
            assertThat(lfd.blocked("192.0.2.8")).isFalse();
        }
        List<String> args = reports.get(0);
        assertThat(args.subList(0, 5)).containsExactly("192.0.2.8", "*", "0", "inout", "3600");
        assertThat(args.get(6).split("\n")).hasSize(5);
        assertThat(args.get(7)).isEqualTo("LF_SMTPAUTH");
        String line = Files.readString(dir.resolve("lfd.log")).strip();
        Parsed p = parser.parse(new RawLine("lfd.log", 1, line), T0);
        assertThat(p.event()).isInstanceOfSatisfying(FirewallBlock.class, b -> {
            assertThat(b.ip()).isEqualTo("192.0.2.8");
            assertThat(b.hits()).isEqualTo(5);
            assertThat(b.intervalS()).isEqualTo(3600);
            assertThat(b.durationS()).isEqualTo(3600L);
            assertThat(b.trigger()).isEqualTo("LF_SMTPAUTH");
        });
    }

    @Test
    void eximLines_parseWithTheShippedRules() {
        EximLines exim = new EximLines(ZoneOffset.UTC);
        Parsed failed = parser.parse(new RawLine("m", 1, exim.authFailed(T0, "login", "alices-iphone", "127.0.0.2",
                40112, "127.0.0.1", 2525, "alice@example.com")), T0);
        assertThat(failed.event()).isInstanceOfSatisfying(AuthFailure.class, f -> {
            assertThat(f.ip()).isEqualTo("127.0.0.2");
            assertThat(f.account()).isEqualTo("alice@example.com");
            assertThat(f.port()).isEqualTo(2525);
            assertThat(f.helo()).isEqualTo("alices-iphone");
        });
        String arrival = exim.arrival(T0, 23229, "alice@example.com", "alices-iphone", "127.0.0.2", 40100,
                "127.0.0.1", 2525, "plain", "alice@example.com", 412, "abc@lab");
        assertThat(arrival).matches("2026-06-01 12:00:00 [0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2} <= .*");
        assertThat(parser.parse(new RawLine("m", 2, arrival), T0).event())
                .isInstanceOfSatisfying(AuthSuccess.class, s -> assertThat(s.account()).isEqualTo("alice@example.com"));
    }
}
