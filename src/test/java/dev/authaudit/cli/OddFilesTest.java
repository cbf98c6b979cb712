package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.state.StateLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files as an admin's server has them: pipes, odd bytes in config, a damaged or busy state. */
class OddFilesTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final String rules = CliRun.repo().resolve("rules").toString();
    private final Path homeNat = CliRun.repo().resolve("test-fixtures/scenarios/home-nat/maillog");

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mk.exitValue()).as("mkfifo").isZero();
        return p;
    }

    private String[] notify(Path state, String... rest) {
        String[] head = {"--notify", "drafts", "--state", state.toString(), "--notice-from", "Hosting <s@example.net>",
            "--notice-server-name", "mail1.example.net", "--notice-help-url", "https://example.net/help"};
        String[] all = new String[head.length + rest.length];
        all[0] = rest[0]; // the command, then the notice options, then the command's own
        System.arraycopy(head, 0, all, 1, head.length);
        System.arraycopy(rest, 1, all, head.length + 1, rest.length - 1);
        return all;
    }

    @Test
    void scan_fifoAmongThePaths_isRefusedAndTheRestIsRead() throws Exception {
        Path fifo = fifo("maillog.pipe");
        CliRun r = assertTimeoutPreemptively(BOUND, () -> CliRun.run("scan", "--rules", rules, "--tz", "UTC",
                "--no-history", fifo.toString(), homeNat.toString()));
        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.INPUT);
        assertThat(r.err).contains("not reading " + fifo + ": it is a FIFO (named pipe)", "pass -");
        assertThat(r.out).contains("read       64 lines in 1 log");
    }

    @Test
    void watch_fifoAsTheOnlyPath_saysWhyAndStops() throws Exception {
        Path fifo = fifo("maillog");
        CliRun r = assertTimeoutPreemptively(BOUND, () -> CliRun.run("watch", "--once", "--rules", rules,
                "--state", dir.resolve("state").toString(), fifo.toString()));
        assertThat(r.code).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).contains("it is a FIFO (named pipe)", "no log to follow");
    }

    @Test
    void csfConf_fifo_isRefusedAsConfigNotWaitedOn() throws Exception {
        Path fifo = fifo("csf.conf");
        CliRun r = assertTimeoutPreemptively(BOUND, () -> CliRun.run("scan", "--rules", rules, "--tz", "UTC",
                "--no-history", "--csf-conf", fifo.toString(), homeNat.toString()));
        assertThat(r.code).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err).contains("not a regular file");
    }

    @Test
    void csfConf_latin1ByteInAComment_isReadAndItsValuesUsed() throws IOException {
        Path conf = dir.resolve("csf.conf");
        byte[] comment = "# Einstellungen f\u00fcr den Server (Gr\u00fc\u00dfe)\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] rest = "LF_SMTPAUTH = \"3\"\nTCP_IN = \"25,587\"\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[comment.length + rest.length];
        System.arraycopy(comment, 0, all, 0, comment.length);
        System.arraycopy(rest, 0, all, comment.length, rest.length);
        Files.write(conf, all);
        assertThat(CsfConfig.read(conf).lfSmtpAuth()).isEqualTo(3);
        CliRun r = CliRun.run("scan", "--rules", rules, "--tz", "UTC", "--no-history", "--csf-conf", conf.toString(),
                homeNat.toString());
        assertThat(r.code).as(r.err).isZero();
    }

    @Test
    void scan_damagedStateDatabase_stillReportsAndSaysWhatToDo() throws IOException {
        Path state = Files.createDirectory(dir.resolve("state"));
        byte[] junk = new byte[8192];
        new java.util.Random(13).nextBytes(junk);
        System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 16);
        Files.write(state.resolve("authaudit.db"), junk);

        CliRun plain = CliRun.run("scan", "--rules", rules, "--tz", "UTC", "--state", state.toString(),
                homeNat.toString());
        assertThat(plain.code).as(plain.err).isZero();
        assertThat(plain.out).contains("read       64 lines");
        assertThat(plain.err).contains("warning: history not kept");

        CliRun notices = CliRun.run(notify(state, "scan", "--rules", rules, "--tz", "UTC", homeNat.toString()));
        assertThat(notices.code).isEqualTo(ExitCodes.ACTION);
        assertThat(notices.out).contains("read       64 lines");
        assertThat(notices.err).contains("is damaged", "mv " + state.resolve("authaudit.db"),
                "No notice is decided or sent in this run");

        CliRun watch = CliRun.run(notify(state, "watch", "--once", "--rules", rules, homeNat.toString()));
        assertThat(watch.code).isEqualTo(ExitCodes.CONFIG);
        assertThat(watch.err).contains("is damaged", "move it aside");
    }

    @Test
    void watch_stateHeldByAnotherWatch_saysWhyAndTouchesNothing() throws IOException {
        Path state = dir.resolve("state");
        Path log = dir.resolve("maillog");
        Files.copy(homeNat, log);
        CliRun first = CliRun.run(notify(state, "watch", "--once", "--rules", rules, "--tz", "UTC", log.toString()));
        assertThat(first.code).as(first.err).isZero();
        byte[] before = Files.readAllBytes(state.resolve("authaudit.db"));
        try (StateLock held = StateLock.take(state.resolve("authaudit.db"), "watch", "authaudit watch",
                Duration.ZERO)) {
            Files.write(log, Files.readAllLines(homeNat), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            CliRun second = CliRun.run(notify(state, "watch", "--once", "--rules", rules, "--tz", "UTC",
                    log.toString()));
            assertThat(second.code).isEqualTo(ExitCodes.CONFIG);
            assertThat(second.err).contains("is in use by authaudit watch, pid", "only one watch");
        }
        assertThat(Files.readAllBytes(state.resolve("authaudit.db"))).isEqualTo(before);
    }

    @Test
    void scan_impossibleTimesAndValues_areCountedAndNamedNotFatal() throws IOException {
        Path log = dir.resolve("maillog");
        String dovecot = " h dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<a@example.com>,"
                + " method=PLAIN, rip=%s, lip=192.0.2.1, session=<x>";
        Files.write(log, List.of("Feb 29 10:00:00" + dovecot.formatted("203.0.113.4"),
                "May 30 10:00:00" + dovecot.formatted("::"),
                "May 30 10:00:01" + dovecot.formatted("203.0.113.5")));
        CliRun r = CliRun.run("scan", "--rules", rules, "--tz", "UTC", "--year", "2025", "--no-history",
                log.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err).contains(log + " line 1: not used: Feb 29 does not exist in 2025",
                log + " line 2: not used: '::' is the unspecified address");
        assertThat(r.out).contains("read       3 lines in 1 log: 1 event");
    }
}
