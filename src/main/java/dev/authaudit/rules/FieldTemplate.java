package dev.authaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule's shape as literal anchors and named fields, in the spirit of Elasticsearch's and Logstash's
 * {@code dissect}: {@code imap-login: Login: user=<%{account:last}>, method=%{mech}, rip=%{ip}, ...}.
 * It compiles to literal searches, no regex:
 * <ul>
 *   <li>a literal must stand exactly where the text so far ends (the first literal at the start of the
 *       message: templates are anchored after the program tag);</li>
 *   <li>{@code %{name}} takes the text up to the FIRST occurrence of the literal after it;</li>
 *   <li>{@code %{name:last}} takes the text up to the LAST occurrence of the literal after it: the
 *       declared answer to "which occurrence wins" for a field a client controls and that may contain
 *       the next anchor (Dovecot's {@code user=<...>}: the server's own {@code >, method=} is the last);</li>
 *   <li>{@code %{}} skips text the same way; a field at the end takes the rest of the message, and a
 *       template that ends with a literal must end where the message ends.</li>
 * </ul>
 * Each captured value must also fit its field's characters (an address is hex digits, dots and colons,
 * a port digits, a session id base64, a service one of Dovecot's login services), or the template does
 * not match and the rule's regex decides.
 * The regex stays the rule's definition: {@code rules test} checks that both read every example and
 * counter example alike.
 */
public final class FieldTemplate {
    /** The characters a field's value may hold (fields not listed may hold anything). */
    private static final Map<String, String> CHARS = Map.of(
            "ip", "0123456789abcdefABCDEF:.",
            "local_ip", "0123456789abcdefABCDEF:.",
            "port", "0123456789",
            "src_port", "0123456789",
            "attempts", "0123456789",
            "hits", "0123456789");
    private static final Map<String, Integer> MAX = Map.of("ip", 45, "local_ip", 45, "port", 5, "src_port", 5,
            "attempts", 6, "hits", 9, "mech", 64, "session", 64, "service", 32, "helo", 255);
    /** Fields shorter than this never match (the patterns read an address as two to 45 characters). */
    private static final Map<String, Integer> MIN = Map.of("ip", 2, "local_ip", 2);

    private final String source;
    /** Literals, and fields (null literal) with their name (null = skip) and whether the last occurrence wins. */
    private final String[] literal;
    private final String[] field;
    private final boolean[] last;

    /**
     * Per part, looked up once here rather than per line: the allowed words, length bound and characters (of a
     * field of {@link #CHARS}, or of a kind other than 0; null: any).
     */
    private final String[][] words;
    private final int[] max;
    private final int[] min;
    private final boolean[][] chars;
    /**
     * 0 any text, 1 a mechanism, 2 a session id, 3 a service, 4 a HELO name (no white space or
     * parenthesis: the patterns' {@code [^\s()]}), 5 a login (no line feed: the patterns' {@code [^\n]})
     * (see {@link #fits}).
     */
    private final int[] kind;
    /**
     * Per part with a table in {@link #chars}: whether characters beyond ASCII fit (all alike for every kind, see
     * {@link #fitsKind}; none for a field of {@link #CHARS}).
     */
    private final boolean[] beyondAscii;

    private FieldTemplate(String source, String[] literal, String[] field, boolean[] last) {
        this.source = source;
        this.literal = literal;
        this.field = field;
        this.last = last;
        int n = field.length;
        this.words = new String[n][];
        this.max = new int[n];
        this.min = new int[n];
        this.chars = new boolean[n][];
        this.kind = new int[n];
        this.beyondAscii = new boolean[n];
        for (int k = 0; k < n; k++) {
            String name = field[k];
            if (name == null) {
                continue;
            }
            java.util.Set<String> oneOf = WORDS.get(name);
            words[k] = oneOf == null ? null : oneOf.toArray(new String[0]);
            Integer m = MAX.get(name);
            max[k] = m == null ? -1 : m;
            min[k] = MIN.getOrDefault(name, 1);
            String allowed = CHARS.get(name);
            if (allowed != null) {
                chars[k] = new boolean[128];
                for (int c = 0; c < allowed.length(); c++) {
                    chars[k][allowed.charAt(c)] = true;
                }
            }
            kind[k] = switch (name) {
                case "mech" -> 1;
                case "session" -> 2;
                case "service" -> 3;
                case "helo" -> 4;
                case "account" -> 5;
                default -> 0;
            };
            if (chars[k] == null && kind[k] != 0) {
                // the kind's characters as a table (one look-up per character instead of a test per kind)
                chars[k] = new boolean[128];
                for (char c = 0; c < 128; c++) {
                    chars[k][c] = fitsKind(kind[k], c);
                }
                beyondAscii[k] = fitsKind(kind[k], (char) 128);
            }
        }
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException with a message for the rule file's author
     */
    public static FieldTemplate compile(String template) {
        List<String> lits = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<Boolean> lasts = new ArrayList<>();
        int i = 0;
        int n = template.length();
        StringBuilder lit = new StringBuilder();
        boolean prevField = false;
        while (i < n) {
            if (template.startsWith("%{", i)) {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("'%{' at " + i + " has no closing '}'");
                }
                if (lit.length() > 0) {
                    lits.add(lit.toString());
                    fields.add(null);
                    lasts.add(false);
                    lit.setLength(0);
                    prevField = false;
                }
                if (prevField) {
                    throw new IllegalArgumentException("two fields in a row at " + i
                            + " (there must be a literal anchor between fields)");
                }
                String spec = template.substring(i + 2, end);
                boolean isLast = spec.endsWith(":last");
                String name = isLast ? spec.substring(0, spec.length() - 5) : spec;
                if (!name.isEmpty() && !Fields.KNOWN.containsKey(name)) {
                    throw new IllegalArgumentException("'%{" + spec + "}' names an unknown field '" + name + "'");
                }
                if (name.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("'%{" + spec + "}': the only modifier is ':last'");
                }
                lits.add(null);
                fields.add(name.isEmpty() ? null : name);
                lasts.add(isLast);
                prevField = true;
                i = end + 1;
            } else {
                lit.append(template.charAt(i++));
            }
        }
        if (lit.length() > 0) {
            lits.add(lit.toString());
            fields.add(null);
            lasts.add(false);
        }
        boolean[] l = new boolean[lasts.size()];
        for (int k = 0; k < l.length; k++) {
            l[k] = lasts.get(k);
        }
        return new FieldTemplate(template, lits.toArray(new String[0]), fields.toArray(new String[0]), l);
    }

