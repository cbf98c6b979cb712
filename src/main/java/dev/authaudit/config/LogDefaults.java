package dev.authaudit.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The logs {@code watch} follows when none are configured, per server flavour: where cPanel/CentOS and
 * Debian/Ubuntu put Exim's main log, the mail log (Dovecot), lfd's log and the kernel's firewall lines.
 */
public enum LogDefaults {
    /** cPanel on CentOS/AlmaLinux/CloudLinux, and other RHEL-like hosts with csf. */
    CPANEL(List.of("/var/log/exim_mainlog", "/var/log/maillog", "/var/log/lfd.log", "/var/log/messages")),
    /** Debian and Ubuntu (exim4 package, rsyslog). */
    DEBIAN(List.of("/var/log/exim4/mainlog", "/var/log/mail.log", "/var/log/kern.log"));

    private final List<String> paths;

    LogDefaults(List<String> paths) {
        this.paths = paths;
    }

    /** Returns the default log paths of this flavour. */
    public List<String> paths() {
        return paths;
    }

    /** Returns the flavour's word as written in the config ({@code cpanel}, {@code debian}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the flavour whose default logs exist on this host; cPanel when neither or both look present. */
    public static LogDefaults detect() {
        return detect(Path.of("/"));
    }

    /** Returns the flavour whose default logs exist under {@code root} (a test's fake root). */
    public static LogDefaults detect(Path root) {
        long cpanel = count(root, CPANEL);
        long debian = count(root, DEBIAN);
        return debian > cpanel ? DEBIAN : CPANEL;
    }

    private static long count(Path root, LogDefaults f) {
        return f.paths.stream().filter(p -> Files.exists(root.resolve(p.substring(1)))).count();
    }
}
