package dev.authaudit.act.notice;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;

/**
 * What a classifier hands over about one login that may deserve a notice: its verdict and the
 * evidence a policy and a customer need. Build it with {@link IncidentKey#of} for {@code incidentKey}.
 *
 * @param account the login as the server logged it, lower-cased here (hostile text)
 * @param verdict the report-v1 account verdict word ({@code stale_password}, {@code targeted}, ...)
 * @param confidence the verdict's confidence, 0..1
 * @param detectedAt the event time at which the evidence first reached the verdict
 * @param successOnRecord true when this login has logged in successfully at least once on record
 * @param targeted true when the login is also being guessed by others (report-v1 {@code targeted})
 * @param attackerPattern true when the failing sources look like an attacker (spraying, many
 *     distinct passwords, known attacker addresses)
 * @param blockCause the report-v1 block cause for this customer's block ({@code closed_port}, ...),
 *     or null when there is no block or no cause yet
 * @param device the device that keeps failing
 * @param firstFailure the event time of the episode's first failure
 * @param lastFailure the event time of the latest failure
 * @param failures the number of failures in the episode
 * @param firstBlockAt the firewall's first block of this customer's address, or null when none yet
 * @param incidentKey the incident this notice is about (see {@link IncidentKey})
 */
public record NoticeCandidate(String account, String verdict, double confidence, Instant detectedAt,
                              boolean successOnRecord, boolean targeted, boolean attackerPattern,
                              String blockCause, DeviceSeen device, Instant firstFailure,
                              Instant lastFailure, long failures, Instant firstBlockAt,
                              String incidentKey) {
    /** The only verdict that can lead to a notice. */
    public static final String STALE_PASSWORD = "stale_password";
    /** The block cause that means the port is closed, not the password wrong. */
    public static final String CLOSED_PORT = "closed_port";

    /** Checks the fields and lower-cases the account and words. */
    public NoticeCandidate {
        requireNonNull(account, "account");
        requireNonNull(verdict, "verdict");
        requireNonNull(detectedAt, "detectedAt");
        requireNonNull(device, "device");
        requireNonNull(firstFailure, "firstFailure");
        requireNonNull(lastFailure, "lastFailure");
        requireNonNull(incidentKey, "incidentKey");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " must be between 0 and 1");
        }
        if (failures < 1) {
            throw new IllegalArgumentException("failures " + failures + " must be at least 1");
        }
        if (lastFailure.isBefore(firstFailure)) {
            throw new IllegalArgumentException("lastFailure " + lastFailure + " is before firstFailure "
                    + firstFailure);
        }
        account = account.toLowerCase(Locale.ROOT);
        verdict = verdict.toLowerCase(Locale.ROOT);
        blockCause = blockCause == null || blockCause.isBlank() ? null : blockCause.toLowerCase(Locale.ROOT);
    }
}
