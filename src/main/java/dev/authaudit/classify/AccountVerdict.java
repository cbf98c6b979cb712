package dev.authaudit.classify;

import java.util.Locale;

/** The report-v1 verdict words for a login. */
public enum AccountVerdict {
    STALE_PASSWORD, MISTYPED, TARGETED, UNKNOWN_USER, OK;

    private final String word = name().toLowerCase(Locale.ROOT);

    /** Returns the contract word, e.g. {@code stale_password}. */
    public String word() {
        return word;
    }
}
