package dev.authaudit.parse;

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
 */
final class LoginInterner {
    /** Logins held by default: more than the correlator's login keys a run keeps (20,000), a few MB at most. */
    static final int DEFAULT_MAX = 32_768;

    private final ConcurrentHashMap<String, String> held = new ConcurrentHashMap<>();
    private final int max;

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

    /** Returns how many logins are held now. */
    int size() {
        return held.size();
    }
}
