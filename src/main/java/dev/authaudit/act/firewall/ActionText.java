package dev.authaudit.act.firewall;

import dev.authaudit.text.Escape;

/**
 * Makes hostile text safe for the places this package puts it: a csf comment (one argument that csf
 * writes into csf.allow) and messages to the admin.
 */
final class ActionText {
    private static final int MAX_COMMENT = 100;
    private static final int MAX_MESSAGE = 160;

    private ActionText() {
    }

    /**
     * Returns {@code s} reduced to letters, digits, spaces and {@code @ . _ + = : ,}, whitespace
     * collapsed, prefixed with {@code authaudit} so it can never start with {@code -} (csf would read an
     * option) and cut to 100 characters. {@code #} (csf.allow's comment mark), quotes, line breaks,
     * {@code $}, backticks and {@code ;} cannot survive.
     */
    static String comment(String s) {
        StringBuilder b = new StringBuilder("authaudit");
        boolean space = true;
        String in = s == null ? "" : s;
        for (int i = 0; i < in.length() && b.length() < MAX_COMMENT; i++) {
            char c = in.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || "@._+=:,".indexOf(c) >= 0);
            if (ok) {
                if (space) {
                    b.append(' ');
                }
                b.append(c);
                space = false;
            } else {
                space = true;
            }
        }
        return b.toString();
    }

    /** Returns {@code s} with unsafe characters replaced ({@link Escape}) and cut, for one-line messages. */
    static String safe(String s) {
        return s == null ? "" : Escape.line(s, MAX_MESSAGE);
    }
}
