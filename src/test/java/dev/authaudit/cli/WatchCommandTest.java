package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {
    @TempDir
    Path dir;

    private final String rules = CliRun.repo().resolve("rules").toString();
    private final Path homeNat = CliRun.repo().resolve("test-fixtures/scenarios/home-nat/maillog");

    private CliRun once(Path state, Path log) {
        return CliRun.run("watch", "--once", "--rules", rules, "--year", "2025", "--tz", "UTC", "--notify", "drafts",
                "--state", state.toString(), "--notice-from", "Hosting <support@example.net>",
                "--notice-server-name", "mail1.example.net", "--notice-help-url", "https://example.net/help",
                log.toString());
    }

    private static long drafts(Path state) throws IOException {
        Path outbox = state.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(p -> p.toString().endsWith(".eml")).count();
        }
    }

    private static void append(Path p, List<String> lines) throws IOException {
        Files.write(p, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void watchOnce_linesWrittenBetweenRuns_areReadOnceAndNoticedOnce() throws IOException {
        Path state = dir.resolve("state");
        Path log = dir.resolve("maillog");
        Files.createFile(log);
        List<String> all = Files.readAllLines(homeNat);
        CliRun first = once(state, log);
        assertThat(first.code).as(first.err).isZero();
        append(log, all.subList(0, 30));
        CliRun second = once(state, log);
        assertThat(second.code).as(second.err).isZero();
        append(log, all.subList(30, all.size()));
        CliRun third = once(state, log);
        assertThat(third.code).as(third.err).isZero();
        assertThat(third.out).contains("carol@example.com  stale_password");
        assertThat(drafts(state)).isEqualTo(1);
        CliRun fourth = once(state, log);
        assertThat(fourth.code).as(fourth.err).isZero();
        assertThat(drafts(state)).isEqualTo(1);
        CliRun status = CliRun.run("status", "--state", state.toString());
        assertThat(status.code).as(status.err).isZero();
        assertThat(status.out).contains(log.toString(), "line " + all.size(), "lag 0 B");
    }
}
