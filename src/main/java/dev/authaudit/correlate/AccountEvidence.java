package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything the correlator knows about one login, at one point in event time.
 *
 * @param failures failed attempts (a Dovecot "3 attempts" line counts 3; a detail pair counts once)
 * @param failureLines the attempts as lines, after pairing
 * @param distinctIps distinct failing addresses (exact up to 64, estimated above)
 * @param fingerprints the most frequent password fingerprints with their counts
 * @param sources the busiest sources (failing or succeeding), most failures first
 * @param omittedSources sources not kept in {@code sources} because the list is bounded
 * @param omittedSourceFailures failures of those sources
 * @param successElsewhereIp the first address that logged in successfully, without failing, after the
 *     failures began (the device where the password was changed), or null
 */
public record AccountEvidence(String account, long failures, long failureLines, long successes,
                              long passwordMismatches, long unknownUsers, long otherFailures,
                              Instant firstFailure, Instant lastFailure, Instant firstSuccess,
                              Instant lastSuccess, long distinctIps, long distinctNetworks,
                              long distinctFingerprints, List<Count> fingerprints, List<SourceEvidence> sources,
                              long omittedSources, long omittedSourceFailures, String successElsewhereIp,
                              Instant successElsewhereAt, long successesElsewhere, Set<Protocol> protocols) {
    public AccountEvidence {
        fingerprints = List.copyOf(fingerprints);
        sources = List.copyOf(sources);
        protocols = Set.copyOf(protocols);
    }
}
