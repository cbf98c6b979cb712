package dev.authaudit.act.firewall;

import java.util.Locale;

/** What became of a decided action. */
public enum ActionStatus {
    /** The policy chose not to act; the reason says why. */
    SKIPPED,
    /** The policy chose to act, but running csf was not enabled: recorded only. */
    DRY_RUN,
    /** csf ran and exited 0. */
    DONE,
    /** csf could not be started or exited non-zero. */
    FAILED,
    /** csf did not finish in time and was killed. */
    TIMED_OUT;

    /** Returns the stored and reported word ({@code dry_run}, ...). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the status for a stored word. */
    public static ActionStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
