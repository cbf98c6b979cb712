package dev.authaudit.event;

import java.util.Locale;

/** The {@code reason} words of an events-v1 {@code auth_failure}. */
public enum FailureReason {
    PASSWORD_MISMATCH, UNKNOWN_USER, OTHER;

    /** Returns the contract word, e.g. {@code password_mismatch}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Classifies a server's own result text ("Password mismatch", "unknown user",
     * "User not known to the underlying authentication module", "invalid credentials",
     * "535 Incorrect authentication data") or a contract word.
     */
    public static FailureReason fromText(String text) {
        if (text == null || text.isEmpty()) {
            return OTHER;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("unknown user") || t.contains("unknown_user") || t.contains("user not known")
                || t.contains("user unknown") || t.contains("no such user")) {
            return UNKNOWN_USER;
        }
        if (t.contains("mismatch") || t.contains("authentication failure") || t.contains("invalid credentials")
                || t.contains("incorrect authentication") || t.contains("auth failed")
                || t.contains("password_mismatch")) {
            return PASSWORD_MISMATCH;
        }
        return OTHER;
    }
}
