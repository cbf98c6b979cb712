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
        // reached as soon as the evidence suffices: after the first 30 lines or with the rest
        assertThat(second.out + third.out).contains("carol@example.com  stale_password");
        // each verdict line carries its first reason, for journalctl readers
        assertThat((second.out + third.out).lines().filter(l -> l.contains("carol@example.com  stale_password")))
                .allMatch(l -> l.matches(".*detected_at=\\S+  because: \\S.*"));
        assertThat(drafts(state)).isEqualTo(1);
        // --once says what it drafted and where
        assertThat(second.err + third.err).contains("notices: 1 drafted into " + state.resolve("outbox"));
        assertThat(first.err).contains("--once read 0 new lines (0 events); notices: 0 drafted, 0 sent");
        CliRun fourth = once(state, log);
        assertThat(fourth.code).as(fourth.err).isZero();
        assertThat(drafts(state)).isEqualTo(1);
        CliRun status = CliRun.run("status", "--state", state.toString());
        assertThat(status.code).as(status.err).isZero();
        assertThat(status.out).contains(log.toString(), "line " + all.size(), "lag 0 B");
    }

    @Test
    void watch_badConfig_exits3AndNamesFileAndKey() throws IOException {
        Path cfg = dir.resolve("authaudit.yaml");
        Files.writeString(cfg, "watch:\n  pol: 1s\n");
        CliRun r = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(r.code).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err).contains(cfg + ": watch.pol: unknown key");
    }

    @Test
    void watch_configFile_suppliesLogsAndStateAndTheCommandLineWins() throws IOException {
        Path log = dir.resolve("maillog");
        Files.write(log, Files.readAllLines(homeNat));
        Path fromFile = dir.resolve("state-from-file");
        Path fromCli = dir.resolve("state-from-cli");
        Path cfg = dir.resolve("authaudit.yaml");
        Files.writeString(cfg, "logs: [" + log + "]\nrules: " + rules + "\ntz: UTC\nyear: 2025\nstate: {dir: "
                + fromFile + "}\n");
        CliRun r = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(fromFile.resolve("authaudit.db")).exists();
        CliRun again = CliRun.run("watch", "--once", "--config", cfg.toString(), "--state", fromCli.toString());
        assertThat(again.code).as(again.err).isZero();
        assertThat(fromCli.resolve("authaudit.db")).exists();
    }

    @Test
    void configInit_thenShow_roundTripsWithSecretsMasked() throws IOException {
        Path cfg = dir.resolve("etc/authaudit.yaml");
        CliRun init = CliRun.run("config", "init", "--flavour", "debian", "--out", cfg.toString());
        assertThat(init.code).as(init.err).isZero();
        assertThat(Files.readString(cfg)).contains("/var/log/exim4/mainlog", "# tz: Europe/Paris");
        Files.writeString(dir.resolve("pw"), "hunter2\n");
        Files.writeString(cfg, Files.readString(cfg).replace("  # smtp:", "  smtp:\n    password_file: "
                + dir.resolve("pw") + "\n  # (smtp)"));
        CliRun show = CliRun.run("config", "show", "--config", cfg.toString());
        assertThat(show.code).as(show.err).isZero();
        assertThat(show.out).contains("  - /var/log/mail.log", "mode: drafts", "look_back: 2h",
                "password: <masked>").doesNotContain("hunter2");
        CliRun exists = CliRun.run("config", "init", "--out", cfg.toString());
        assertThat(exists.code).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void configInit_auto_picksTheFlavourWhoseLogsExist() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("var/log/exim4"));
        Files.createFile(root.resolve("var/log/exim4/mainlog"));
        Files.createFile(root.resolve("var/log/mail.log"));
        CliRun r = CliRun.run("config", "init", "--root", root.toString());
        assertThat(r.out).contains("--flavour debian", "  - /var/log/kern.log");
    }

    @Test
    void watchOnce_twoRotationsBetweenRuns_readsTheMiddleFileOnce_andDeletesOnlyItsOwnLeftovers() throws IOException {
        Path state = dir.resolve("state");
        Path log = dir.resolve("maillog");
        List<String> all = Files.readAllLines(homeNat);
        append(log, all.subList(0, 10));
        CliRun first = once(state, log); // a first start: what is there is history
        assertThat(first.code).as(first.err).isZero();
        append(log, all.subList(10, 20));
        // while down: rotated and compressed, then the new file rotated too, then a third file
        Path one = dir.resolve("maillog.1");
        Files.move(log, one);
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("maillog.1.gz")))) {
            Files.copy(one, out);
        }
        Files.delete(one);
        append(log, all.subList(20, 35));
        Files.move(log, dir.resolve("maillog.2"));
        append(log, all.subList(35, all.size()));
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(dir.resolve("maillog.1.gz"), java.nio.file.attribute.FileTime.fromMillis(now - 3000));
        Files.setLastModifiedTime(dir.resolve("maillog.2"), java.nio.file.attribute.FileTime.fromMillis(now - 2000));
        // a kill -9 left a rebuild behind; a file of the admin's in the same folder is not ours
        Path rebuild = Files.createDirectories(state.resolve("rebuild"));
        Files.writeString(rebuild.resolve("authaudit-rotated-1.log"), "left by a killed run\n");
        Files.writeString(rebuild.resolve("notes.txt"), "kept\n");

        CliRun second = once(state, log);
        assertThat(second.code).as(second.err).isZero();
        assertThat(second.err).contains("--once read " + (all.size() - 10) + " new lines");
        try (Stream<Path> s = Files.list(rebuild)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
    }
}
