package dev.authaudit.report;

/**
 * The report writers' name for {@link dev.authaudit.text.Escape}, the one escaping module: same rules,
 * kept so the writers need no change.
 */
public final class Escape {
    private Escape() {
    }

    /** See {@link dev.authaudit.text.Escape#terminal}. */
    public static String terminal(String s) {
        return dev.authaudit.text.Escape.terminal(s);
    }

    /** See {@link dev.authaudit.text.Escape#csv}. */
    public static String csv(String s) {
        return dev.authaudit.text.Escape.csv(s);
    }

    /** See {@link dev.authaudit.text.Escape#html}. */
    public static String html(String s) {
        return dev.authaudit.text.Escape.html(s);
    }
}
