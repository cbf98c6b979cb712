package dev.authaudit.history;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one day looked like, as one run saw it: the unit the history keeps. {@code watch} can record
 * the day so far as often as it likes; each record replaces the last (see {@link HistoryStore#record}).
 *
 * @param day the local day in {@code zone}
 * @param zone the time zone the day is counted in (an id such as {@code America/New_York})
 * @param coveredFrom the first moment of the day the run read logs for
 * @param coveredTo the last moment of the day the run read logs for
 * @param failures failed logins (Dovecot detail lines not counted twice)
 * @param successes successful logins
 * @param failuresByVerdict failures per account verdict word, plus {@code no_login} and {@code not_kept}
 * @param blocksByCause firewall blocks per cause word
 * @param noticesByStatus customer notices per status word
 * @param topLogins the day's busiest logins, plus every stale-password or mistyped login that failed
 * @param topAddresses the day's busiest addresses
 */
public record DayAggregate(LocalDate day, String zone, Instant coveredFrom, Instant coveredTo, long failures,
                           long successes, Map<String, Long> failuresByVerdict, Map<String, Long> blocksByCause,
                           Map<String, Long> noticesByStatus, List<TopEntry> topLogins,
                           List<TopEntry> topAddresses) {
    public DayAggregate {
        requireNonNull(day, "day");
        requireNonNull(zone, "zone");
        requireNonNull(coveredFrom, "coveredFrom");
        requireNonNull(coveredTo, "coveredTo");
        if (coveredTo.isBefore(coveredFrom)) {
            throw new IllegalArgumentException("coveredTo " + coveredTo + " is before coveredFrom " + coveredFrom);
        }
        failuresByVerdict = Map.copyOf(failuresByVerdict);
        blocksByCause = Map.copyOf(blocksByCause);
        noticesByStatus = Map.copyOf(noticesByStatus);
        topLogins = List.copyOf(topLogins);
        topAddresses = List.copyOf(topAddresses);
    }

    /** Returns how much of the day the run read. */
    public Duration coverage() {
        return Duration.between(coveredFrom, coveredTo);
    }

    /** Returns the blocks of the day. */
    public long blocks() {
        return blocksByCause.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Returns the notices of the day. */
    public long notices() {
        return noticesByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
