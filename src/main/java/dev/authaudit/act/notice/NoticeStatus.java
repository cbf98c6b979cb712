package dev.authaudit.act.notice;

import java.util.Locale;

/** Where a notice stands in the outbox. */
public enum NoticeStatus {
    /** Waiting to leave (new, retrying after a failure, or held by the global brake). */
    QUEUED,
    /** Handed to the SMTP server and not yet confirmed; found after a crash, it is tried again. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** Written to the drafts folder. */
    DRAFTED,
    /** Held back by the policy; the reason says why. */
    SUPPRESSED,
    /** Given up: refused permanently or too many attempts; {@code notices resend} tries again. */
    FAILED;

    /** Returns the ledger word ({@code queued}, ...). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the status for a ledger word. */
    public static NoticeStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    /**
     * Returns the report-v1 word: {@code sent}, {@code drafted}, {@code suppressed}, {@code failed}, or
     * {@code queued} for a notice still waiting (new, held by the brake, or being handed over).
     */
    public String reportWord() {
        return switch (this) {
            case SENT -> "sent";
            case DRAFTED -> "drafted";
            case SUPPRESSED -> "suppressed";
            case FAILED -> "failed";
            case QUEUED, SENDING -> "queued";
        };
    }
}
