package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.config.AuditorConfig;
import dev.authaudit.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config show} writes what an admin writes: its output, read back as a config file, gives the same
 * settings, every duration in the file's own form ({@code 2h}, {@code 90s}), never ISO-8601.
 */
class ConfigShowRoundTripTest {
    /** Every duration key of authaudit.yaml, with how to read it from the loaded settings. */
    private static final Map<String, Function<AuditorConfig, Duration>> DURATIONS = new LinkedHashMap<>();

    static {
        DURATIONS.put("csf_timeout", c -> c.csf().timeout());
        DURATIONS.put("fail2ban_timeout", c -> c.fail2ban().timeout());
        DURATIONS.put("watch.poll", c -> c.watch().poll());
        DURATIONS.put("watch.checkpoint_every", c -> c.watch().checkpointEvery());
        DURATIONS.put("watch.look_back", c -> c.watch().lookBack());
        DURATIONS.put("notices.smtp.connect_timeout", c -> c.notices().smtp().connectTimeout());
        DURATIONS.put("notices.smtp.read_timeout", c -> c.notices().smtp().readTimeout());
        DURATIONS.put("fleet.act.block_ttl", c -> c.fleet().act().blockTtl());
    }

    @TempDir
    Path dir;

    @Test
    void everyDurationKey_showReadBack_sameValue_inTheFilesOwnForm() throws IOException {
        // values in every unit, and some that are not a whole number of the next unit up
        Path cfg = Files.writeString(dir.resolve("authaudit.yaml"), String.join("\n",
                "csf_timeout: 2500ms",
                "fail2ban_timeout: 45s",
                "watch:",
                "  poll: 1500ms",
                "  checkpoint_every: 45s",
                "  look_back: 90m",
                "notices:",
                "  smtp:",
                "    host: smtp.example.net",
                "    connect_timeout: 2m",
                "    read_timeout: PT1M30S",
                "fleet:",
                "  verdicts: kafka://kafka1.example.net:9092/authaudit.verdicts",
                "  act:",
                "    mode: block",
                "    block_ttl: 36h",
                ""));
        AuditorConfig original = ConfigLoader.load(cfg);
        CliRun show = CliRun.run("config", "show", "--config", cfg.toString());
        assertThat(show.code).as(show.err).isZero();
        assertThat(show.out).contains("csf_timeout: 2500ms\n", "fail2ban_timeout: 45s\n", "  poll: 1500ms\n", "  checkpoint_every: 45s\n",
                "  look_back: 90m\n", "    connect_timeout: 2m\n", "    read_timeout: 90s\n", "    block_ttl: 36h\n")
                .doesNotContainPattern(": PT\\d");

        AuditorConfig back = ConfigLoader.parse(dir.resolve("shown.yaml"), show.out);
        for (Map.Entry<String, Function<AuditorConfig, Duration>> key : DURATIONS.entrySet()) {
            assertThat(key.getValue().apply(original)).as(key.getKey()).isNotNull();
            assertThat(key.getValue().apply(back)).as(key.getKey()).isEqualTo(key.getValue().apply(original));
        }
    }

    @Test
    void defaults_showReadBack_showsTheSame() throws IOException {
        CliRun defaults = CliRun.run("config", "show");
        assertThat(defaults.code).as(defaults.err).isZero();
        assertThat(defaults.out).contains("csf_timeout: 3s\n", "fail2ban_timeout: 5s\n", "  look_back: 2h\n",
                "    block_ttl: 1d\n", "    with: csf\n", "    # jail: authaudit-fleet")
                .doesNotContainPattern(": PT\\d");
        // the defaults written out are a config file that gives every setting (durations included) again
        Path shown = Files.writeString(dir.resolve("shown.yaml"), defaults.out);
        AuditorConfig back = ConfigLoader.load(shown);
        DURATIONS.forEach((key, get) -> assertThat(get.apply(back)).as(key).isNotNull());
        CliRun again = CliRun.run("config", "show", "--config", shown.toString());
        assertThat(again.code).as(again.err).isZero();
        assertThat(body(again.out)).isEqualTo(body(defaults.out));
    }

    @Test
    void aFullFile_showTwice_isAFixedPoint_andThePasswordStaysMasked() throws IOException {
        Path pw = Files.writeString(dir.resolve("pw"), "hunter2\n");
        Path cfg = Files.writeString(dir.resolve("authaudit.yaml"), String.join("\n",
                "logs: [/srv/log/maillog, /srv/log/exim_mainlog]",
                "tz: Europe/Paris",
                "year: 2025",
                "host: mx1.example.net",
                "csf_command: /opt/csf/csf",
                "csf_timeout: 10s",
                "state: {dir: " + dir.resolve("state") + "}",
                "watch: {poll: 250ms, look_back: 1d, look_back_bytes: 1048576}",
                "notices:",
                "  mode: drafts",
                "  from: 'Hosting <support@example.net>'",
                "  help_url: https://example.net/help",
                "  smtp: {host: smtp.example.net, port: 465, security: tls, password_file: " + pw + ", read_timeout: 3m}",
                "fleet: {publish: 'kafka://k1.example.net:9092/authaudit.events'}",
                ""));
        CliRun first = CliRun.run("config", "show", "--config", cfg.toString());
        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out).contains("# password: <masked>").doesNotContain("hunter2");
        Path shown = Files.writeString(dir.resolve("shown.yaml"), first.out);
        CliRun second = CliRun.run("config", "show", "--config", shown.toString());
        assertThat(second.code).as(second.err).isZero();
        assertThat(body(second.out)).isEqualTo(body(first.out));
    }

    /** The output without its first line, which names the file read. */
    private static String body(String out) {
        return out.substring(out.indexOf('\n') + 1);
    }

    @Test
    void fail2banFleetAct_showReadBack_everyKeyTheSame_andAFixedPoint() throws IOException {
        Path cfg = Files.writeString(dir.resolve("authaudit.yaml"), String.join("\n",
                "fail2ban_client: /usr/local/bin/fail2ban-client",
                "fail2ban_timeout: 1500ms",
                "fail2ban_conf: /opt/fail2ban",
                "fleet:",
                "  verdicts: kafka://kafka1.example.net:9092/authaudit.verdicts",
                "  act: {mode: block, execute: true, with: fail2ban, jail: fleet-bans, block_max: 7}",
                ""));
        AuditorConfig original = ConfigLoader.load(cfg);
        CliRun show = CliRun.run("config", "show", "--config", cfg.toString());
        assertThat(show.code).as(show.err).isZero();
        assertThat(show.out).contains("fail2ban_client: /usr/local/bin/fail2ban-client\n", "fail2ban_timeout: 1500ms\n",
                "fail2ban_conf: /opt/fail2ban\n", "    execute: true  # runs fail2ban-client\n", "    with: fail2ban\n",
                "    jail: fleet-bans\n", "    block_max: 7\n");
        AuditorConfig back = ConfigLoader.parse(dir.resolve("shown.yaml"), show.out);
        assertThat(back.fail2ban()).isEqualTo(original.fail2ban());
        assertThat(back.fleet().act().with()).isEqualTo("fail2ban");
        assertThat(back.fleet().act().jail()).isEqualTo("fleet-bans");
        assertThat(back.fleet().act().execute()).isTrue();
        Path shown = Files.writeString(dir.resolve("shown.yaml"), show.out);
        CliRun again = CliRun.run("config", "show", "--config", shown.toString());
        assertThat(again.code).as(again.err).isZero();
        assertThat(body(again.out)).isEqualTo(body(show.out));
    }
}
