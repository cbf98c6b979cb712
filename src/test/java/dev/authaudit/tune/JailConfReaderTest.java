package dev.authaudit.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JailConfReaderTest {
    private static final String JAIL_CONF = String.join("\n",
            "# fail2ban jail.conf (shortened)",
            "[INCLUDES]",
            "before = paths-debian.conf",
            "",
            "[DEFAULT]",
            "bantime  = 10m",
            "findtime  = 10m",
            "maxretry = 5",
            "",
            "[sshd]",
            "enabled = true",
            "",
            "[dovecot]",
            "port    = pop3,pop3s,imap,imaps,submission,465,sieve",
            "logpath = %(dovecot_log)s",
            "",
            "[postfix-sasl]",
            "filter   = postfix[mode=auth]",
            "port     = smtp,465,submission",
            "",
            "[recidive]",
            "logpath  = /var/log/fail2ban.log",
            "bantime  = 1w",
            "findtime = 1d",
            "");

    private static final String JAIL_LOCAL = String.join("\n",
            "[DEFAULT]",
            "maxretry = 3 ; stricter",
            "",
            "[dovecot]",
            "enabled = true",
            "findtime = 1h 30m",
            "",
            "[postfix-sasl]",
            "enabled = yes",
            "maxretry = %(dovecot_retry)s",
            "dovecot_retry = 8",
            "",
            "[recidive]",
            "enabled = true",
            "bantime = -1",
            "");

    @Test
    void read_defaultsJailsAndLocalOverrides() {
        JailConfReader r = new JailConfReader();
        r.parse("jail.conf", JAIL_CONF);
        List<Fail2banJail> jails = r.parse("jail.local", JAIL_LOCAL);
        assertThat(jails).extracting(Fail2banJail::name).containsExactly("sshd", "dovecot", "postfix-sasl", "recidive");
        Fail2banJail dovecot = jails.get(1);
        assertThat(dovecot.enabled()).isTrue();
        assertThat(dovecot.maxretry()).as("jail.local's [DEFAULT] wins").isEqualTo(3);
        assertThat(dovecot.findtimeS()).isEqualTo(5400);
        assertThat(dovecot.bantimeS()).isEqualTo(600);
        assertThat(dovecot.feeds()).isEqualTo(Fail2banJail.Feeds.DOVECOT);
        Fail2banJail sasl = jails.get(2);
        assertThat(sasl.filter()).isEqualTo("postfix");
        assertThat(sasl.mode()).isEqualTo("auth");
        assertThat(sasl.feeds()).isEqualTo(Fail2banJail.Feeds.POSTFIX);
        assertThat(sasl.maxretry()).as("%(name)s filled from the section").isEqualTo(8);
        Fail2banJail recidive = jails.get(3);
        assertThat(recidive.permanent()).isTrue();
        assertThat(recidive.findtimeS()).isEqualTo(86400);
        assertThat(jails.get(0).feeds()).isEqualTo(Fail2banJail.Feeds.NONE);
    }

    @Test
    void read_badDuration_namesFileLineJailAndKey() {
        assertThatThrownBy(() -> new JailConfReader().parse("/etc/fail2ban/jail.local",
                "[dovecot]\nenabled = true\nfindtime = ten minutes\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/etc/fail2ban/jail.local:3: [dovecot] findtime = \"ten minutes\" is not valid; expected a"
                        + " number of seconds or a duration like 10m, 1h, 1d or -1");
    }

    @Test
    void read_badMaxretryInDefault_namesTheDefaultLine() {
        assertThatThrownBy(() -> new JailConfReader().parse("jail.local",
                "[DEFAULT]\nmaxretry = 0\n\n[dovecot]\nenabled = true\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jail.local:2: [dovecot] maxretry = \"0\" is not valid; expected a positive");
    }

    @Test
    void read_lineThatIsNoSetting_namesFileAndLine() {
        assertThatThrownBy(() -> new JailConfReader().parse("jail.local", "[dovecot]\nenabled true\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("jail.local:2: 'enabled true' is neither a [section] nor a key = value line; fix or"
                        + " comment it out with #");
        assertThatThrownBy(() -> new JailConfReader().parse("jail.local", "maxretry = 3\n[dovecot]\n"))
                .hasMessage("jail.local:1: maxretry is set before any [section]; put it under [DEFAULT] or a jail");
        assertThatThrownBy(() -> new JailConfReader().parse("jail.local", "[dovecot]\nenabled = maybe\n"))
                .hasMessage("jail.local:2: [dovecot] enabled = \"maybe\" is not valid; expected true or false");
    }

    @Test
    void read_missingFile_saysWhereJailsUsuallyAre() {
        assertThatThrownBy(() -> new JailConfReader().read(List.of(java.nio.file.Path.of("/nonexistent/jail.local"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read /nonexistent/jail.local")
                .hasMessageEndingWith("pass fail2ban's jail.conf or jail.local (usually in /etc/fail2ban)");
    }
}
