package dev.authaudit.parse;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one instance per login, shared by the parsing threads, so that the events of the same login carry
 * the same {@code String}: the correlator's tables, keyed by login on its one thread, then find it by identity
 * (no byte comparison, its hash already cached in the string) instead of comparing a fresh copy from every line.
 * A botnet day tries some 3,600 logins on a million lines; the main thread spent about 5% of its samples
 * comparing and hashing them in {@code SubjectKeys.login} before this table.
 *
 * <p>Bounded: when it holds {@code max} logins it starts over (a botnet of a million distinct logins), like the
 * correlator's own key cache; a login seen again after that gets a new instance, which is equal. It only ever
 * changes which of equal strings an event holds, never a value. Lock-free for a login it holds (the usual case).
 *
 * <p>A line's login is usually looked up from the line itself ({@link #internLower}): a small two-way
 * table in front of the map, keyed by a hash of the lower-cased characters, answers a login seen before
 * after one pass over its characters, with no copy, no lower-cased copy and no map look-up. On a botnet
 * day the map look-up (hashing the fresh copy and comparing it with the held one) took about 16% of the
 * parsing threads' samples.
 */
final class LoginInterner {
    /** Logins held by default: more than the correlator's login keys a run keeps (20,000), a few MB at most. */
    static final int DEFAULT_MAX = 32_768;

    /** Slots of the table in front of the map (a power of two), in pairs: four times the logins a botnet day tries. */
    static final int RECENT = 16384;

    private final ConcurrentHashMap<String, String> held = new ConcurrentHashMap<>();
    private final int max;
    /**
     * Held logins (lower-case ASCII only) by a hash of their characters, two per hash (a pair of
     * neighbouring slots). Read and written without locks: a thread sees a slot's string or an older one
     * or null (a {@code String} is safely published through its final fields), and only ever answers
     * with a string it compared character by character.
     */
    private final String[] recent = new String[RECENT];
    /**
     * The hash of each slot's login, beside it: a slot whose hash differs is passed over without reading its
     * string (a first read of memory on a botnet day, where the parsing threads spent about 7% of their samples
     * on the first look at a slot's string). Written without locks like {@link #recent}: a stale hash only sends
     * a look-up on to the next slot or the map, or to a compare that refuses, never to a wrong answer.
     */
    private final int[] recentHash = new int[RECENT];

    LoginInterner() {
        this(DEFAULT_MAX);
    }

    /** @param max the most logins held at once (at least 1) */
    LoginInterner(int max) {
        this.max = Math.max(1, max);
    }

    /** Returns the held instance equal to {@code login}, or holds {@code login} and returns it; null for null. */
    String intern(String login) {
        if (login == null) {
            return null;
        }
        String h = held.get(login);
        if (h != null) {
            return h;
        }
        if (held.size() >= max) {
            // (two threads may both start over, or hold one or two more than max: harmless)
            held.clear();
        }
        h = held.putIfAbsent(login, login);
        return h != null ? h : login;
    }

    /**
     * Returns the held instance equal to {@code s.substring(from, to).toLowerCase(Locale.ROOT)}, holding that
     * string when none is; without making any string when the characters are ASCII and the login was seen
     * recently. Lower-casing beyond ASCII (which may change a string's length) goes the way of
     * {@link #intern(String)}.
     *
     * @param from the login's first character in {@code s}
     * @param to the index after its last ({@code from < to <= s.length()})
     */
    String internLower(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128) {
                return intern(s.substring(from, to).toLowerCase(Locale.ROOT));
            }
            h = 31 * h + lowerAscii(c);
        }
        // two slots per hash: the first two logins of a hash both stay (one slot each for 3,600 logins
        // in 8,192 slots left a third of them sharing theirs with another, and looked up in the map)
        int slot = (h ^ (h >>> 13)) & (RECENT - 2);
        String[] table = recent;
        int[] hashes = recentHash;
        String r = table[slot];
        if (r != null && hashes[slot] == h && sameLower(r, s, from, to)) {
            return r;
        }
        String r2 = table[slot + 1];
        if (r2 != null && hashes[slot + 1] == h && sameLower(r2, s, from, to)) {
            return r2;
        }
        String login = intern(s.substring(from, to).toLowerCase(Locale.ROOT));
        // an empty slot first; else the second of the pair is overwritten (the first stays the first login seen)
        int free = r == null ? slot : slot + 1;
        hashes[free] = h;
        table[free] = login;
        return login;
    }

    /** Whether {@code held} (lower-case ASCII) is the ASCII text {@code s[from..to)} lower-cased. */
    private static boolean sameLower(String held, String s, int from, int to) {
        if (held.length() != to - from) {
            return false;
        }
        // the usual line writes the login in lower case already: one plain compare of the characters
        if (s.regionMatches(from, held, 0, to - from)) {
            return true;
        }
        for (int i = from, j = 0; i < to; i++, j++) {
            if (held.charAt(j) != lowerAscii(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Returns how many logins are held now. */
    int size() {
        return held.size();
    }
}
