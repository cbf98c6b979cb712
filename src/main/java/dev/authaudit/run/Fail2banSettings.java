package dev.authaudit.run;

import dev.authaudit.act.firewall.Fail2banAction;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code watch --fleet-act block --fleet-act-with fail2ban} bans: in which jail, with which fail2ban-client, how
 * long one command may take, and where fail2ban's configuration is (its {@code ignoreip} lists are never banned).
 *
 * @param client the fail2ban-client command: an absolute path or a name looked up on PATH
 * @param timeout the longest one fail2ban-client command may take, 1ms to 1m
 * @param jail the jail kept for the fleet's bans ({@code authaudit-fleet})
 * @param conf fail2ban's configuration folder ({@code /etc/fail2ban}): jail.conf, jail.local, jail.d
 */
public record Fail2banSettings(String client, Duration timeout, String jail, Path conf) {
    /** The jail the fleet's bans go to unless told otherwise. */
    public static final String DEFAULT_JAIL = "authaudit-fleet";

    public Fail2banSettings {
        if (client == null || client.isBlank()) {
            throw new InvalidSetting("--fail2ban-client is empty; give the command, e.g. /usr/bin/fail2ban-client");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()
                || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidSetting("--fail2ban-timeout must be between 1ms and 1m (5s is the default)");
        }
        try {
            Fail2banAction.checkJail(jail);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting("--fail2ban-jail: " + e.getMessage());
        }
        if (conf == null) {
            throw new InvalidSetting("--fail2ban-conf is missing; give fail2ban's folder, e.g. /etc/fail2ban");
        }
    }
}
