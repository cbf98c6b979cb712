package dev.authaudit.correlate;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.FirewallUnblock;
import dev.authaudit.event.LogEvent;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the events that matter to one explained subject, in order, up to a cap. For a login it also
 * keeps the firewall events of the addresses that used the login, since those explain its blocks.
 */
final class TimelineRecorder {
    private static final int MAX_RELATED_IPS = 64;

    private final ExplainFilter filter;
    private final int cap;
    private final List<TimelineEntry> entries = new ArrayList<>();
    private final Set<String> relatedIps = new LinkedHashSet<>();
    private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
    private long omitted;

    TimelineRecorder(ExplainFilter filter, int cap) {
        this.filter = filter;
        this.cap = cap;
    }

    void offer(LogEvent e) {
        if (!matches(e)) {
            return;
        }
        if (!filter.address() && e.ip() != null && relatedIps.size() < MAX_RELATED_IPS) {
            relatedIps.add(e.ip());
        }
        if (entries.size() >= cap) {
            omitted++;
            return;
        }
        index.put(e.origin().file() + ":" + e.origin().line(), entries.size());
        entries.add(new TimelineEntry(e.instant(), e.type().word(), describe(e), e.origin().file(),
                e.origin().line()));
    }

    /** Notes, on the lines of an attempt that are in the timeline, which lines were counted together as it. */
    void counted(Attempt a) {
        if (a.lines().size() < 2) {
            return;
        }
        for (dev.authaudit.event.Origin o : a.lines()) {
            Integer at = index.get(o.file() + ":" + o.line());
            if (at == null) {
                continue;
            }
            StringBuilder others = new StringBuilder();
            for (dev.authaudit.event.Origin x : a.lines()) {
                if (x != o) {
                    others.append(others.length() == 0 ? "" : ", ").append(x.file()).append(':').append(x.line());
                }
            }
            note(at, "counted as one attempt with " + others);
        }
    }

    /** Notes that a line was dropped as Exim's copy of an earlier one (syslog, or the reject log). */
    void copy(AuthFailure copy, AuthFailure original) {
        Integer at = index.get(copy.origin().file() + ":" + copy.origin().line());
        if (at != null) {
            note(at, (copy.origin().file().equals(original.origin().file())
                    ? "not counted: Exim's syslog copy (syslog_duplication) of "
                    : "not counted: the same line as ") + original.origin().file() + ":" + original.origin().line()
                    + (copy.origin().file().equals(original.origin().file()) ? ""
                    : " (Exim writes each rejection to its main log and its reject log)"));
        }
    }

    private void note(int at, String note) {
        TimelineEntry t = entries.get(at);
        entries.set(at, new TimelineEntry(t.time(), t.type(), t.summary() + " [" + note + "]", t.file(), t.line()));
    }

    ExplainFilter filter() {
        return filter;
    }

    List<TimelineEntry> entries() {
        return List.copyOf(entries);
    }

    long omitted() {
        return omitted;
    }

    private boolean matches(LogEvent e) {
        if (filter.address()) {
            return e.ip() != null && (e.ip().equals(filter.subject()) || canonical(e.ip()).equals(filter.subject()));
        }
        if (filter.subject().equals(e.account())) {
            return true;
        }
        boolean firewall = e instanceof FirewallBlock || e instanceof FirewallDrop || e instanceof FirewallUnblock;
        return firewall && e.ip() != null && relatedIps.contains(e.ip());
    }

    private static String canonical(String ip) {
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        IPAddressString s = new IPAddressString(ip);
        return s.isIPAddress() ? s.getAddress().toCanonicalString() : ip;
    }

    static String describe(LogEvent e) {
        String port = e.port() == null ? "" : " port " + e.port();
        if (e instanceof AuthFailure f) {
            StringBuilder b = new StringBuilder();
            // a line without a protocol (Dovecot's password check) says just "login"
            if (f.protocol() != dev.authaudit.event.Protocol.OTHER) {
                b.append(f.protocol().word().toUpperCase(java.util.Locale.ROOT)).append(' ');
            }
            b.append("login failed for ")
                    .append(f.account() == null ? "(no login)" : f.account()).append(" from ").append(f.ip())
                    .append(port).append(": ").append(f.reason().word().replace('_', ' '));
            if (f.attempts() > 1) {
                b.append(", ").append(f.attempts()).append(" attempts");
            }
            if (f.passwordFp() != null) {
                b.append(", password fingerprint ").append(f.passwordFp());
            }
            if (f.detail()) {
                b.append(" (the password check's own line about the attempt)");
            }
            return b.toString();
        }
        if (e instanceof AuthSuccess s) {
            return s.protocol().word().toUpperCase(java.util.Locale.ROOT) + " login succeeded for " + s.account()
                    + " from " + s.ip() + port;
        }
        if (e instanceof FirewallDrop d) {
            return "firewall " + d.chain() + (d.inbound() ? " dropped " : " dropped outbound ")
                    + (d.proto() == null ? "" : d.proto() + " ") + "from " + d.ip()
                    + (d.srcPort() == null ? "" : ":" + d.srcPort()) + " to" + port
                    + (d.flags() == null ? "" : " (" + d.flags() + ")");
        }
        if (e instanceof FirewallBlock b) {
            return e.origin().source() + " blocked " + b.ip() + " [" + b.trigger() + "]"
                    + (b.hits() == null ? "" : ": " + b.hits() + " hits")
                    + (b.intervalS() == null ? "" : " in " + b.intervalS() + " s")
                    + (b.permanent() ? ", permanent" : b.durationS() == null ? "" : ", for " + b.durationS() + " s");
        }
        FirewallUnblock u = (FirewallUnblock) e;
        return e.origin().source() + " lifted the block on " + u.ip();
    }
}
