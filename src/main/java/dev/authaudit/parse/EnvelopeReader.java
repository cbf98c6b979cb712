package dev.authaudit.parse;

/**
 * Splits a line once into its {@link Envelope}: container, time stamp, program and where the message
 * starts. Only the fixed places a writing program controls are read: the stamp at the start of the
 * line, then either a process name (a daemon's own log), or an optional host word and a program tag
 * ({@code name[pid]: }), or Exim's mainlog prefix. Nothing after the tag is looked at, so a login or a
 * HELO holding a whole fake line of another program is only ever message text.
 *
 * <p>Recognised:
 * <ul>
 *   <li>syslog RFC 3164 ({@code Mar  3 11:29:35 host prog[pid]: msg}, also with the day zero-padded and
 *       without a host), RFC 3339 stamps ({@code 2024-12-31T06:56:17.784598+01:00 host prog[pid]: }),
 *       RFC 5424 ({@code <34>1 2024-...Z host app procid msgid [sd] msg}), a leading {@code <PRI>};
 *       the journal's short formats, which are the same; the journal form without a stamp of its own
 *       ({@code host exim[pid]: 2021-07-17 23:20:49 ...}), timed by the stamp after the tag;</li>
 *   <li>a daemon's own log: a stamp, then a process name a rule file lists in {@code processes}
 *       followed by {@code :}, {@code (}, {@code <} or a padded {@code [pid]:} (Dovecot's
 *       {@code log_path}, multilog's TAI64N lines, fail2ban's log);</li>
 *   <li>Exim's mainlog: a {@code YYYY-MM-DD HH:MM:SS} stamp followed by neither of the above; an
 *       optional {@code [pid] } is part of the prefix;</li>
 *   <li>CSF's state files (an epoch or a trailing ctime).</li>
 * </ul>
 * After a syslog tag, an Exim stamp and {@code [pid]} (Exim writing through syslog) are part of the
 * prefix too. Stateless; one instance serves every thread.
 */
final class EnvelopeReader {
    private static final int MAX_HOST = 255;
    private static final int MAX_NAME = 128;

    private final StampParser stamps;
    private final Claims claims;

    EnvelopeReader(StampParser stamps, Claims claims) {
        this.stamps = stamps;
        this.claims = claims;
    }

    /** Splits a line; the memo spares a line with the previous line's stamp parsing it again. */
    Envelope read(String s, LineParser.Memo memo) {
        int n = s.length();
        int p = 0;
        if (n > 2 && s.charAt(0) == '<') {
            int q = 1;
            while (q < n && q < 5 && isDigit(s.charAt(q))) {
                q++;
            }
            if (q > 1 && q < n && s.charAt(q) == '>') {
                if (s.startsWith("1 ", q + 1)) {
                    return rfc5424(s, q + 3);
                }
                p = q + 1;
            }
        }
        Stamp st = p == 0 ? memo.find(stamps, s) : stamps.at(s, p);
        if (st == null) {
            return noStamp(s);
        }
        int m = st.end();
        boolean isoSpace = isDigit(s.charAt(p)) && p + 10 < n && s.charAt(p + 10) == ' ';
        int name = processEnd(s, m);
        if (name > m && claims.isProcess(s, m, name)) {
            return new Envelope(Envelope.Container.OWN_LOG, s.substring(m, name), m, st);
        }
        Envelope sys = syslog(s, m, st, isoSpace);
        if (sys != null) {
            return sys;
        }
        if (isoSpace) {
            return new Envelope(Envelope.Container.EXIM_MAINLOG, "exim", skipPid(s, m), st);
        }
        return new Envelope(Envelope.Container.NONE, null, m, st);
    }

    /** A line without a stamp at its start: CSF state, the journal form, or a bare process line. */
    private Envelope noStamp(String s) {
        Stamp c = stamps.csf(s);
        if (c != null) {
            return new Envelope(Envelope.Container.CSF_STATE, "csf", c.end(), c);
        }
        if (csfEntry(s)) {
            return new Envelope(Envelope.Container.CSF_STATE, "csf", 0, null);
        }
        int name = processEnd(s, 0);
        if (name > 0 && claims.isProcess(s, 0, name)) {
            return new Envelope(Envelope.Container.OWN_LOG, s.substring(0, name), 0, null);
        }
        Envelope sys = syslog(s, 0, null, false);
        return sys != null ? sys : Envelope.NONE;
    }

    /**
     * Reads {@code [host ]tag[[pid]]: } at {@code m}; returns null when there is none. With an Exim
     * stamp before (where Exim's own lines could begin with a word and a colon) the tag needs its
     * {@code [pid]}.
     */
    private Envelope syslog(String s, int m, Stamp st, boolean needPid) {
        int msg = tagEnd(s, m, needPid);
        int nameFrom = m;
        if (msg < 0) {
            int sp = s.indexOf(' ', m);
            if (sp <= m || sp - m > MAX_HOST) {
                return null;
            }
            nameFrom = sp + 1;
            msg = tagEnd(s, nameFrom, needPid);
            if (msg < 0) {
                return null;
            }
        }
        String program = s.substring(nameFrom, nameEnd(s, nameFrom, true));
        return afterTag(s, program, msg, st);
    }

