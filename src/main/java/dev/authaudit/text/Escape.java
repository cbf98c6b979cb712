package dev.authaudit.text;

import com.google.common.html.HtmlEscapers;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;

/**
 * The one place that decides what is unsafe in text read from logs, and how each destination escapes
 * it. Unsafe everywhere: C0 and C1 control characters and DEL (a terminal runs escape sequences, a
 * header or CSV row ends at a line break), Unicode line and paragraph separators, format characters
 * (bidirectional overrides make {@code gro.elpmaxe@ben} read as another name; zero-width characters
 * make two different logins look equal) and lone surrogates. Each is replaced by {@code ?}, never
 * dropped, so the reader sees that something was there.
 */
public final class Escape {
    /** The mark that replaces an unsafe character. */
    public static final char UNSAFE = '?';
    /** What ends a value cut to its length limit. */
    public static final String CUT = "…";
    /** The longest header value a log may supply; beyond it the text is noise or an attack. */
    public static final int MAX_HEADER = 200;

    private Escape() {
    }

    /** Returns true for a code point no destination may receive as it is. */
    public static boolean unsafe(int cp) {
        if (Character.isISOControl(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }

    /**
     * Returns {@code s} for a terminal or a one-line message: every unsafe character (line breaks and
     * tabs included) replaced by {@code ?}; null stays null.
     */
    public static String terminal(String s) {
        return s == null ? null : replace(s, false, Integer.MAX_VALUE);
    }

    /**
     * Returns {@link #terminal} of {@code s} cut to {@code max} characters, with {@code …} when cut;
     * null stays null.
     *
     * @throws IllegalArgumentException when {@code max} is below 1
     */
    public static String line(String s, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max " + max + " must be at least 1");
        }
        return s == null ? null : replace(s, false, max);
    }

    /** Returns {@link #terminal} of {@code s} in single quotes, for messages about a value; null reads 'null'. */
    public static String quoted(String s, int max) {
        return "'" + line(String.valueOf(s), max) + "'";
    }

    /**
     * Returns one CSV cell: always quoted, quotes doubled, unsafe characters replaced, and a value that
     * starts with {@code = + - @} (or their full-width forms) prefixed with an apostrophe so that a
     * spreadsheet shows it instead of running it as a formula. Null is an empty cell.
     */
    public static String csv(String s) {
        if (s == null) {
            return "";
        }
        String t = terminal(s);
        if (!t.isEmpty() && "=+-@\uff1d\uff0b\uff0d\uff20".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        return '"' + t.replace("\"", "\"\"") + '"';
    }

    /**
     * Returns {@code s} for HTML element content or a quoted attribute value: {@code & < > " '} escaped
     * (Guava's HTML escaper), the backtick too (old browsers quoted attributes with it), line breaks and
     * tabs kept, every other unsafe character replaced. Null is empty.
     */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        return HtmlEscapers.htmlEscaper().escape(replace(s, true, Integer.MAX_VALUE)).replace("`", "&#96;");
    }

    /**
     * Returns {@code s} as a mail header value: unsafe characters replaced (so no line break can start a
     * header of its own), cut to {@link #MAX_HEADER}, and RFC 2047-encoded when it is not ASCII. Fold it
     * with {@link MimeUtility#fold} where the header name is known.
     */
    public static String header(String s) {
        String t = line(s == null ? "" : s, MAX_HEADER);
        try {
            return MimeUtility.encodeText(t, "UTF-8", null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static String replace(String s, boolean keepBreaks, int max) {
        StringBuilder sb = null;
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (n >= max) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
                sb.append(CUT);
                return sb.toString();
            }
            boolean bad = unsafe(cp) && !(keepBreaks && (cp == '\n' || cp == '\t'));
            if (bad && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                if (bad) {
                    sb.append(UNSAFE);
                } else {
                    sb.appendCodePoint(cp);
                }
            }
            i += len;
            n++;
        }
        return sb == null ? s : sb.toString();
    }
}
