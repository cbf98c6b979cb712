package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.publish.FleetVerdictFeed;
import dev.authaudit.testing.FakeCsf;
import dev.authaudit.testing.FakeFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --once --config}: the file's fleet settings take effect (events published, verdicts read and
 * acted on with the file's TTL, brake, csf and execute), the command line wins, and a file that asks for a block
 * without verdicts stops with the file's key. The fleet is {@link FakeFleet} (scheme {@code test}), csf a script.
 */
class WatchFleetConfigTest {
    @TempDir
    Path dir;

    private final String events = "cfg-events-" + System.nanoTime();
    private final String verdicts = "cfg-verdicts-" + System.nanoTime();

    @AfterEach
    void forget() {
        FakeFleet.forget(events, verdicts);
    }

    private static FleetVerdictFeed.Attacker attacker(String ip) {
        return new FleetVerdictFeed.Attacker(ip, ip + "/32", 0.9, Map.of("hostA", 3L, "hostB", 2L),
                List.of("tried 4 different logins"));
    }

    @Test
    void fileFleetSettings_publishReadAndAct_andTheCommandLineWins() throws IOException {
        Path log = Files.createFile(dir.resolve("maillog"));
        Path state = dir.resolve("state");
        Path argv = dir.resolve("csf-argv.txt");
        Path csf = FakeCsf.write(dir.resolve("csf"), argv);
        Path csfConf = Files.writeString(dir.resolve("csf.conf"), "LF_SMTPAUTH = \"5\"\n");
        Path cfg = Files.writeString(dir.resolve("authaudit.yaml"), "logs: [" + log + "]\n"
                + "rules: " + CliRun.repo().resolve("rules") + "\ntz: UTC\nyear: 2025\n"
                + "state: {dir: " + state + "}\n"
                + "csf_conf: " + csfConf + "\ncsf_command: " + csf + "\ncsf_timeout: 10s\n"
                + "csf_tempban: " + dir.resolve("csf.tempban") + "\n"
                + "fleet:\n"
                + "  publish: test://127.0.0.1:1/" + events + "\n"
                + "  verdicts: test://127.0.0.1:1/" + verdicts + "\n"
                + "  act:\n    mode: block\n    execute: true\n    block_ttl: 2h\n    block_max: 5\n");
        FakeFleet.events(events);
        FakeFleet.verdicts(verdicts, List.of(attacker("198.51.100.23")));

        CliRun first = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(first.code).as(first.err).isZero();
        assertThat(first.err).contains("fleet act: blocks attacker verdicts for 2h each, at most 5 an hour, never an"
                + " address in " + dir.resolve("csf.allow") + " or " + dir.resolve("csf.ignore"))
                .contains("; runs " + csf + ";");
        assertThat(FakeCsf.calls(argv)).containsExactly(List.of("-td", "198.51.100.23", "7200",
                "authaudit fleet attacker 5 failures on 2 servers hostA hostB"));

        // new lines: each event read is published to the file's topic
        Files.write(log, Files.readAllLines(CliRun.repo().resolve("test-fixtures/scenarios/home-nat/maillog")));
        CliRun second = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(second.code).as(second.err).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--once read (\\d+) new lines \\((\\d+) events\\)")
                .matcher(second.err);
        assertThat(m.find()).as(second.err).isTrue();
        assertThat(Integer.parseInt(m.group(2))).isPositive();
        assertThat(FakeFleet.published(events)).hasSize(Integer.parseInt(m.group(2)));

        // the command line wins: a dry run for 3h, csf is not run
        FakeFleet.verdicts(verdicts, List.of(attacker("198.51.100.77")));
        CliRun third = CliRun.run("watch", "--once", "--config", cfg.toString(), "--no-execute", "--fleet-block-ttl",
                "3h");
        assertThat(third.code).as(third.err).isZero();
        assertThat(third.err).contains("blocks attacker verdicts for 3h each, at most 5 an hour")
                .contains("a dry run (no --execute)");
        assertThat(FakeCsf.calls(argv)).hasSize(1);
        CliRun hookLog = CliRun.run("hook", "log", "--tz", "UTC", "--state", state.toString());
        assertThat(hookLog.code).as(hookLog.err).isZero();
        assertThat(hookLog.out).contains("1 block run, 1 dry run")
                .contains("198.51.100.23  block done until 2026-06-01 14:00:00")
                .contains("198.51.100.77  block dry_run until 2026-06-01 15:00:00");
    }

    @Test
    void fileBlockWithoutVerdicts_stopsWithTheFilesKey_andTheOptionCanSupplyThem() throws IOException {
        Path log = Files.createFile(dir.resolve("maillog"));
        Path cfg = Files.writeString(dir.resolve("authaudit.yaml"), "logs: [" + log + "]\ntz: UTC\nstate: {dir: "
                + dir.resolve("state") + "}\nfleet:\n  act: {mode: block}\n");
        CliRun r = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err).contains(cfg + ": fleet.act.mode: block needs the verdicts to act on; set fleet.verdicts:"
                + " kafka://HOST:PORT/TOPIC (or pass --fleet-verdicts)");
        FakeFleet.verdicts(verdicts, List.of());
        CliRun withOption = CliRun.run("watch", "--once", "--config", cfg.toString(), "--csf-conf",
                Files.writeString(dir.resolve("csf.conf"), "").toString(), "--fleet-verdicts",
                "test://127.0.0.1:1/" + verdicts);
        assertThat(withOption.code).as(withOption.err).isZero();
        assertThat(withOption.err).contains("fleet act: blocks attacker verdicts for 24h each, at most 20 an hour")
                .contains("a dry run (no --execute)");
    }

    @Test
    void fileExecute_isOffWhenTheCommandLineTurnsTheActionOff() throws IOException {
        Path log = Files.createFile(dir.resolve("maillog"));
        Path cfg = Files.writeString(dir.resolve("authaudit.yaml"), "logs: [" + log + "]\ntz: UTC\nstate: {dir: "
                + dir.resolve("state") + "}\nfleet:\n  verdicts: test://127.0.0.1:1/" + verdicts
                + "\n  act: {mode: block, execute: true}\n");
        FakeFleet.verdicts(verdicts, List.of(attacker("198.51.100.23")));
        CliRun r = CliRun.run("watch", "--once", "--config", cfg.toString(), "--fleet-act", "none");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err).doesNotContain("fleet act:").contains("dry run: a block hook would block it");
        CliRun both = CliRun.run("watch", "--once", "--config", cfg.toString(), "--fleet-act", "none", "--execute");
        assertThat(both.code).as(both.err).isEqualTo(2);
        assertThat(both.err).contains("--execute runs csf for --fleet-act block");
    }
}
