package dev.authaudit.history;

import static java.util.Objects.requireNonNull;

/**
 * A login or address among a day's busiest, or one of a period's.
 *
 * @param subject the login or address
 * @param verdict its report-v1 verdict word in the run that recorded it, or null when unknown
 * @param failures its failures (that day, or summed over the period)
 * @param days on how many days it was listed (1 for a day's entry)
 */
public record TopEntry(String subject, String verdict, long failures, int days) {
    public TopEntry {
        requireNonNull(subject, "subject");
    }
}
