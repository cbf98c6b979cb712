package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.cli.ConfigOverlay;
import dev.authaudit.cli.Context;
import dev.authaudit.testing.CliCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fleet run --config} (and {@code fleet mail}, {@code fleet report}): the servers' authaudit.yaml gives the
 * fleet its zone, year, host, fingerprint key, rules, csf.conf and state folder, the command line winning; a bad file
 * stops the command with the file's key before any broker is asked (port 9 on loopback: nothing listens).
 */
class FleetConfigOptionTest {
    @TempDir
    Path dir;

    private Path config() throws IOException {
        Path key = Files.writeString(dir.resolve("fingerprint.key"), "0123456789abcdef0123456789abcdef");
        return Files.writeString(dir.resolve("authaudit.yaml"), "tz: America/New_York\nyear: 2025\nhost: mx9\n"
                + "fingerprint_key_file: " + key + "\nrules_dirs: [" + dir.resolve("site-rules") + "]\n"
                + "csf_conf: " + dir.resolve("csf.conf") + "\nstate: {dir: " + dir.resolve("state") + "}\n"
                + "fleet:\n  publish: kafka://k1.example.net:9092/authaudit.events\n");
    }

    private static FleetRunCommand parsed(String... args) {
        CommandLine cl = new CommandLine(new FleetRunCommand(new Context(InputStream.nullInputStream(), CliCall.FIXED)));
        cl.parseArgs(args);
        return cl.getCommand();
    }

    @Test
    void run_takesTheFilesInputCsfAndState() throws IOException {
        Path cfg = config();
        FleetRunCommand run = parsed("--bootstrap", "127.0.0.1:9", "--config", cfg.toString());
        run.applyConfig(ConfigOverlay.load(cfg, run.spec));
        assertThat(run.input.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(run.input.host()).isEqualTo("mx9");
        assertThat(run.input.ruleDirs()).endsWith(dir.resolve("site-rules"));
        assertThat(run.csfConf).isEqualTo(dir.resolve("csf.conf"));
        assertThat(run.stateDir).isEqualTo(dir.resolve("state").resolve("fleet-streams"));
    }

    @Test
    void run_theCommandLineWins() throws IOException {
        Path cfg = config();
        FleetRunCommand run = parsed("--bootstrap", "127.0.0.1:9", "--config", cfg.toString(), "--tz", "Europe/Paris",
                "--host", "mx1", "--csf-conf", "/etc/csf/csf.conf", "--state-dir", dir.resolve("s2").toString());
        run.applyConfig(ConfigOverlay.load(cfg, run.spec));
        assertThat(run.input.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(run.input.host()).isEqualTo("mx1");
        assertThat(run.csfConf).isEqualTo(Path.of("/etc/csf/csf.conf"));
        assertThat(run.stateDir).isEqualTo(dir.resolve("s2"));
    }

    @Test
    void aBadFile_stopsRunMailAndReport_withTheFilesKey_beforeAnyBrokerIsAsked() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "tz: Mars/Olympus\n");
        CliCall run = CliCall.run(CliCall.FIXED, "fleet", "run", "--bootstrap", "127.0.0.1:9", "--config",
                bad.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains(bad + ": tz:");
        CliCall mail = CliCall.run(CliCall.FIXED, "fleet", "mail", "--bootstrap", "127.0.0.1:9", "--config",
                bad.toString());
        assertThat(mail.code()).as(mail.err()).isEqualTo(3);
        CliCall report = CliCall.run(CliCall.FIXED, "fleet", "report", "--bootstrap", "127.0.0.1:9", "--out",
                dir.resolve("out").toString(), "--config", bad.toString());
        assertThat(report.code()).as(report.err()).isEqualTo(3);
        assertThat(report.err()).contains(bad + ": tz:");
    }
}
