package dev.authaudit.classify;

import java.util.Locale;

/** The report-v1 cause words for a firewall block. */
public enum BlockCause {
    STALE_PASSWORD, MISTYPED, BRUTE_FORCE, PORT_SCAN, CLOSED_PORT, UNKNOWN;

    /** Returns the contract word, e.g. {@code stale_password}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
