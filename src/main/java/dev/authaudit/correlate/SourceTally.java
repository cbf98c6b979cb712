package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;

/** What one login did from one address: counts, times, ports, fingerprints and polling gaps. */
final class SourceTally {
    private static final int MAX_FINGERPRINTS = 4;
    private static final int MAX_PORTS = 4;
    private static final int MAX_HELO = 64;

    final String ip;
    final String network;
    long failures;
    long successes;
    long successesBeforeFailures;
    long successesAfterFailures;
    long failuresSinceLastSuccess;
    long firstMs = -1;
    long lastMs = -1;
    long firstFailureMs = -1;
    long lastFailureMs = -1;
    long firstSuccessAfterFailuresMs = -1;
    long burstGaps;
    int protocolMask;
    final SmallIntSet ports = new SmallIntSet(MAX_PORTS);
    String[] fingerprints;
    int fingerprintCount;
    boolean moreFingerprints;
    String helo;
    GapSample[] gaps;

    SourceTally(String ip, String network) {
        this.ip = ip;
        this.network = network;
    }

    long weight() {
        // sources with successes are the customer's history; keep them over one-off failures
        return failures + 10 * successes;
    }

    void touch(long ms) {
        if (firstMs < 0 || ms < firstMs) {
            firstMs = ms;
        }
        lastMs = Math.max(lastMs, ms);
    }

    void failure(Attempt a, long ms) {
        touch(ms);
        if (firstFailureMs < 0) {
            firstFailureMs = ms;
        }
        lastFailureMs = Math.max(lastFailureMs, ms);
        failures += a.count();
        failuresSinceLastSuccess += a.count();
        protocolMask = ProtocolMask.with(protocolMask, a.protocol());
        ports.add(a.port());
        if (helo == null && a.helo() != null) {
            helo = a.helo().length() > MAX_HELO ? a.helo().substring(0, MAX_HELO) : a.helo();
        }
        if (a.passwordFp() != null) {
            addFingerprint(a.passwordFp());
        }
    }

    void success(Protocol protocol, Integer port, long ms) {
        touch(ms);
        successes++;
        if (failures == 0) {
            successesBeforeFailures++;
        } else {
            successesAfterFailures++;
            if (firstSuccessAfterFailuresMs < 0) {
                firstSuccessAfterFailuresMs = ms;
            }
        }
        failuresSinceLastSuccess = 0;
        protocolMask = ProtocolMask.with(protocolMask, protocol);
        ports.add(port);
    }

    void gap(Protocol protocol, long seconds, long minGapSeconds) {
        if (seconds < minGapSeconds) {
            burstGaps++;
            return;
        }
        if (gaps == null) {
            gaps = new GapSample[Protocol.values().length];
        }
        GapSample g = gaps[protocol.ordinal()];
        if (g == null) {
            g = new GapSample();
            gaps[protocol.ordinal()] = g;
        }
        g.add(seconds);
    }

    long distinctFingerprints() {
        return fingerprintCount + (moreFingerprints ? 1 : 0);
    }

    private void addFingerprint(String fp) {
        if (fingerprints == null) {
            fingerprints = new String[MAX_FINGERPRINTS];
        }
        for (int i = 0; i < fingerprintCount; i++) {
            if (fingerprints[i].equals(fp)) {
                return;
            }
        }
        if (fingerprintCount < MAX_FINGERPRINTS) {
            fingerprints[fingerprintCount++] = fp;
        } else {
            moreFingerprints = true;
        }
    }
}
