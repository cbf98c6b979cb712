package dev.authaudit.parse;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Hands out one instance per login, shared by the parsing threads, so that the events of the same login carry
 * the same {@code String}: the correlator's tables, keyed by login on its one thread, then find it by identity
 * (no byte comparison, its hash already cached in the string) instead of comparing a fresh copy from every line.
 * A botnet day tries some 4,000 logins on a million lines; the main thread spent about 7% of its samples
 * comparing and hashing them in {@code SubjectKeys.login} before this table.
 *
 * <p>A fixed array of slots, one per hash (direct-mapped): a login whose slot holds another is put in its place.
 * Memory is bounded by the slots whatever the logins (a botnet of a million distinct ones only keeps replacing
 * them), and a slot is read and written without a lock: a thread that misses, or races another, hands out its
 * own instance, which is equal. It only ever changes which of equal strings an event holds, never a value.
 */
final class LoginInterner {
    /** Slots by default: four times the logins of a large botnet day, about 64 KB of references. */
    static final int DEFAULT_SLOTS = 1 << 14;

    private final AtomicReferenceArray<String> slots;
    private final int mask;

    LoginInterner() {
        this(DEFAULT_SLOTS);
    }

    /** @param slots how many logins may be held at most; rounded up to a power of two, at least 1 */
    LoginInterner(int slots) {
        int n = slots <= 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.slots = new AtomicReferenceArray<>(n);
        this.mask = n - 1;
    }

    /** Returns the held instance equal to {@code login}, or holds {@code login} and returns it; null for null. */
    String intern(String login) {
        if (login == null) {
            return null;
        }
        int h = login.hashCode();
        // spread the high bits down: logins differing only at their end differ mostly in the low bits anyway
        int i = (h ^ (h >>> 16)) & mask;
        String held = slots.getPlain(i);
        if (held != null && held.hashCode() == h && held.equals(login)) {
            return held;
        }
        // a String's fields are final: another thread reading the slot sees it whole
        slots.setPlain(i, login);
        return login;
    }

    /** Returns the number of slots (the most logins held at once). */
    int capacity() {
        return mask + 1;
    }
}
