package dev.authaudit.sim;

/** Writes lfd.log lines (field notes 1.6): login-failure blocks, port-scan blocks, PERMBLOCK, unblocks. */
final class LfdFormat {
    private final TimeFormat time;
    private final String host;

    LfdFormat(TimeFormat time, String host) {
        this.time = time;
        this.host = host;
    }

    /**
     * {@code (smtpauth) Failed SMTP AUTH login from <ip> (<deco>): 5 in the last 3600 secs - *Blocked in csf* ...}.
     *
     * @param seconds the temporary block length, or 0 for a permanent block
     */
    String loginBlock(long t, int pid, LfdApp app, String ip, String deco, int count, int interval, int seconds) {
        StringBuilder b = prefix(t, pid);
        b.append('(').append(app.tag()).append(") ").append(app.reason()).append(' ').append(ip).append(" (")
                .append(deco).append("): ").append(count).append(" in the last ").append(interval).append(" secs");
        suffix(b, seconds, app.trigger());
        return b.toString();
    }

    /** {@code *Port Scan* detected from <ip> (<deco>). 11 hits in the last 73 seconds - *Blocked in csf* ...}. */
    String portScanBlock(long t, int pid, String ip, String deco, int hits, long secs, int seconds) {
        StringBuilder b = prefix(t, pid);
        b.append("*Port Scan* detected from ").append(ip).append(" (").append(deco).append("). ").append(hits)
                .append(" hits in the last ").append(secs).append(" seconds");
        suffix(b, seconds, "PS_LIMIT");
        return b.toString();
    }

    /** {@code (PERMBLOCK) <ip> (<deco>) has had more than N temp blocks in the last S secs - *Blocked in csf* [T]}. */
    String permBlock(long t, int pid, String ip, String deco, int count, int interval, String trigger) {
        StringBuilder b = prefix(t, pid);
        b.append("(PERMBLOCK) ").append(ip).append(" (").append(deco).append(") has had more than ").append(count)
                .append(" temp blocks in the last ").append(interval).append(" secs");
        suffix(b, 0, trigger);
        return b.toString();
    }

    /** {@code Incoming IP <ip> temporary block removed}. */
    String unblock(long t, int pid, String ip) {
        StringBuilder b = prefix(t, pid);
        b.append("Incoming IP ").append(ip).append(" temporary block removed");
        return b.toString();
    }

    private static void suffix(StringBuilder b, int seconds, String trigger) {
        b.append(" - *Blocked in csf*");
        if (seconds > 0) {
            b.append(" for ").append(seconds).append(" secs");
        }
        b.append(" [").append(trigger).append(']');
    }

    private StringBuilder prefix(long t, int pid) {
        StringBuilder b = new StringBuilder(200);
        time.syslog(b, t);
        b.append(' ').append(host).append(" lfd[").append(pid).append("]: ");
        return b;
    }
}
