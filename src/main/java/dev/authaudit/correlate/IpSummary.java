package dev.authaudit.correlate;

import dev.authaudit.event.FailureReason;

/**
 * What the correlator keeps about one source address for the whole run: failure and success counts,
 * the logins it used, firewall drops (deduplicated) and blocks. Opaque outside this package; a store
 * only holds it.
 */
public final class IpSummary {
    private static final int TOP_LOGINS = 8;
    private static final int DROP_PORT_SAMPLE = 16;

    final String ip;
    final String network;
    long failures;
    long failureLines;
    long successes;
    long unknownUsers;
    final DistinctCounter logins = new DistinctCounter();
    final TopCounts failedLogins = new TopCounts(TOP_LOGINS);
    final DistinctCounter failedLoginCount = new DistinctCounter();
    /** The most failures on one login from this address (counted while that pair was active). */
    long maxFailuresOneLogin;
    final TopCounts successLogins = new TopCounts(TOP_LOGINS);
    final DistinctCounter fingerprints = new DistinctCounter();
    /** The first password fingerprint the address sent (enough to compare a one-off with a client's). */
    String firstFingerprint;
    long lastFailureMs = -1;
    long lastSuccessMs = -1;
    long gaps;
    long burstGaps;
    int protocolMask;
    long firstMs = -1;
    long lastMs = -1;
    long dropHits;
    long dropAttempts;
    long retransmissions;
    final DistinctCounter dropPorts = new DistinctCounter();
    final SmallIntSet dropPortSample = new SmallIntSet(DROP_PORT_SAMPLE);
    long firstDropMs = -1;
    long lastDropMs = -1;
    int blocks;
    int unblocks;
    boolean reachedServer;
    /** Counts the failures, successes and drops applied, so a holder can tell whether it changed since it looked. */
    int changes;
    /** Set when this summary left the address table (see {@link StateTable#reportsDepartures()}). */
    boolean departed;

    IpSummary(String ip, String network) {
        this.ip = ip;
        this.network = network;
    }

    void touch(long ms) {
        if (firstMs < 0 || ms < firstMs) {
            firstMs = ms;
        }
        lastMs = Math.max(lastMs, ms);
    }

    void failure(Attempt a, long ms, long burstGapMs) {
        changes++;
        touch(ms);
        reachedServer = true;
        failures += a.count();
        failureLines++;
        if (a.reason() == FailureReason.UNKNOWN_USER) {
            unknownUsers += a.count();
        }
        if (a.account() != null) {
            long h = DistinctCounter.hash(a.account());
            logins.addHash(h);
            failedLogins.add(a.account(), a.count());
            failedLoginCount.addHash(h);
        }
        if (a.passwordFp() != null) {
            if (firstFingerprint == null) {
                firstFingerprint = a.passwordFp();
            }
            fingerprints.add(a.passwordFp());
        }
        if (lastFailureMs >= 0) {
            gaps++;
            if (ms - lastFailureMs < burstGapMs) {
                burstGaps++;
            }
        }
        // "auth failed, 3 attempts" is itself a burst of three
        burstGaps += a.count() - 1;
        gaps += a.count() - 1;
        lastFailureMs = Math.max(lastFailureMs, ms);
        protocolMask = ProtocolMask.with(protocolMask, a.protocol());
    }

    void success(String login, dev.authaudit.event.Protocol protocol, long ms) {
        changes++;
        touch(ms);
        reachedServer = true;
        successes++;
        lastSuccessMs = Math.max(lastSuccessMs, ms);
        if (login != null) {
            logins.add(login);
            successLogins.add(login, 1);
        }
        protocolMask = ProtocolMask.with(protocolMask, protocol);
    }

    void drop(long ms, Integer port, boolean retransmission) {
        changes++;
        touch(ms);
        dropHits++;
        if (firstDropMs < 0) {
            firstDropMs = ms;
        }
        lastDropMs = Math.max(lastDropMs, ms);
        if (retransmission) {
            retransmissions++;
            return;
        }
        dropAttempts++;
        if (port != null) {
            dropPorts.add(Integer.toString(port));
            dropPortSample.add(port);
        }
    }
}
