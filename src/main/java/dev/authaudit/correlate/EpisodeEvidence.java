package dev.authaudit.correlate;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of failures of a login from one address, without a silence longer than
 * {@link CorrelationSettings#episodeGap()} in it.
 *
 * @param first the first failure of the run
 * @param last the latest failure of the run
 * @param failures failed attempts in the run
 * @param confirmedAt the first successful login of the same login, from any address, after the run
 *     began (the password works there), or null
 * @param confirmedFrom the address of that success, or null
 * @param failuresAfterConfirm failures of the run after {@code confirmedAt}: the client kept failing
 *     although the password worked
 * @param resolvedAt the first success from the same address after the run's latest failure, or null
 */
public record EpisodeEvidence(Instant first, Instant last, long failures, Instant confirmedAt, String confirmedFrom,
                              long failuresAfterConfirm, Instant resolvedAt) {

    /** Returns the time from the first to the latest failure. */
    public Duration span() {
        return Duration.between(first, last);
    }
}
