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
}
