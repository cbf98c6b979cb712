package dev.authaudit.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * Failed logins in one hour, split by the final verdict on the login that failed.
 *
 * @param hour the start of the hour
 * @param byCategory failures per category: an account verdict word, {@value #NO_LOGIN} for failures
 *     without a login, or {@value #NOT_KEPT} for logins past the report's memory cap
 * @param successes successful logins in the hour
 */
public record HourFailures(Instant hour, Map<String, Long> byCategory, long successes) {
    /** Failures whose line named no login. */
    public static final String NO_LOGIN = "no_login";
    /** Failures from an address guessing a login (its role to that login), whatever the login's verdict. */
    public static final String GUESSER = "guesser";
    /** Failures from a source whose role to a customer's login is not known. */
    public static final String UNKNOWN_SOURCE = "unknown_source";
    /** Failures of logins the report's memory cap did not keep apart. */
    public static final String NOT_KEPT = "not_kept";

    public HourFailures {
        requireNonNull(hour, "hour");
        byCategory = Map.copyOf(byCategory);
    }

    /** Returns all failures in the hour. */
    public long failures() {
        return byCategory.values().stream().mapToLong(Long::longValue).sum();
    }
}
