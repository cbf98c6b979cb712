package dev.authaudit.report;

/**
 * Makes text read from logs safe for where it is written. Every string a log gave us (logins, HELO
 * names, firewall messages, file names) is attacker-influenced.
 */
public final class Escape {
    private Escape() {
    }

    /**
     * Returns the text with control characters (terminal escape sequences could repaint or retitle an
     * admin's terminal) replaced by {@code ?}; null stays null.
     */
    public static String terminal(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
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

    /**
     * Returns one CSV cell: quoted, quotes doubled, control characters removed, and a leading
     * {@code = + - @} (or tab/CR) neutralised with an apostrophe so a spreadsheet does not run it as a formula.
     */
    public static String csv(String s) {
        if (s == null) {
            return "";
        }
        String t = terminal(s);
        if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        return '"' + t.replace("\"", "\"\"") + '"';
    }

    /** Returns text escaped for HTML element content and quoted attribute values. */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '`' -> sb.append("&#96;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
