package dev.authaudit.cli;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.LogEvent;
import java.time.format.DateTimeFormatter;

/** One event as a terminal line: time, type, address, login, protocol and port, rule. */
final class TextEvent {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private TextEvent() {
    }

    static String line(LogEvent e) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(TIME.format(e.time())).append("  ").append(pad(e.type().word(), 16)).append(' ')
                .append(pad(e.ip(), 15)).append(' ').append(pad(Terminal.safe(e.account()), 28)).append(' ')
                .append(pad(e.protocol().word(), 5)).append(' ').append(e.port() == null ? "-" : e.port());
        if (e instanceof AuthFailure f) {
            sb.append(' ').append(f.reason().word());
            if (f.attempts() > 1) {
                sb.append(" x").append(f.attempts());
            }
            if (f.detail()) {
                sb.append(" (detail)");
            }
        } else if (e instanceof FirewallDrop d) {
            sb.append(' ').append(d.chain());
        } else if (e instanceof FirewallBlock b) {
            sb.append(' ').append(Terminal.safe(b.trigger()));
            if (b.hits() != null) {
                sb.append(" hits=").append(b.hits());
            }
        }
        sb.append("  [").append(e.origin().rule()).append(' ').append(Terminal.safe(e.origin().file())).append(':')
                .append(e.origin().line()).append(']');
        return sb.toString();
    }

    private static String pad(String s, int width) {
        String v = s == null ? "-" : s;
        if (v.length() >= width) {
            return v;
        }
        return v + " ".repeat(width - v.length());
    }
}
