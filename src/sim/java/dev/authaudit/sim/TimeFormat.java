package dev.authaudit.sim;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Formats simulation seconds as the stamps real logs carry, in the host's zone. Caches the text of the
 * current minute, because lines come in bursts of the same minute and this runs for every line.
 * Not thread-safe; each simulation owns one.
 */
final class TimeFormat {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    private static final java.time.format.DateTimeFormatter ISO_OFFSET =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final ZoneRules rules;
    private long syslogMinute = Long.MIN_VALUE;
    private String syslogPrefix;
    private long isoMinute = Long.MIN_VALUE;
    private String isoPrefix;

    TimeFormat(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** Returns the local date-time of an epoch second. */
    LocalDateTime local(long epochSecond) {
        ZoneOffset off = rules.getOffset(Instant.ofEpochSecond(epochSecond));
        return LocalDateTime.ofEpochSecond(epochSecond, 0, off);
    }

    /** Returns the zone offset in force at an epoch second. */
    ZoneOffset offset(long epochSecond) {
        return rules.getOffset(Instant.ofEpochSecond(epochSecond));
    }

    /** Appends {@code Mar  3 11:28:22} (syslog, day space-padded, no year). */
    void syslog(StringBuilder b, long t) {
        long minute = Math.floorDiv(t, 60);
        if (minute != syslogMinute) {
            LocalDateTime l = local(minute * 60);
            StringBuilder p = new StringBuilder(16);
            p.append(MONTHS[l.getMonthValue() - 1]).append(' ');
            if (l.getDayOfMonth() < 10) {
                p.append(' ');
            }
            p.append(l.getDayOfMonth()).append(' ');
            two(p, l.getHour());
            p.append(':');
            two(p, l.getMinute());
            p.append(':');
            syslogPrefix = p.toString();
            syslogMinute = minute;
        }
        b.append(syslogPrefix);
        two(b, (int) Math.floorMod(t, 60));
    }

    /** Appends {@code 2025-03-10 11:28:22} (Exim), with {@code .mmm} when {@code millis >= 0}. */
    void iso(StringBuilder b, long t, int millis) {
        long minute = Math.floorDiv(t, 60);
        if (minute != isoMinute) {
            LocalDateTime l = local(minute * 60);
            StringBuilder p = new StringBuilder(20);
            p.append(l.getYear()).append('-');
            two(p, l.getMonthValue());
            p.append('-');
            two(p, l.getDayOfMonth());
            p.append(' ');
            two(p, l.getHour());
            p.append(':');
            two(p, l.getMinute());
            p.append(':');
            isoPrefix = p.toString();
            isoMinute = minute;
        }
        b.append(isoPrefix);
        two(b, (int) Math.floorMod(t, 60));
        if (millis >= 0) {
            b.append('.');
            if (millis < 100) {
                b.append('0');
            }
            if (millis < 10) {
                b.append('0');
            }
            b.append(millis);
        }
    }

    /** Appends a ctime stamp, {@code Thu Oct 30 06:27:30 2025}, as csf.deny comments use. */
    String ctime(long t) {
        LocalDateTime l = local(t);
        String dow = l.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        StringBuilder b = new StringBuilder(24);
        b.append(dow).append(' ').append(MONTHS[l.getMonthValue() - 1]).append(' ');
        if (l.getDayOfMonth() < 10) {
            b.append(' ');
        }
        b.append(l.getDayOfMonth()).append(' ');
        two(b, l.getHour());
        b.append(':');
        two(b, l.getMinute());
        b.append(':');
        two(b, l.getSecond());
        b.append(' ').append(l.getYear());
        return b.toString();
    }

    /** Returns an ISO-8601 time with offset, as truth.json uses. */
    String isoOffset(long t) {
        return ISO_OFFSET.format(local(t).atOffset(offset(t)));
    }

    private static void two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }
}
