package dev.authaudit.cli;

/**
 * Makes log-derived text safe for a terminal: control characters (escape sequences could repaint or
 * retitle an admin's terminal) become {@code ?}.
 */
final class Terminal {
    private Terminal() {
    }

    static String safe(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (bad) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
