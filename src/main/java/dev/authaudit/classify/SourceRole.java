package dev.authaudit.classify;

import java.util.Locale;

/** What one source address is to one login (report-v1 {@code accounts[].sources[].role}). */
public enum SourceRole {
    /** The customer's own device: it logged in as the login, or the verdict shows it to be the customer's client. */
    CUSTOMER,
    /** An address guessing the login (an attacker on its own evidence, or one of many one-off addresses). */
    GUESSER,
    /** Not known. */
    UNKNOWN;

    private final String word = name().toLowerCase(Locale.ROOT);

    /** Returns the report-v1 word. */
    public String word() {
        return word;
    }
}
