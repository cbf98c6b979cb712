package dev.authaudit.event;

import java.util.Locale;

/** The {@code type} words of events-v1. */
public enum EventType {
    AUTH_FAILURE, AUTH_SUCCESS, FIREWALL_DROP, FIREWALL_BLOCK, FIREWALL_UNBLOCK;

    /** Returns the contract word, e.g. {@code auth_failure}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the type for a contract word.
     *
     * @throws IllegalArgumentException if the word is not an events-v1 type
     */
    public static EventType fromWord(String word) {
        for (EventType t : values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + word
                + "'; expected one of auth_failure, auth_success, firewall_drop, firewall_block, firewall_unblock");
    }
}
