package dev.authaudit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final Path FILE = Path.of("/etc/authaudit/authaudit.yaml");

    private static AuditorConfig parse(String yaml) {
        return ConfigLoader.parse(FILE, yaml);
    }

    @Test
    void parse_fullFile_mapsEveryKey() {
        AuditorConfig c = parse("""
                logs: [/var/log/exim_mainlog, /var/log/maillog]
                tz: Europe/Paris
                csf_conf: /etc/csf/csf.conf
                state: {dir: /var/lib/authaudit}
                watch: {poll: 100ms, checkpoint_every: 1s, look_back: 90m, look_back_bytes: 16MiB}
                notices:
                  mode: send
                  from: 'Hosting <help@example.com>'
                  help_url: https://example.com/help
                  cpanel: true
                  limit: 5
                  smtp: {host: localhost, port: 25, security: none, password_file: /etc/authaudit/pw}
                """);
        assertThat(c.logs()).containsExactly("/var/log/exim_mainlog", "/var/log/maillog");
        assertThat(c.input().tz()).isEqualTo("Europe/Paris");
        assertThat(c.watch().poll()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.watch().lookBack()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.watch().lookBackBytes()).isEqualTo(16L << 20);
        assertThat(c.notices().mode()).isEqualTo("send");
        assertThat(c.notices().cpanel()).isTrue();
        assertThat(c.notices().smtp().port()).isEqualTo(25);
        assertThat(c.notices().mailbox()).isNull();
    }

    @Test
    void parse_emptyFile_setsNothing() {
        AuditorConfig c = parse("# nothing yet\n");
        assertThat(c.logs()).isNull();
        assertThat(c.notices().smtp().host()).isNull();
    }

    @Test
    void parse_unknownKey_namesFileKeyAndTheKnownKeys() {
        assertThatThrownBy(() -> parse("notices:\n  frm: a@example.com\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/etc/authaudit/authaudit.yaml: notices.frm: unknown key")
                .hasMessageContaining("known keys under notices:").hasMessageContaining("from")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("notices.frm"));
    }

    @Test
    void parse_badValue_namesKeyValueAndWhatIsExpected() {
        assertThatThrownBy(() -> parse("notices:\n  limit: lots\n"))
                .hasMessage("/etc/authaudit/authaudit.yaml: notices.limit: 'lots' is not valid; expected a number"
                        + " of notices per hour from 0 to 10000");
        assertThatThrownBy(() -> parse("watch:\n  poll: soon\n"))
                .hasMessageContaining("watch.poll: 'soon' is not valid; expected a duration such as 250ms");
        assertThatThrownBy(() -> parse("tz: Mars/Olympus\n"))
                .hasMessageContaining("tz: 'Mars/Olympus' is not valid; expected a zone");
        assertThatThrownBy(() -> parse("notices:\n  smtp: {security: ssl}\n"))
                .hasMessageContaining("notices.smtp.security: 'ssl' is not valid; expected one of none, starttls, tls");
    }

    @Test
    void parse_passwordInFile_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> parse("notices:\n  smtp: {password: hunter2}\n"))
                .hasMessageContaining("notices.smtp.password: passwords do not belong in the config file")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void parse_sendWithoutSmtpHost_isAContradiction() {
        assertThatThrownBy(() -> parse("notices: {mode: send}\n"))
                .hasMessageContaining("notices.mode: 'send' needs an SMTP server");
    }

    @Test
    void parse_notYaml_namesFileAndLine() {
        assertThatThrownBy(() -> parse("logs:\n  - a\n bad: [\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/etc/authaudit/authaudit.yaml:").hasMessageContaining("not valid YAML");
    }

    @Test
    void load_missingFile_saysHowToWriteOne() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/authaudit.yaml")))
                .hasMessageContaining("no such file; write one with 'authaudit config init");
    }

    @Test
    void template_parsesBackForEveryFlavour() {
        for (LogDefaults f : LogDefaults.values()) {
            AuditorConfig c = parse(ConfigTemplate.render(f, "/etc/csf/csf.conf"));
            assertThat(c.logs()).isEqualTo(f.paths());
            assertThat(c.notices().mode()).isEqualTo("drafts");
        }
    }

    @Test
    void parse_fleetAndCsf_mapsEveryKey() {
        AuditorConfig c = parse("""
                csf_conf: /etc/csf/csf.conf
                csf_command: /usr/local/sbin/csf
                csf_timeout: 5s
                csf_tempban: /var/lib/csf/csf.tempban
                fleet:
                  publish: kafka://kafka1.example.net:9092,kafka2.example.net:9092/authaudit.events
                  verdicts: kafka://[2001:db8::1]:9092/authaudit.verdicts
                  act:
                    mode: Block
                    execute: true
                    block_ttl: 2h
                    block_max: 5
                """);
        assertThat(c.csf()).isEqualTo(new AuditorConfig.Csf("/usr/local/sbin/csf", Duration.ofSeconds(5),
                Path.of("/var/lib/csf/csf.tempban")));
        assertThat(c.fleet().publish()).isEqualTo("kafka://kafka1.example.net:9092,kafka2.example.net:9092/authaudit"
                + ".events");
        assertThat(c.fleet().verdicts()).isEqualTo("kafka://[2001:db8::1]:9092/authaudit.verdicts");
        assertThat(c.fleet().act()).isEqualTo(new AuditorConfig.FleetAct("block", true, Duration.ofHours(2), 5));
    }

    @Test
    void parse_noFleet_setsNothing_andExecuteIsNeverImplied() {
        AuditorConfig c = parse("fleet:\n  verdicts: kafka://k:9092/v\n  act: {mode: block}\n");
        assertThat(c.fleet().act().execute()).as("no execute key: not set, so a dry run").isNull();
        assertThat(c.fleet().publish()).isNull();
        AuditorConfig none = parse("tz: UTC\n");
        assertThat(none.fleet()).isEqualTo(new AuditorConfig.Fleet(null, null,
                new AuditorConfig.FleetAct(null, null, null, null)));
        assertThat(none.csf()).isEqualTo(new AuditorConfig.Csf(null, null, null));
        assertThat(AuditorConfig.empty().fleet()).isEqualTo(none.fleet());
    }

    @Test
    void parse_badFleetValues_nameTheKeyAndWhatToWrite() {
        assertThatThrownBy(() -> parse("fleet:\n  publish: kafka1.example.net:9092\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/etc/authaudit/authaudit.yaml: fleet.publish: 'kafka1.example.net:9092' is not valid;"
                        + " expected kafka://HOST:PORT/TOPIC, such as kafka://kafka1.example.net:9092/authaudit.events"
                        + " (a topic is letters, digits, '.', '_' and '-')")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("fleet.publish"));
        assertThatThrownBy(() -> parse("fleet:\n  verdicts: kafka://k:9092/a$b\n"))
                .hasMessageContaining("fleet.verdicts: 'kafka://k:9092/a$b' is not valid; expected kafka://HOST:PORT");
        assertThatThrownBy(() -> parse("fleet:\n  verdicts: kafka://k/v\n"))
                .hasMessageContaining("fleet.verdicts: 'kafka://k/v' is not valid").hasMessageContaining("'k' is not"
                        + " HOST:PORT");
        assertThatThrownBy(() -> parse("fleet:\n  verdicts: [kafka://k:1/v]\n"))
                .hasMessageContaining("fleet.verdicts: '[\"kafka://k:1/v\"]' is not valid; expected a single value");
        assertThatThrownBy(() -> parse("fleet:\n  act: {mode: drop}\n"))
                .hasMessage("/etc/authaudit/authaudit.yaml: fleet.act.mode: 'drop' is not valid; expected one of"
                        + " block, none");
        assertThatThrownBy(() -> parse("fleet:\n  act: {mode: block, execute: yes please}\n"))
                .hasMessageContaining("fleet.act.execute: 'yes please' is not valid; expected true or false");
        assertThatThrownBy(() -> parse("fleet:\n  act: {mode: block, block_ttl: 8d}\n"))
                .hasMessageContaining("fleet.act.block_ttl: '8d' is not valid; expected a duration from 1m to 7d");
        assertThatThrownBy(() -> parse("fleet:\n  act: {mode: block, block_ttl: 30s}\n"))
                .hasMessageContaining("fleet.act.block_ttl: '30s' is not valid; expected a duration from 1m to 7d");
        assertThatThrownBy(() -> parse("fleet:\n  act: {mode: block, block_max: 0}\n"))
                .hasMessageContaining("fleet.act.block_max: '0' is not valid; expected a number of blocks an hour from"
                        + " 1 to 10000");
        assertThatThrownBy(() -> parse("csf_timeout: 2m\n"))
                .hasMessageContaining("csf_timeout: '2m' is not valid; expected a duration from 1ms to 1m");
        assertThatThrownBy(() -> parse("csf_command: '/usr/sbin/csf -d'\n"))
                .hasMessageContaining("csf_command: '/usr/sbin/csf -d' is not valid; expected the path of a command");
        assertThatThrownBy(() -> parse("csf_tempban: ' '\n")).hasMessageContaining("csf_tempban: ' ' is not valid");
    }

    @Test
    void parse_unknownFleetKey_isRefused_withTheKnownKeys() {
        assertThatThrownBy(() -> parse("fleet:\n  act: {mode: block, ttl: 1h}\n"))
                .hasMessageContaining("fleet.act.ttl: unknown key; known keys under fleet.act: block_max, block_ttl,"
                        + " execute, jail, mode, with");
        assertThatThrownBy(() -> parse("fleet:\n  bootstrap: k:9092\n"))
                .hasMessageContaining("fleet.bootstrap: unknown key; known keys under fleet: act, publish, verdicts");
        assertThatThrownBy(() -> parse("fleet: kafka://k:9092/v\n"))
                .hasMessageContaining("fleet: 'kafka://k:9092/v' is not valid; expected a mapping of settings");
    }

    @Test
    void parse_executeWithoutBlockBesideIt_isRefused() {
        assertThatThrownBy(() -> parse("fleet:\n  verdicts: kafka://k:9092/v\n  act: {execute: true}\n"))
                .hasMessage("/etc/authaudit/authaudit.yaml: fleet.act.execute: true runs the firewall (csf or"
                        + " fail2ban) for fleet.act.mode: block, which this file does not set; set mode: block beside"
                        + " it, or remove execute");
        assertThatThrownBy(() -> parse("fleet:\n  act: {mode: none, execute: true}\n"))
                .hasMessageContaining("fleet.act.execute: true runs the firewall (csf or fail2ban) for fleet.act.mode:"
                        + " block");
        assertThat(parse("fleet:\n  act: {mode: none, execute: false}\n").fleet().act().execute()).isFalse();
    }

    @Test
    void template_fleetSample_parsesOnceUncommented() {
        String text = ConfigTemplate.render(LogDefaults.CPANEL, null);
        StringBuilder uncommented = new StringBuilder();
        boolean inFleet = false;
        for (String line : text.split("\n")) {
            inFleet |= line.equals("# fleet:");
            uncommented.append(inFleet && line.startsWith("# ") ? line.substring(2) : line).append('\n');
        }
        assertThat(uncommented.toString()).contains("\nfleet:\n  publish: kafka://");
        AuditorConfig c = parse(uncommented.toString());
        assertThat(c.fleet().publish()).isEqualTo("kafka://kafka1.example.net:9092/authaudit.events");
        assertThat(c.fleet().verdicts()).isEqualTo("kafka://kafka1.example.net:9092/authaudit.verdicts");
        assertThat(c.fleet().act()).as("the sample's values are the defaults, a dry run")
                .isEqualTo(new AuditorConfig.FleetAct("block", false, Duration.ofHours(24), 20, "csf", null));
        String csf = text.lines().filter(l -> l.startsWith("# csf_")).map(l -> l.substring(2))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(parse(csf).csf()).isEqualTo(new AuditorConfig.Csf("/usr/sbin/csf", Duration.ofSeconds(3),
                Path.of("/var/lib/csf/csf.tempban")));
        String f2b = text.lines().filter(l -> l.startsWith("# fail2ban_")).map(l -> l.substring(2))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(parse(f2b).fail2ban()).isEqualTo(new AuditorConfig.Fail2ban("/usr/bin/fail2ban-client",
                Duration.ofSeconds(5), Path.of("/etc/fail2ban")));
        // the jail line, commented twice, uncommented beside with: fail2ban
        String jail = text.lines().filter(l -> l.contains("# jail:")).findFirst().orElseThrow();
        AuditorConfig withJail = parse("fleet:\n  act:\n    with: fail2ban\n    " + jail.substring(jail.indexOf("jail:"))
                + "\n");
        assertThat(withJail.fleet().act().jail()).isEqualTo("authaudit-fleet");
    }

    @Test
    void parse_fail2ban_mapsEveryKey_andTheJailOnlyBesideWithFail2ban() {
        AuditorConfig c = parse("""
                fail2ban_client: /usr/local/bin/fail2ban-client
                fail2ban_timeout: 1500ms
                fail2ban_conf: /opt/fail2ban/etc
                fleet:
                  verdicts: kafka://k:9092/v
                  act: {mode: block, with: Fail2ban, jail: fleet-bans}
                """);
        assertThat(c.fail2ban()).isEqualTo(new AuditorConfig.Fail2ban("/usr/local/bin/fail2ban-client",
                Duration.ofMillis(1500), Path.of("/opt/fail2ban/etc")));
        assertThat(c.fleet().act()).isEqualTo(new AuditorConfig.FleetAct("block", null, null, null, "fail2ban",
                "fleet-bans"));
        assertThat(parse("tz: UTC\n").fail2ban()).isEqualTo(new AuditorConfig.Fail2ban(null, null, null));
        assertThatThrownBy(() -> parse("fleet:\n  act: {mode: block, jail: fleet-bans}\n"))
                .hasMessage("/etc/authaudit/authaudit.yaml: fleet.act.jail: names the fail2ban jail of with: fail2ban,"
                        + " which this file does not set; set with: fail2ban beside it, or remove jail");
        assertThatThrownBy(() -> parse("fleet:\n  act: {with: fail2ban, jail: '-x'}\n"))
                .hasMessageContaining("fleet.act.jail: '-x' is not valid; expected a jail name of letters, digits");
        assertThatThrownBy(() -> parse("fleet:\n  act: {with: nftables}\n"))
                .hasMessageContaining("fleet.act.with").hasMessageContaining("csf").hasMessageContaining("fail2ban");
        assertThatThrownBy(() -> parse("fail2ban_timeout: 2m\n")).hasMessageContaining("fail2ban_timeout");
    }
}
