package dev.authaudit.classify;

import java.util.Locale;

/** The report-v1 verdict words for a source address. */
public enum IpVerdict {
    CUSTOMER, ATTACKER, SCANNER, UNKNOWN;

    private final String word = name().toLowerCase(Locale.ROOT);

    /** Returns the contract word, e.g. {@code customer}. */
    public String word() {
        return word;
    }
}
