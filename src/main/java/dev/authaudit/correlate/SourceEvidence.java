package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What one login did from one source address.
 *
 * @param successesBeforeFailures successes from this address before its first failure (history)
 * @param successesAfterFailures successes from this address after its failures began
 * @param firstSuccessAfterFailures the first of those, or null
 * @param failuresSinceLastSuccess failures after the latest success (all of them when there was none)
 * @param helo the client's HELO name (client-controlled text), or null
 * @param rhythms the polling gaps measured per protocol
 * @param burstGaps gaps shorter than a polling interval (several tries within seconds)
 * @param context what is known about the address beyond this login
 * @param unknownUsers failures the server answered with "unknown user"
 * @param fingerprintedFailures failures that carried a password fingerprint
 * @param topFingerprint the fingerprint repeated most often from this address, or null
 * @param topFingerprintCount how often it came
 * @param lastSuccess the latest success from this address, or null
 * @param networkSuccesses successful logins as this login from the address's network (/24, /48)
 * @param domainSuccesses successful logins from this address as any login of the same domain
 * @param episode the current run of failures (null before the first failure)
 * @param longestEpisode the longest run of failures so far (null before the first failure)
 * @param failureProtocols the protocols of this address's failures only ({@code protocols} adds its successes)
 * @param failurePorts the server ports of its failures only
 * @param unitemized failures counted before the address had a place in the login's bounded list: in
 *     {@code failures}, but not in the fingerprint counts, gaps or episodes
 */
public record SourceEvidence(String ip, String network, long failures, long successes, Set<Protocol> protocols,
                             List<Integer> ports, Instant first, Instant last, Instant firstFailure,
                             Instant lastFailure, long successesBeforeFailures, long successesAfterFailures,
                             Instant firstSuccessAfterFailures, long failuresSinceLastSuccess,
                             long distinctFingerprints, String helo, List<Rhythm> rhythms, long burstGaps,
                             IpContext context, long unknownUsers, long fingerprintedFailures,
                             String topFingerprint, long topFingerprintCount, Instant lastSuccess,
                             long networkSuccesses, long domainSuccesses, EpisodeEvidence episode,
                             EpisodeEvidence longestEpisode, Set<Protocol> failureProtocols,
                             List<Integer> failurePorts, long unitemized) {
    public SourceEvidence {
        failureProtocols = Set.copyOf(failureProtocols);
        failurePorts = List.copyOf(failurePorts);
        protocols = Set.copyOf(protocols);
        ports = List.copyOf(ports);
        rhythms = List.copyOf(rhythms);
    }
}
