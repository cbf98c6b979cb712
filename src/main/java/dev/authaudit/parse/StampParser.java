package dev.authaudit.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Recognises the time stamps mail servers and firewalls write, by hand rather than by regex because
 * it runs on every line of interest:
 * <ul>
 *   <li>Exim and fail2ban: {@code 2024-03-21 19:26:06[.123|,123][ +0200]}</li>
 *   <li>RFC 3339 syslog: {@code 2024-12-31T06:56:17.784598+01:00}</li>
 *   <li>classic syslog: {@code Mar 31 11:29:35}, {@code Mar  3 ...}, {@code Mar 03 ...}, {@code Aug 3 ...}</li>
 *   <li>TAI64N (multilog): {@code @400000004c91b044077a9e94}</li>
 * </ul>
 * A line with none at its start may carry one after a journal-style {@code host prog[pid]: } header
 * ({@code mail.example.com exim[3751842]: 2021-07-17 23:20:49 ...}); {@link #find} looks there too.
 * CSF's state files are not logs but carry a time per line, which {@link #find} also reads:
 * <ul>
 *   <li>csf.tempban / csf.tempallow: a leading epoch, {@code 1364743775|ip|port|dir|ttl|comment}</li>
 *   <li>csf.tempip: an epoch in the third field, {@code ip|0|1364743775|message}</li>
 *   <li>csf.deny / csf.allow: a trailing ctime after {@code " - "} on a {@code "ip # comment"} line,
 *       {@code ... - Thu Oct 30 06:27:30 2025} (Perl's {@code scalar localtime}: host zone, day
 *       space-padded)</li>
 * </ul>
 * A stamp that is not at the start of the line has {@link Stamp#end()} 0: the whole line is the message.
 */
public final class StampParser {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /**
     * Returns the stamp at the start of the line, or after a journal header, or null.
     */
    public Stamp find(String line) {
        Stamp s = at(line, 0);
        if (s != null) {
            return s;
        }
        s = leadingEpoch(line);
        if (s != null) {
            return s;
        }
        // journal form: "host ident[pid]: <stamp> ..." - look once after the first ": "
        int colon = line.indexOf(": ");
        if (colon > 0 && colon < 128) {
            s = at(line, colon + 2);
            if (s != null) {
                return s;
            }
        }
        s = tempIpEpoch(line);
        if (s != null) {
            return s;
        }
        return trailingCtime(line);
    }

    /**
     * Returns the time of a line of CSF's state files (csf.tempban's leading epoch, csf.tempip's third
     * field, csf.deny's trailing ctime), or null.
     */
    public Stamp csf(String line) {
        Stamp s = leadingEpoch(line);
        if (s != null) {
            return s;
        }
        s = tempIpEpoch(line);
        return s != null ? s : trailingCtime(line);
    }

    /** csf.tempban: {@code <10-digit epoch>|...}; the message starts after the bar. */
    private static Stamp leadingEpoch(String s) {
        if (s.length() < 12 || s.charAt(10) != '|') {
            return null;
        }
        long epoch = digits(s, 0, 10);
        return epoch < 0 ? null : new Stamp(null, true, ZoneOffset.UTC, Instant.ofEpochSecond(epoch), 11);
    }

    /** csf.tempip: {@code <ip or cidr>|<0 or 1>|<10-digit epoch>|message}; the whole line is the message. */
    private static Stamp tempIpEpoch(String s) {
        int bar = s.indexOf('|');
        if (bar < 2 || bar > 49 || s.length() < bar + 15) {
            return null;
        }
        for (int i = 0; i < bar; i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '/')) {
                return null;
            }
        }
        char perm = s.charAt(bar + 1);
        if ((perm != '0' && perm != '1') || s.charAt(bar + 2) != '|' || s.charAt(bar + 13) != '|') {
            return null;
        }
        long epoch = digits(s, bar + 3, 10);
        return epoch < 0 ? null : new Stamp(null, true, ZoneOffset.UTC, Instant.ofEpochSecond(epoch), 0);
    }

    /**
     * csf.deny / csf.allow: {@code <ip> # <comment> - Thu Oct 30 06:27:30 2025} (Perl's ctime, host
     * zone); the whole line is the message.
     */
    private static Stamp trailingCtime(String s) {
        int n = s.length();
        int i = n - 24; // "Thu Oct 30 06:27:30 2025"
        if (i < 3 || !s.startsWith(" - ", i - 3) || s.indexOf(" # ") < 0) {
            return null;
        }
        if (!isWeekday(s, i) || s.charAt(i + 3) != ' ' || s.charAt(i + 19) != ' ') {
            return null;
        }
        Stamp t = syslog(s.substring(i + 4, i + 19), 0); // "Oct 30 06:27:30"
        int year = num(s, i + 20, 4);
        if (t == null || t.end() != 15 || year < 1970) {
            return null;
        }
        if (t.local().getMonthValue() == 2 && t.local().getDayOfMonth() == 29 && !java.time.Year.isLeap(year)) {
            return null; // withYear would quietly move it to Feb 28
        }
        return new Stamp(t.local().withYear(year), true, null, null, 0);
    }

    private static boolean isWeekday(String s, int i) {
        String d = s.substring(i, i + 3);
        return "SunMonTueWedThuFriSat".contains(d) && "SunMonTueWedThuFriSat".indexOf(d) % 3 == 0;
    }

    private static long digits(String s, int i, int len) {
        long v = 0;
        for (int k = i; k < i + len; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Returns the stamp starting exactly at {@code i}, or null. */
    public Stamp at(String s, int i) {
        int n = s.length();
        if (i >= n) {
            return null;
        }
        char c = s.charAt(i);
        if (c == '@') {
            return tai64n(s, i);
        }
        if (isDigit(c)) {
            return iso(s, i);
        }
        if (c >= 'A' && c <= 'S') {
            return syslog(s, i);
        }
        return null;
    }

    private static Stamp iso(String s, int i) {
        int n = s.length();
        if (i + 19 > n || s.charAt(i + 4) != '-' || s.charAt(i + 7) != '-') {
            return null;
        }
        char sep = s.charAt(i + 10);
        if (sep != ' ' && sep != 'T') {
            return null;
        }
        if (s.charAt(i + 13) != ':' || s.charAt(i + 16) != ':') {
            return null;
        }
        int year = num(s, i, 4);
        int month = num(s, i + 5, 2);
        int day = num(s, i + 8, 2);
        int hour = num(s, i + 11, 2);
        int min = num(s, i + 14, 2);
        int sec = num(s, i + 17, 2);
        if ((year | month | day | hour | min | sec) < 0) {
            return null;
        }
        int p = i + 19;
        int nanos = 0;
        if (p < n && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
            int q = p + 1;
            int digits = 0;
            while (q < n && isDigit(s.charAt(q)) && digits < 9) {
                nanos = nanos * 10 + (s.charAt(q) - '0');
                q++;
                digits++;
            }
            while (q < n && isDigit(s.charAt(q))) {
                q++;
            }
            if (digits == 0) {
                return null;
            }
            for (int k = digits; k < 9; k++) {
                nanos *= 10;
            }
            p = q;
        }
        ZoneOffset offset = null;
        if (p < n && (s.charAt(p) == 'Z' || s.charAt(p) == 'z') && sep == 'T') {
            offset = ZoneOffset.UTC;
            p++;
        } else if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-') && sep == 'T') {
            int[] o = offset(s, p);
            if (o == null) {
                return null;
            }
            offset = ofSeconds(o[0]);
            p = o[1];
        } else if (sep == ' ' && p + 5 < n && s.charAt(p) == ' ' && (s.charAt(p + 1) == '+' || s.charAt(p + 1) == '-')) {
            // Exim with log_timezone: "2024-03-21 19:26:06 -0400"
            int[] o = offset(s, p + 1);
            if (o != null) {
                offset = ofSeconds(o[0]);
                p = o[1];
            }
        }
        // "2016-10-05T03:36:01.784373" without an offset (some syslog templates) is local time, like Exim's
        if (p < n && s.charAt(p) != ' ') {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.of(year, month, day, hour, min, sec, nanos);
        } catch (DateTimeException e) {
            return null;
        }
        return new Stamp(local, true, offset, null, Math.min(n, p + 1));
    }

    private static ZoneOffset ofSeconds(int secs) {
        try {
            return ZoneOffset.ofTotalSeconds(secs);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Parses "+HH:MM", "+HHMM" or "+HH" at p; returns {seconds, end} or null. */
    private static int[] offset(String s, int p) {
        int n = s.length();
        int sign = s.charAt(p) == '-' ? -1 : 1;
        int q = p + 1;
        if (q + 2 > n) {
            return null;
        }
        int h = num(s, q, 2);
        if (h < 0) {
            return null;
        }
        q += 2;
        int m = 0;
        if (q < n && s.charAt(q) == ':') {
            q++;
        }
        if (q + 2 <= n && num(s, q, 2) >= 0) {
            m = num(s, q, 2);
            q += 2;
        }
        if (h > 18 || m > 59) {
            return null;
        }
        return new int[] {sign * (h * 3600 + m * 60), q};
    }

    private static Stamp syslog(String s, int i) {
        int n = s.length();
        if (i + 14 > n) {
            return null;
        }
        int month = month(s, i);
        if (month < 0 || s.charAt(i + 3) != ' ') {
            return null;
        }
        int p = i + 4;
        if (s.charAt(p) == ' ') {
            p++;
        }
        int day;
        if (isDigit(s.charAt(p)) && p + 1 < n && isDigit(s.charAt(p + 1))) {
            day = num(s, p, 2);
            p += 2;
        } else if (isDigit(s.charAt(p))) {
            day = s.charAt(p) - '0';
            p += 1;
        } else {
            return null;
        }
        if (p + 9 > n || s.charAt(p) != ' ') {
            return null;
        }
        p++;
        if (s.charAt(p + 2) != ':' || s.charAt(p + 5) != ':') {
            return null;
        }
        int hour = num(s, p, 2);
        int min = num(s, p + 3, 2);
        int sec = num(s, p + 6, 2);
        if ((hour | min | sec) < 0 || day < 1 || day > 31) {
            return null;
        }
        p += 8;
        int nanos = 0;
        if (p < n && s.charAt(p) == '.') {
            int q = p + 1;
            int digits = 0;
            while (q < n && isDigit(s.charAt(q)) && digits < 9) {
                nanos = nanos * 10 + (s.charAt(q) - '0');
                q++;
                digits++;
            }
            for (int k = digits; k < 9; k++) {
                nanos *= 10;
            }
            p = q;
        }
        if (p < n && s.charAt(p) != ' ') {
            return null;
        }
        LocalDateTime local;
        try {
            // 2000 is a leap year, so "Feb 29" survives until the resolver picks the real year
            local = LocalDateTime.of(2000, month, day, hour, min, sec, nanos);
        } catch (DateTimeException e) {
            return null;
        }
        return new Stamp(local, false, null, null, Math.min(n, p + 1));
    }

    private static Stamp tai64n(String s, int i) {
        int n = s.length();
        if (i + 25 > n || s.charAt(i + 1) != '4') {
            return null;
        }
        long secs = 0;
        for (int k = i + 1; k < i + 17; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return null;
            }
            secs = (secs << 4) | d;
        }
        long nanos = 0;
        for (int k = i + 17; k < i + 25; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return null;
            }
            nanos = (nanos << 4) | d;
        }
        if (i + 25 < n && s.charAt(i + 25) != ' ') {
            return null;
        }
        // TAI64 label: 2^62 + seconds. Like daemontools' readers in practice, take it as POSIX seconds.
        long epoch = secs - 0x4000000000000000L;
        if (nanos > 999_999_999L) {
            return null;
        }
        return new Stamp(null, true, ZoneOffset.UTC, Instant.ofEpochSecond(epoch, nanos), Math.min(n, i + 26));
    }

    private static int month(String s, int i) {
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        char c = s.charAt(i + 2);
        for (int m = 0; m < 12; m++) {
            if (MONTHS.charAt(m * 3) == a && MONTHS.charAt(m * 3 + 1) == b && MONTHS.charAt(m * 3 + 2) == c) {
                return m + 1;
            }
        }
        return -1;
    }

    /** Reads a short (at most 9 digit) field; -1 when a character is not a digit. */
    private static int num(String s, int i, int len) {
        return (int) digits(s, i, len);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
