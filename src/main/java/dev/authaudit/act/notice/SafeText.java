package dev.authaudit.act.notice;

/**
 * Makes text taken from logs safe for where a notice puts it: plain text and headers (no control
 * characters, no line breaks, no bidirectional overrides that could make a name read backwards), and
 * HTML (escaped).
 */
public final class SafeText {
    /** The longest client-supplied value a notice carries; HELO names beyond this are noise or attack. */
    public static final int MAX_FIELD = 120;

    private SafeText() {
    }

    /**
     * Returns {@code s} with every control character (C0, DEL, C1), line or paragraph separator and
     * bidirectional control replaced by {@code ?}, cut to {@link #MAX_FIELD} characters; null stays
     * null.
     */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_FIELD + 1));
        for (int i = 0; i < s.length() && sb.length() < MAX_FIELD; i++) {
            char c = s.charAt(i);
            sb.append(unsafe(c) ? '?' : c);
        }
        if (s.length() > MAX_FIELD) {
            sb.append('…');
        }
        return sb.toString();
    }

    /** Returns {@link #clean} of {@code s} in single quotes, for messages to admins. */
    public static String quoted(String s) {
        return "'" + clean(s) + "'";
    }

    /** Returns {@code s} escaped for HTML text and quoted attribute values. */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\ufeff';
    }
}