    /** The message after a tag, past an Exim stamp and {@code [pid]} when Exim wrote through syslog. */
    private Envelope afterTag(String s, String program, int msg, Stamp st) {
        Stamp inner = msg < s.length() && isDigit(s.charAt(msg)) ? stamps.at(s, msg) : null;
        if (inner != null && msg + 10 < s.length() && s.charAt(msg + 10) == ' ') {
            return new Envelope(Envelope.Container.SYSLOG, program, skipPid(s, inner.end()), st != null ? st
                    : new Stamp(inner.local(), inner.hasYear(), inner.offset(), inner.instant(), 0));
        }
        return new Envelope(Envelope.Container.SYSLOG, program, msg, st);
    }

    /** RFC 5424: {@code TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG} after {@code <PRI>1 }. */
    private Envelope rfc5424(String s, int p) {
        Stamp st = stamps.at(s, p);
        int q;
        if (st != null) {
            q = st.end();
        } else if (s.startsWith("- ", p)) {
            q = p + 2;
        } else {
            return Envelope.NONE;
        }
        int host = word(s, q);
        int app = host < 0 ? -1 : word(s, host);
        int procid = app < 0 ? -1 : word(s, app);
        int msgid = procid < 0 ? -1 : word(s, procid);
        if (msgid < 0) {
            return Envelope.NONE;
        }
        String program = s.substring(host, app - 1);
        int sd = msgid;
        if (s.startsWith("-", sd)) {
            sd++;
        } else {
            while (sd < s.length() && s.charAt(sd) == '[') {
                sd++;
                boolean quoted = false;
                while (sd < s.length() && (quoted || s.charAt(sd) != ']')) {
                    char c = s.charAt(sd);
                    if (c == '"') {
                        quoted = !quoted;
                    }
                    sd += c == '\\' ? 2 : 1;
                }
                sd++;
            }
        }
        if (sd < s.length() && s.charAt(sd) == ' ') {
            sd++;
        }
        if (s.startsWith("\uFEFF", sd)) {
            sd++;
        }
        if ("-".equals(program)) {
            return new Envelope(Envelope.Container.NONE, null, Math.min(sd, s.length()), st);
        }
        return afterTag(s, program, Math.min(sd, s.length()), st);
    }

    /**
     * Returns true for a CSF entry without a time: an address or CIDR (or {@code tcp|in|d=...}) followed
     * by {@code " # "} or {@code |}.
     */
    private static boolean csfEntry(String s) {
        if (s.startsWith("tcp|") || s.startsWith("udp|")) {
            return true;
        }
        int n = s.length();
        int i = 0;
        while (i < n && i < 50) {
            char c = s.charAt(i);
            if (isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':' || c == '/') {
                i++;
            } else {
                break;
            }
        }
        return i >= 2 && (s.startsWith(" # ", i) || (i < n && s.charAt(i) == '|'));
    }

    /** Returns the index after a word and its single space, or -1. */
    private static int word(String s, int from) {
        int sp = s.indexOf(' ', from);
        return sp <= from ? -1 : sp + 1;
    }

    /**
     * Returns where the message starts after a tag {@code name[pid]: } or {@code name: } at {@code from},
     * or -1 when there is none there.
     */
    private static int tagEnd(String s, int from, boolean needPid) {
        int n = s.length();
        int e = nameEnd(s, from, true);
        if (e == from || e - from > MAX_NAME) {
            return -1;
        }
        boolean pid = false;
        if (e < n && s.charAt(e) == '[') {
            int d = e + 1;
            while (d < n && isDigit(s.charAt(d)) && d - e <= 10) {
                d++;
            }
            if (d == e + 1 || d >= n || s.charAt(d) != ']') {
                return -1;
            }
            e = d + 1;
            pid = true;
        }
        if (needPid && !pid) {
            return -1;
        }
        if (e >= n || s.charAt(e) != ':') {
            return -1;
        }
        if (e + 1 == n) {
            return n;
        }
        return s.charAt(e + 1) == ' ' ? e + 2 : -1;
    }

    /**
     * Returns the end of a process name at {@code from} when what follows is what a daemon's own log
     * writes after it ({@code :}, {@code (}, {@code <}, or spaces and {@code [pid]:}), else {@code from}.
     */
    private static int processEnd(String s, int from) {
        int n = s.length();
        int e = nameEnd(s, from, false);
        if (e == from || e >= n || e - from > MAX_NAME) {
            return from;
        }
        char c = s.charAt(e);
        if (c == ':' || c == '(' || c == '<') {
            return e;
        }
        if (c == ' ') {
            int d = e;
            while (d < n && s.charAt(d) == ' ' && d - e < 32) {
                d++;
            }
            if (d < n && s.charAt(d) == '[') {
                int q = d + 1;
                while (q < n && isDigit(s.charAt(q))) {
                    q++;
                }
                if (q > d + 1 && s.startsWith("]:", q)) {
                    return e;
                }
            }
        }
        return from;
    }

    private static int nameEnd(String s, int from, boolean slash) {
        int n = s.length();
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '.' || (slash && (c == '/' || c == '@'))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** Skips Exim's {@code [pid] } (log_selector +pid) at {@code p}. */
    private static int skipPid(String s, int p) {
        int n = s.length();
        if (p < n && s.charAt(p) == '[') {
            int q = p + 1;
            while (q < n && isDigit(s.charAt(q))) {
                q++;
            }
            if (q > p + 1 && q + 1 < n && s.charAt(q) == ']' && s.charAt(q + 1) == ' ') {
                return q + 2;
            }
        }
        return p;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
