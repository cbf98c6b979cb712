package dev.authaudit.sim;

/** The logical log streams a simulated host writes; {@link LogLayout} maps them to files. */
public enum LogKind {
    /** Exim's own main log (or, when Exim logs to syslog, the mail log). */
    EXIM,
    /** The syslog mail facility: Dovecot, and Exim when it logs to syslog. */
    MAIL,
    /** Kernel firewall lines. */
    KERNEL,
    /** Other system daemons (systemd, cron); cPanel's {@code messages}. */
    SYSTEM,
    /** lfd's own log. */
    LFD
}
