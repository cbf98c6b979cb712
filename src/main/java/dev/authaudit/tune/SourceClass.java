package dev.authaudit.tune;

import java.util.Locale;

/** Who a source address is, as the classifier decided on the same replay. */
public enum SourceClass {
    /** A customer's device retrying an outdated password. */
    STALE,
    /** A customer who mistyped and then got in. */
    TYPO,
    /** Another customer address (a closed mail port, a NAT with a working device). */
    CUSTOMER,
    /** Guessing, spraying or stuffing. */
    ATTACKER,
    /** Probing ports. */
    SCANNER,
    /** Not enough evidence either way. */
    UNKNOWN;

    /** Returns true for the customer's own addresses. */
    public boolean customer() {
        return this == STALE || this == TYPO || this == CUSTOMER;
    }

    /** Returns the output word, e.g. {@code stale}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
