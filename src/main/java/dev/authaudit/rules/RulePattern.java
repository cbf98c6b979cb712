package dev.authaudit.rules;

import com.google.re2j.PatternSyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A rule's pattern, defined in RE2 syntax and guaranteed linear in the line's length, but matched
 * with {@code java.util.regex} whenever that is safe, because RE2/J's NFA costs 10 to 20 times more
 * per line. Each backtracking match runs under a step budget proportional to the line's length; a
 * line that exhausts it (a crafted line that would backtrack) is matched again with RE2/J. So the
 * common case is fast and the worst case stays linear.
 */
public final class RulePattern {
    private static final int BUDGET_PER_CHAR = 64;
    private static final int BUDGET_BASE = 20_000;

    private final String source;
    private final com.google.re2j.Pattern re2;
    private final java.util.regex.Pattern fast;
    private final Map<String, String> javaName;
    /** True when the pattern must match at the start of the text (or region) it is given. */
    private final boolean anchored;
    /**
     * One backtracking matcher per thread, reset for each line: a line's groups are read before the
     * same thread matches the next line with this pattern.
     */
    private final ThreadLocal<java.util.regex.Matcher> perThread;

    private RulePattern(String source, com.google.re2j.Pattern re2, java.util.regex.Pattern fast,
                        Map<String, String> javaName, boolean anchored) {
        this.source = source;
        this.re2 = re2;
        this.fast = fast;
        this.javaName = javaName;
        this.anchored = anchored;
        this.perThread = fast == null ? null : ThreadLocal.withInitial(() -> fast.matcher(""));
    }

    /**
     * Compiles an RE2 pattern that must match at the start of the message it is given (the first
     * character after a line's program tag): a rule never searches the rest of a line for its shape,
     * where a client's text could hold it.
     *
     * @throws PatternSyntaxException if it is not valid RE2
     */
    public static RulePattern compileAnchored(String regex) {
        RulePattern p = compile(regex);
        return new RulePattern(p.source, p.re2, p.fast, p.javaName, true);
    }

    /** Returns true when the pattern matches only at the start of the message. */
    public boolean anchored() {
        return anchored;
    }

    /**
     * Compiles an RE2 pattern.
     *
     * @throws PatternSyntaxException if it is not valid RE2
     */
    public static RulePattern compile(String regex) {
        com.google.re2j.Pattern re2 = com.google.re2j.Pattern.compile(regex);
        Map<String, String> names = new HashMap<>();
        String translated = regex.replace("(?P<", "(?<");
        for (String g : re2.namedGroups().keySet()) {
            String jn = g.replace("_", "") + "X" + names.size();
            names.put(g, jn);
            translated = translated.replace("(?<" + g + ">", "(?<" + jn + ">");
        }
        java.util.regex.Pattern fast;
        if (regex.contains("[:") || regex.matches("(?s).*\\(\\?[a-zA-Z]*U.*")) {
            // POSIX classes and RE2's ungreedy flag mean something else to java.util.regex
            return new RulePattern(regex, re2, null, Map.copyOf(names), false);
        }
        try {
            fast = java.util.regex.Pattern.compile(translated);
            if (fast.matcher("").groupCount() != re2.groupCount() || !sameGroupNumbers(translated, names, re2)) {
                fast = null;
            }
        } catch (java.util.regex.PatternSyntaxException e) {
            fast = null; // RE2-only syntax: always use RE2/J for this rule
        }
        return new RulePattern(regex, re2, fast, Map.copyOf(names), false);
    }

