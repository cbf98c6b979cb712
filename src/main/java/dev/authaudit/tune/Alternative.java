package dev.authaudit.tune;

import static java.util.Objects.requireNonNull;

/**
 * One setting tried with one other value, and what it does.
 *
 * @param firewall {@code lfd} or {@code fail2ban}
 * @param setting the key as the admin writes it ({@code LF_IMAPD}, {@code PS_DIVERSITY}, {@code TCP_IN},
 *     {@code [dovecot] maxretry})
 * @param from the current value
 * @param to the value tried
 * @param outcome what the model did with it
 */
public record Alternative(String firewall, String setting, String from, String to, Outcome outcome) {
    public Alternative {
        requireNonNull(firewall, "firewall");
        requireNonNull(setting, "setting");
        requireNonNull(outcome, "outcome");
    }

    /** Returns the trigger whose blocks this setting governs: the key itself, PS_LIMIT, or the jail. */
    public String trigger() {
        if (portScanSetting()) {
            return "PS_LIMIT";
        }
        if (setting.startsWith("[")) {
            return setting.substring(1, setting.indexOf(']'));
        }
        return setting;
    }

    /** Returns true for a port-scan setting, whose effect is on closed-port customers and real scans. */
    public boolean portScanSetting() {
        return setting.startsWith("PS_") || setting.equals("TCP_IN");
    }
}
