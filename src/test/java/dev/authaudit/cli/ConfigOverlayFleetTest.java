package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.config.ConfigLoader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The config file's fleet and csf keys fill watch's options; an option given on the command line wins. */
class ConfigOverlayFleetTest {
    private static final String FILE = """
            csf_command: /opt/csf/bin/csf
            csf_timeout: 5s
            csf_tempban: /srv/csf/csf.tempban
            fleet:
              publish: kafka://kafka1.example.net:9092/authaudit.events
              verdicts: kafka://kafka1.example.net:9092/authaudit.verdicts
              act:
                mode: block
                execute: true
                block_ttl: 2h
                block_max: 5
            """;

    private record Overlaid(WatchCommand watch, ConfigOverlay overlay) {
    }

    /** Parses {@code args} as watch's command line, then lays the file under it as watch does. */
    private static Overlaid overlaid(String yaml, String... args) {
        WatchCommand w = new WatchCommand(new Context(InputStream.nullInputStream(), Clock.systemUTC()));
        CommandLine.ParseResult parsed = new CommandLine(w).parseArgs(args);
        ConfigOverlay o = new ConfigOverlay(ConfigLoader.parse(Path.of("/etc/authaudit/authaudit.yaml"), yaml),
                parsed::hasMatchedOption);
        o.apply(w.input, w.state, w.notices);
        o.apply(w);
        return new Overlaid(w, o);
    }

    @Test
    void fileValues_fillEveryFleetOption() {
        Overlaid r = overlaid(FILE);
        WatchCommand w = r.watch();
        assertThat(w.publish).isEqualTo("kafka://kafka1.example.net:9092/authaudit.events");
        assertThat(w.fleetVerdicts).isEqualTo("kafka://kafka1.example.net:9092/authaudit.verdicts");
        assertThat(w.fleetAct).isEqualTo("block");
        assertThat(w.execute).isTrue();
        assertThat(w.fleetBlockTtl).isEqualTo(Duration.ofHours(2));
        assertThat(w.fleetBlockMax).isEqualTo(5);
        assertThat(w.csfCommand).isEqualTo("/opt/csf/bin/csf");
        assertThat(w.csfTimeout).isEqualTo(Duration.ofSeconds(5));
        assertThat(w.csfTempban).isEqualTo(Path.of("/srv/csf/csf.tempban"));
        assertThat(r.overlay().keyOf("--execute")).isEqualTo("fleet.act.execute");
        assertThat(r.overlay().keyOf("--fleet-block-max")).isEqualTo("fleet.act.block_max");
    }

    @Test
    void commandLine_winsOverTheFile_optionByOption() {
        Overlaid r = overlaid(FILE, "--publish", "kafka://k2:9092/other.events", "--fleet-verdicts",
                "kafka://k2:9092/other.verdicts", "--fleet-block-ttl", "3h", "--fleet-block-max", "7", "--csf",
                "/usr/sbin/csf", "--csf-timeout", "1s", "--csf-tempban", "/tmp/tempban", "--no-execute");
        WatchCommand w = r.watch();
        assertThat(w.publish).isEqualTo("kafka://k2:9092/other.events");
        assertThat(w.fleetVerdicts).isEqualTo("kafka://k2:9092/other.verdicts");
        assertThat(w.fleetBlockTtl).isEqualTo(Duration.ofHours(3));
        assertThat(w.fleetBlockMax).isEqualTo(7);
        assertThat(w.csfCommand).isEqualTo("/usr/sbin/csf");
        assertThat(w.csfTimeout).isEqualTo(Duration.ofSeconds(1));
        assertThat(w.csfTempban).isEqualTo(Path.of("/tmp/tempban"));
        assertThat(w.execute).as("--no-execute makes a dry run of the file's execute: true").isFalse();
        assertThat(w.fleetAct).as("not given: the file's").isEqualTo("block");
        assertThat(r.overlay().keyOf("--execute")).isNull();
        assertThat(r.overlay().keyOf("--fleet-act")).isEqualTo("fleet.act.mode");

        Overlaid off = overlaid(FILE, "--fleet-act", "none");
        assertThat(off.watch().fleetAct).isEqualTo("none");
    }

    @Test
    void noFleetKeys_leaveTheDefaults_aDryRunOfNothing() {
        WatchCommand w = overlaid("tz: UTC\n").watch();
        assertThat(w.publish).isNull();
        assertThat(w.fleetVerdicts).isNull();
        assertThat(w.fleetAct).isNull();
        assertThat(w.execute).isFalse();
        assertThat(w.fleetBlockTtl).isEqualTo(dev.authaudit.run.FleetActSettings.DEFAULT_TTL);
        assertThat(w.fleetBlockMax).isEqualTo(dev.authaudit.run.FleetActSettings.DEFAULT_MAX_PER_HOUR);
        assertThat(w.csfCommand).isEqualTo("/usr/sbin/csf");
        WatchCommand plain = overlaid("tz: UTC\n", "--execute").watch();
        assertThat(plain.execute).isTrue();
    }

    @Test
    void configShow_printsTheFleetAndCsfSettings(@TempDir Path dir) throws java.io.IOException {
        Path cfg = java.nio.file.Files.writeString(dir.resolve("authaudit.yaml"), FILE);
        CliRun r = CliRun.run("config", "show", "--config", cfg.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("csf_command: /opt/csf/bin/csf\ncsf_timeout: 5s\ncsf_tempban: /srv/csf/csf.tempban\n")
                .contains("fleet:\n  publish: kafka://kafka1.example.net:9092/authaudit.events\n"
                        + "  verdicts: kafka://kafka1.example.net:9092/authaudit.verdicts\n  act:\n    mode: block\n"
                        + "    execute: true  # runs csf\n    block_ttl: 2h\n    block_max: 5\n");
        CliRun none = CliRun.run("config", "show");
        assertThat(none.out).contains("fleet:\n  publish: null  # no events sent\n  verdicts: null  # no fleet verdicts"
                + " read\n  act:\n    mode: none\n    execute: false  # a dry run\n    block_ttl: 1d\n");
    }
}