    /**
     * Returns true when every named group has the same number in the translated pattern as in RE2, so
     * that {@link Match#group(int)} means the same group whichever engine matched. Counted by reading
     * the pattern (escapes, character classes, non-capturing and look-around groups); a construct the
     * count cannot follow ({@code \Q...\E}) answers false, and the rule then runs on RE2/J alone.
     */
    static boolean sameGroupNumbers(String translated, Map<String, String> javaNames, com.google.re2j.Pattern re2) {
        Map<String, Integer> numbers = new HashMap<>();
        int n = 0;
        boolean inClass = false;
        int len = translated.length();
        for (int i = 0; i < len; i++) {
            char c = translated.charAt(i);
            if (c == '\\') {
                if (i + 1 < len && translated.charAt(i + 1) == 'Q') {
                    return false;
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == '[') {
                    return false; // a nested class means something else to each engine
                }
                inClass = c != ']';
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (i + 1 < len && translated.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < len && translated.charAt(i + 1) == ']') {
                    i++; // a ']' first in a class is a literal
                }
                continue;
            }
            if (c != '(') {
                continue;
            }
            if (i + 1 < len && translated.charAt(i + 1) == '?') {
                if (translated.startsWith("(?<", i) && i + 3 < len && translated.charAt(i + 3) != '='
                        && translated.charAt(i + 3) != '!') {
                    int end = translated.indexOf('>', i);
                    numbers.put(translated.substring(i + 3, end), ++n);
                }
                continue;
            }
            n++;
        }
        for (Map.Entry<String, String> e : javaNames.entrySet()) {
            Integer java = numbers.get(e.getValue());
            if (java == null || !java.equals(re2.namedGroups().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Returns the pattern as written in the rule file. */
    public String source() {
        return source;
    }

    /** Returns the named groups. */
    public Set<String> groups() {
        return re2.namedGroups().keySet();
    }

    /**
     * Returns the number of a named group (the same in both engines: the translation keeps every
     * capturing group in place), or -1 when the pattern has no such group.
     */
    public int groupIndex(String name) {
        Integer i = re2.namedGroups().get(name);
        return i == null ? -1 : i;
    }

    /** Returns true when lines are matched by the backtracking engine first. */
    public boolean accelerated() {
        return fast != null;
    }

    /** Returns a matcher for one line. */
    public Match matcher(String text) {
        return new Match(text, 0);
    }

    /** Returns a matcher for the part of a line from {@code from} on (the message), without copying it. */
    public Match matcher(String text, int from) {
        return new Match(text, from);
    }

    /**
     * The result of matching one line: call {@link #find()} then {@link #group(String)}, before this
     * thread matches another line with the same pattern (the backtracking matcher is the thread's).
     */
    public final class Match {
        private final String text;
        private final int from;
        private java.util.regex.Matcher jm;
        private com.google.re2j.Matcher rm;

        private Match(String text, int from) {
            this.text = text;
            this.from = from;
        }

        /** Returns true when the pattern occurs in the line (leftmost match). */
        public boolean find() {
            if (fast != null) {
                Budgeted b = new Budgeted(text, BUDGET_BASE + BUDGET_PER_CHAR * (text.length() - from));
                java.util.regex.Matcher m = perThread.get().reset(b);
                if (from > 0) {
                    m.region(from, text.length());
                }
                try {
                    if (anchored ? m.lookingAt() : m.find()) {
                        jm = m;
                        return true;
                    }
                    return false;
                } catch (Budgeted.Exhausted | StackOverflowError e) {
                    // a line built to backtrack (or to recurse): fall through to the linear engine
                }
            }
            rm = re2.matcher(from == 0 ? text : text.substring(from));
            return anchored ? rm.lookingAt() : rm.find();
        }

        /** Returns the text of a group (by {@link #groupIndex}) of the last successful find, or null. */
        public String group(int index) {
            if (jm != null) {
                return jm.group(index);
            }
            return rm == null ? null : rm.group(index);
        }

        /** Returns the text of a named group of the last successful find, or null. */
        public String group(String name) {
            if (jm != null) {
                String v = jm.group(javaName.get(name));
                return v;
            }
            return rm == null ? null : rm.group(name);
        }
    }

    /**
     * Returns a description of how the two engines disagree on a line (which one matched, or which
     * group differs), or null when they agree. The rule examples are checked with it, so a pattern
     * whose meaning differs between RE2 and java.util.regex is caught before it reads a log.
     */
    public String disagreement(String text) {
        if (fast == null) {
            return null;
        }
        java.util.regex.Matcher j = fast.matcher(text);
        com.google.re2j.Matcher r = re2.matcher(text);
        boolean jf = anchored ? j.lookingAt() : j.find();
        boolean rf = anchored ? r.lookingAt() : r.find();
        if (jf != rf) {
            return "RE2 " + (rf ? "matches" : "does not match") + " but java.util.regex "
                    + (jf ? "does" : "does not");
        }
        if (!jf) {
            return null;
        }
        for (Map.Entry<String, String> e : javaName.entrySet()) {
            String a = r.group(e.getKey());
            String b = j.group(e.getValue());
            if (a == null ? b != null : !a.equals(b)) {
                return "group " + e.getKey() + " is '" + a + "' in RE2 but '" + b + "' in java.util.regex";
            }
        }
        return null;
    }

    /** A line that counts the characters the backtracking engine reads and stops it past a budget. */
    private static final class Budgeted implements CharSequence {
        private final String s;
        private int budget;

        Budgeted(String s, int budget) {
            this.s = s;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw Exhausted.INSTANCE;
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.substring(start, end);
        }

        @Override
        public String toString() {
            return s;
        }

        /** Thrown when the budget is spent; preallocated and stackless, since it is control flow. */
        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;
            static final Exhausted INSTANCE = new Exhausted();

            private Exhausted() {
                super("regex step budget exhausted", null, false, false);
            }
        }
    }
}
