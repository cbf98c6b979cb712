package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything the correlator knows about one source address, at one point in event time.
 *
 * @param logins the logins that failed from it most often, with counts
 * @param successLogins logins that succeeded from it (a sample)
 * @param distinctLogins distinct logins used, failed or succeeded (exact up to 64)
 * @param burstGaps failures that followed the previous one within seconds
 * @param dropHits firewall drops as logged (what lfd counts)
 * @param dropAttempts drops after folding SYN retransmissions into one connect attempt
 * @param dropPorts destination ports of those attempts (a sample of up to 16)
 * @param reachedServer true when any connection from it reached Exim or Dovecot (a login line exists)
 * @param distinctFailedLogins how many different logins failed from it
 * @param maxFailuresOneLogin the most failures it had on any one login
 * @param firstFingerprint the first password fingerprint it sent, or null
 */
public record IpEvidence(String ip, String network, long failures, long failureLines, long successes,
                         long unknownUsers, long distinctLogins, List<Count> logins, List<String> successLogins,
                         long distinctFingerprints, long gaps, long burstGaps, Set<Protocol> protocols,
                         Instant first, Instant last, long dropHits, long dropAttempts, long retransmissions,
                         long distinctDropPorts, List<Integer> dropPorts, Instant firstDrop, Instant lastDrop,
                         int blocks, int unblocks, boolean reachedServer, long networkSuccesses,
                         List<String> networkSuccessLogins, long distinctFailedLogins,
                         long maxFailuresOneLogin, String firstFingerprint) {
    public IpEvidence {
        logins = List.copyOf(logins);
        successLogins = List.copyOf(successLogins);
        protocols = Set.copyOf(protocols);
        dropPorts = List.copyOf(dropPorts);
        networkSuccessLogins = List.copyOf(networkSuccessLogins);
    }
}
