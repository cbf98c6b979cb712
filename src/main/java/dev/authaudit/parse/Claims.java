package dev.authaudit.parse;

import dev.authaudit.rules.RuleFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sources read the lines of which program, as the rule files declare it ({@code programs},
 * {@code processes}, {@code containers}): one bit per source, in the order of the rule set. The tables
 * are immutable and the memo of names seen is concurrent, so one instance serves every thread.
 */
final class Claims {
    private final Map<String, Long> programs = new HashMap<>();
    private final List<String> programGlobs = new ArrayList<>();
    private final List<Long> programGlobBits = new ArrayList<>();
    private final Map<String, Long> processes = new HashMap<>();
    private final List<String> processGlobs = new ArrayList<>();
    private final List<Long> processGlobBits = new ArrayList<>();
    private long exim;
    private long csf;
    /** Masks of the program names seen so far (a log has a handful), so a glob runs once per name. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> seenPrograms = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Long> seenProcesses = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_SEEN = 4096;

    Claims(RuleFile[] files) {
        for (int i = 0; i < files.length; i++) {
            long bit = 1L << i;
            for (String p : files[i].programs()) {
                add(p, bit, programs, programGlobs, programGlobBits);
            }
            for (String p : files[i].processes()) {
                add(p, bit, processes, processGlobs, processGlobBits);
            }
            if (files[i].containers().contains("exim-mainlog")) {
                exim |= bit;
            }
            if (files[i].containers().contains("csf-state")) {
                csf |= bit;
            }
        }
    }

    private static void add(String name, long bit, Map<String, Long> exact, List<String> globs, List<Long> globBits) {
        if (name.indexOf('*') < 0) {
            exact.merge(name, bit, (a, b) -> a | b);
            return;
        }
        int at = globs.indexOf(name);
        if (at >= 0) {
            globBits.set(at, globBits.get(at) | bit);
        } else {
            globs.add(name);
            globBits.add(bit);
        }
    }

    /** Returns the sources that read this line, by its container and program; 0 for none. */
    long of(Envelope e) {
        switch (e.container()) {
            case EXIM_MAINLOG:
                return exim;
            case CSF_STATE:
                return csf;
            case SYSLOG:
                return cached(e.program(), seenPrograms, programs, programGlobs, programGlobBits);
            case OWN_LOG:
                return cached(e.program(), seenProcesses, processes, processGlobs, processGlobBits);
            default:
                return 0;
        }
    }

    /** Returns true when some source names this as a process of its own log format. */
    boolean isProcess(String s, int from, int to) {
        return cached(s.substring(from, to), seenProcesses, processes, processGlobs, processGlobBits) != 0;
    }

    private static long cached(String name, java.util.concurrent.ConcurrentHashMap<String, Long> seen,
                               Map<String, Long> exact, List<String> globs, List<Long> bits) {
        if (name == null) {
            return 0;
        }
        Long m = seen.get(name);
        if (m != null) {
            return m;
        }
        long v = lookup(name, exact, globs, bits);
        if (seen.size() < MAX_SEEN) {
            seen.put(name, v);
        }
        return v;
    }

    private static long lookup(String name, Map<String, Long> exact, List<String> globs, List<Long> bits) {
        if (name == null) {
            return 0;
        }
        Long b = exact.get(name);
        long out = b == null ? 0 : b;
        for (int i = 0, n = globs.size(); i < n; i++) {
            if (glob(globs.get(i), name)) {
                out |= bits.get(i);
            }
        }
        return out;
    }

    /** Matches a name against a pattern where {@code *} stands for any run of characters. */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
