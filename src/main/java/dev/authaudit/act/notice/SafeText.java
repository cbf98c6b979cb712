package dev.authaudit.act.notice;

import dev.authaudit.text.Escape;

/**
 * The notice package's limits on text taken from logs; the rules themselves are {@link Escape}'s.
 */
public final class SafeText {
    /** The longest client-supplied value a notice carries; HELO names beyond this are noise or attack. */
    public static final int MAX_FIELD = 120;

    private SafeText() {
    }

    /**
     * Returns {@code s} with every unsafe character replaced by {@code ?} (see
     * {@link Escape#unsafe}), cut to {@link #MAX_FIELD} characters; null stays null.
     */
    public static String clean(String s) {
        return s == null ? null : Escape.line(s, MAX_FIELD);
    }

    /** Returns {@link #clean} of {@code s} in single quotes, for messages to admins. */
    public static String quoted(String s) {
        return Escape.quoted(s, MAX_FIELD);
    }

    /** Returns {@code s} escaped for HTML text and quoted attribute values ({@link Escape#html}). */
    public static String html(String s) {
        return Escape.html(s);
    }
}
