package dev.authaudit.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lfd as far as LF_SMTPAUTH goes (field notes section 2): every Exim {@code authenticator failed} line
 * is a hit for its address, stamped with lfd's clock when read; hits count in a sliding window of
 * LF_INTERVAL; when an address reaches the threshold it is blocked for a while, its counter resets, a
 * real lfd.log block line is written and the BLOCK_REPORT hook is called with lfd's eight arguments.
 * Hits from a blocked address are not counted, and {@link #blocked} tells the lab's server to refuse it.
 */
public final class LfdSimulator {
    private static final Pattern FAILED = Pattern.compile("authenticator failed for .*?\\[([0-9A-Fa-f:.]{2,45})\\]"
            + "(?::\\d+)?(?: I=\\[[^\\]]*\\]:\\d+)?: 535 Incorrect authentication data");
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    /**
     * lfd's settings for this trigger.
     *
     * @param threshold LF_SMTPAUTH: failures that block
     * @param interval LF_INTERVAL: the sliding window
     * @param blockFor LF_SMTPAUTH_PERM above 1: how long a temporary block lasts
     * @param host the short host name in lfd.log lines
     */
    public record Settings(int threshold, Duration interval, Duration blockFor, String host) {
        /** Returns csf's defaults: 5 failures in 3600 s, a one-hour block. */
        public static Settings defaults() {
            return new Settings(5, Duration.ofHours(1), Duration.ofHours(1), "lab");
        }
    }

    private record Hit(Instant at, String line) {
    }

    private final LabLog lfdLog;
    private final Clock clock;
    private final Settings settings;
    private final Consumer<List<String>> blockReport;
    private final Map<String, Deque<Hit>> hits = new HashMap<>();
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
    private int pid = 4242;

    /**
     * @param blockReport BLOCK_REPORT: receives lfd's eight arguments; runs on the reading thread, so
     *     it should hand work off as lfd forks its hook
     */
    public LfdSimulator(LabLog lfdLog, Clock clock, Settings settings, Consumer<List<String>> blockReport) {
        this.lfdLog = lfdLog;
        this.clock = clock;
        this.settings = settings;
        this.blockReport = blockReport;
    }

    /** Reads one mainlog line, as lfd's tail of SMTPAUTH_LOG does. */
    public synchronized void read(String line) {
        Matcher m = FAILED.matcher(line);
        if (!m.find()) {
            return;
        }
        String ip = m.group(1);
        Instant now = clock.instant();
        if (blocked(ip)) {
            return;
        }
        Deque<Hit> q = hits.computeIfAbsent(ip, k -> new ArrayDeque<>());
        q.addLast(new Hit(now, line));
        while (!q.isEmpty() && q.peekFirst().at().isBefore(now.minus(settings.interval()))) {
            q.removeFirst();
        }
        if (q.size() >= settings.threshold()) {
            block(ip, q, now);
        }
    }

    /** Returns true while {@code ip} is blocked. */
    public boolean blocked(String ip) {
        Instant until = blockedUntil.get(ip);
        return until != null && clock.instant().isBefore(until);
    }

    private void block(String ip, Deque<Hit> q, Instant now) {
        long secs = settings.blockFor().toSeconds();
        long interval = settings.interval().toSeconds();
        String message = "(smtpauth) Failed SMTP AUTH login from " + ip + " (-): " + q.size() + " in the last "
                + interval + " secs";
        List<String> logs = new ArrayList<>();
        q.forEach(h -> logs.add(h.line()));
        hits.remove(ip); // lfd resets the counter after a block
        blockedUntil.put(ip, now.plus(settings.blockFor()));
        lfdLog.write(SYSLOG.format(now.atZone(clock.getZone())) + " " + settings.host() + " lfd[" + pid++ + "]: "
                + message + " - *Blocked in csf* for " + secs + " secs [LF_SMTPAUTH]");
        blockReport.accept(List.of(ip, "*", "0", "inout", Long.toString(secs), message, String.join("\n", logs),
                "LF_SMTPAUTH"));
    }
}
