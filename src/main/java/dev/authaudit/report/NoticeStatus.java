package dev.authaudit.report;

import java.util.Locale;

/** The report-v1 status words of a customer notice. */
public enum NoticeStatus {
    SENT, DRAFTED, SUPPRESSED, QUEUED, FAILED;

    /** Returns the contract word, e.g. {@code drafted}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
