package dev.authaudit.report;

import static java.util.Objects.requireNonNull;

/**
 * A login or address and its failures on one day.
 *
 * @param subject the login or address
 * @param count its failures that day
 */
public record DayCount(String subject, long count) {
    public DayCount {
        requireNonNull(subject, "subject");
    }
}
