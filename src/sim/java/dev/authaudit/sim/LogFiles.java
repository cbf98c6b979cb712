package dev.authaudit.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set of log files one simulated host writes, routed by {@link LogKind} through its
 * {@link LogLayout}. Kinds that share a file (cPanel's kernel and system lines in {@code messages},
 * Exim logging to syslog) share one {@link LogSink}.
 */
final class LogFiles {
    private final Map<String, LogSink> byName = new LinkedHashMap<>();
    private final Map<LogKind, LogSink> byKind = new EnumMap<>(LogKind.class);

    LogFiles(Path dir, LogLayout layout, boolean eximToSyslog, RotationPlan rotation, long start) {
        for (LogKind k : LogKind.values()) {
            LogKind routed = k == LogKind.EXIM && eximToSyslog ? LogKind.MAIL : k;
            String name = layout.file(routed);
            if (name == null) {
                continue;
            }
            LogSink sink = byName.computeIfAbsent(name, n -> new LogSink(dir, n, rotation, start));
            byKind.put(k, sink);
        }
    }

    /** Returns true when the layout has a file for this kind. */
    boolean has(LogKind kind) {
        return byKind.containsKey(kind);
    }

    /** Queues a line; silently drops it when the layout has no file for the kind. */
    void add(LogKind kind, long time, String text) {
        LogSink s = byKind.get(kind);
        if (s != null) {
            s.add(time, text);
        }
    }

    /** Writes all queued lines older than {@code now}. */
    void flushBefore(long now) {
        for (LogSink s : byName.values()) {
            s.flushBefore(now);
        }
    }

    /** Returns the total number of lines handed in so far. */
    long lines() {
        long n = 0;
        for (LogSink s : byName.values()) {
            n += s.lines();
        }
        return n;
    }

    /** Returns lines per file name (live name). */
    Map<String, Long> linesPerFile() {
        Map<String, Long> m = new LinkedHashMap<>();
        byName.forEach((n, s) -> m.put(n, s.lines()));
        return m;
    }

    /** Finishes every file and returns all files written, relative to the output directory. */
    List<String> close() {
        List<String> all = new ArrayList<>();
        for (LogSink s : byName.values()) {
            all.addAll(s.close());
        }
        return all;
    }
}
