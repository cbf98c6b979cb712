package dev.authaudit.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The timeline of one stale-password customer: when their device failed, when anyone succeeded, and
 * the moment the password was changed elsewhere. Times are a sample (see {@code sampleStride}).
 *
 * @param deviceIps the addresses taken to be the customer's device
 * @param deviceFailures failure times from the device
 * @param otherFailures failure times from other addresses
 * @param deviceSuccesses successful logins from the device
 * @param otherSuccesses successful logins from elsewhere
 * @param passwordChangeAt the first success elsewhere after the failures began, or null
 * @param passwordChangeIp where that success came from, or null
 * @param detectedAt when the verdict was reached, or null
 * @param firstBlockAt the firewall's first block of this login's device, or null
 * @param failureStride 1 when every failure is drawn, else how many failures each drawn tick stands for
 * @param gaps counts of the gaps between consecutive device failures, one per {@link GapBins} bin
 */
public record AccountStrip(String account, List<String> deviceIps, List<Instant> deviceFailures,
                           List<Instant> otherFailures, List<Instant> deviceSuccesses, List<Instant> otherSuccesses,
                           Instant passwordChangeAt, String passwordChangeIp, Instant detectedAt,
                           Instant firstBlockAt, long failures, long failureStride, List<Long> gaps) {
    public AccountStrip {
        requireNonNull(account, "account");
        deviceIps = List.copyOf(deviceIps);
        deviceFailures = List.copyOf(deviceFailures);
        otherFailures = List.copyOf(otherFailures);
        deviceSuccesses = List.copyOf(deviceSuccesses);
        otherSuccesses = List.copyOf(otherSuccesses);
        gaps = List.copyOf(gaps);
    }
}