    /** Returns the template as written. */
    public String source() {
        return source;
    }

    /** Returns the names of the fields it captures, in order. */
    public List<String> fields() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < literal.length; k++) {
            if (literal[k] == null && field[k] != null) {
                out.add(field[k]);
            }
        }
        return out;
    }

    /**
     * Matches the message that starts at {@code from}; on success fills {@code bounds} with a start and
     * an end per captured field (in {@link #fields()} order) and returns true.
     */
    public boolean match(String s, int from, int[] bounds) {
        int pos = from;
        int n = s.length();
        int f = 0;
        for (int k = 0; k < literal.length; k++) {
            String lit = literal[k];
            if (lit != null) {
                if (!s.startsWith(lit, pos)) {
                    return false;
                }
                pos += lit.length();
                continue;
            }
            String name = field[k];
            int part = k;
            int start = pos;
            int end;
            if (k + 1 == literal.length) {
                end = n;
                pos = n;
            } else {
                String next = literal[k + 1];
                end = last[k] ? lastFrom(s, next, pos) : s.indexOf(next, pos);
                if (end < start) {
                    return false;
                }
                pos = end + next.length();
                k++;
            }
            if (name != null) {
                if (!fits(part, s, start, end)) {
                    return false;
                }
                bounds[2 * f] = start;
                bounds[2 * f + 1] = end;
                f++;
            }
        }
        return pos == n;
    }

    /**
     * Returns the last occurrence of {@code lit} (not empty) in {@code s} when one starts at or after {@code pos},
     * else -1: what {@code s.lastIndexOf(lit)} gives where the caller can use it (an occurrence before
     * {@code pos} fails the match either way). Searched forwards, from occurrence to occurrence: the forward
     * search is the JIT's vectorised intrinsic, the backward one a loop over every character from the line's end
     * (about 4% of the parsing threads' samples on the bench host, for Dovecot's {@code user=<...>}).
     */
    static int lastFrom(String s, String lit, int pos) {
        int at = s.indexOf(lit, pos);
        if (at < 0) {
            return -1;
        }
        int next;
        while ((next = s.indexOf(lit, at + 1)) >= 0) {
            at = next;
        }
        return at;
    }

    /** Fields whose value is one of a few words. */
    private static final Map<String, java.util.Set<String>> WORDS = Map.of(
            "service", java.util.Set.of("imap", "pop3", "submission", "managesieve"));

    private boolean fits(int k, String s, int start, int end) {
        String[] allowed = words[k];
        if (allowed != null && !oneOf(allowed, s, start, end)) {
            return false;
        }
        int most = max[k];
        if (most >= 0 && (end - start > most || end - start < min[k])) {
            return false;
        }
        boolean[] allowedChars = chars[k];
        if (allowedChars == null) {
            return true; // any text
        }
        boolean high = beyondAscii[k];
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 128 ? !high : !allowedChars[c]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[start..end)} is one of {@code words} (compared in place: no copy of the value). */
    private static boolean oneOf(String[] words, String s, int start, int end) {
        int n = end - start;
        for (String w : words) {
            if (w.length() == n && s.startsWith(w, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether one character may stand in a field of a kind other than 0 (any text): the definition the tables of
     * {@link #chars} are filled from. Every character beyond ASCII gives the same answer for a kind.
     */
    static boolean fitsKind(int how, char c) {
        if (how == 4) {
            // java.util.regex's \s without UNICODE_CHARACTER_CLASS: space, \t, \n, \x0B, \f, \r
            return c != '(' && c != ')' && c != ' ' && (c < '\t' || c > '\r');
        }
        if (how == 5) {
            return c != '\n';
        }
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                || c == '_' || (how == 2 ? c == '+' || c == '/' || c == '=' : c == '.');
    }
}
