package dev.authaudit.sim;

import java.util.Locale;

/**
 * Which files a host writes its logs to: a cPanel/CentOS host or a Debian/Ubuntu host with csf.
 */
public enum LogLayout {
    /** {@code exim_mainlog}, {@code maillog}, {@code messages} (kernel and system), {@code lfd.log}. */
    CPANEL("exim_mainlog", "maillog", "messages", "messages", "lfd.log"),
    /** {@code exim4/mainlog}, {@code mail.log}, {@code kern.log}, {@code lfd.log}; no system noise file. */
    DEBIAN("exim4/mainlog", "mail.log", "kern.log", null, "lfd.log");

    private final String exim;
    private final String mail;
    private final String kernel;
    private final String system;
    private final String lfd;

    LogLayout(String exim, String mail, String kernel, String system, String lfd) {
        this.exim = exim;
        this.mail = mail;
        this.kernel = kernel;
        this.system = system;
        this.lfd = lfd;
    }

    /** Returns the file (relative to the output directory) that receives lines of a kind, or null. */
    public String file(LogKind kind) {
        switch (kind) {
            case EXIM: return exim;
            case MAIL: return mail;
            case KERNEL: return kernel;
            case SYSTEM: return system;
            case LFD: return lfd;
            default: throw new IllegalArgumentException("unhandled kind " + kind);
        }
    }

    /** Returns the absolute path the file has on a real host, as csf.conf would name it. */
    public String hostPath(LogKind kind) {
        String f = file(kind);
        return f == null ? null : "/var/log/" + f;
    }

    /** Returns the word used on the command line ({@code cpanel}, {@code debian}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the layout for a command-line word.
     *
     * @throws IllegalArgumentException if the word names no layout
     */
    public static LogLayout fromWord(String word) {
        for (LogLayout l : values()) {
            if (l.word().equalsIgnoreCase(word)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + word + "'; expected cpanel or debian");
    }
}
