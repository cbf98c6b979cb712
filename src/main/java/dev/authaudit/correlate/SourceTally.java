package dev.authaudit.correlate;

import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Protocol;

/**
 * What one login did from one address: counts, times, ports, fingerprints, polling gaps and failure
 * episodes.
 */
final class SourceTally {
    private static final int MAX_FINGERPRINTS = 4;
    private static final int MAX_PORTS = 4;
    private static final int MAX_HELO = 64;

    final String ip;
    /**
     * The address's hash code, kept here: a login's list is searched for an address on every failure, and
     * reading each tally's own field spares a miss on each address string.
     */
    final int ipHash;
    final String network;
    long failures;
    long successes;
    long successesBeforeFailures;
    long successesAfterFailures;
    long failuresSinceLastSuccess;
    long unknownUsers;
    long firstMs = -1;
    long lastMs = -1;
    long firstFailureMs = -1;
    long lastFailureMs = -1;
    long firstSuccessAfterFailuresMs = -1;
    long lastSuccessMs = -1;
    long burstGaps;
    int protocolMask;
    /** Protocols and server ports of failures only: what a sentence about failures may name. */
    int failureProtocolMask;
    final SmallIntSet ports = new SmallIntSet(MAX_PORTS);
    final SmallIntSet failurePorts = new SmallIntSet(MAX_PORTS);
    String[] fingerprints;
    long[] fingerprintCounts;
    int fingerprintCount;
    boolean moreFingerprints;
    long fingerprintedFailures;
    String helo;
    GapSample[] gaps;
    final FailureEpisode episode = new FailureEpisode();
    /** The longest finished episode, when one is longer than the current one might be; null until then. */
    FailureEpisode longestFinished;

    /**
     * The address's summary as the login's last judgement saw it (null when it had none) and how many
     * changes it had then: whether the evidence of this source may differ from what was judged.
     */
    IpSummary judgedContext;
    int judgedContextChanges;
    /**
     * When the judgement saw no summary: the address table's {@link StateTable#arrivals} count for it then,
     * or at a later check that still found none.
     */
    int judgedArrivals;

    /** The history keys of this (address, login). */
    final SubjectKeys.Pair keys;

    SourceTally(SubjectKeys.Pair keys) {
        this.keys = keys;
        this.ip = keys.address.ip;
        this.ipHash = ip.hashCode();
        this.network = keys.address.network;
    }

    /** Seeds a new tally with successes seen before it existed (from {@link PairHistory}). */
    void history(PairHistory h) {
        if (h == null || h.successes == 0) {
            return;
        }
        successes += h.successes;
        successesBeforeFailures += h.successes;
        touch(h.firstMs);
        touch(h.lastMs);
        lastSuccessMs = Math.max(lastSuccessMs, h.lastMs);
    }

    /** Failures counted before this tally existed: their fingerprints and gaps are not itemised. */
    long unitemized;

    /** Counts failures of this address that happened before it had a tally (it was a one-off then). */
    void earlierFailures(long n) {
        unitemized += n;
        failures += n;
        failuresSinceLastSuccess += n;
    }

    static long weight(long failures, long successes) {
        // a failing source is what a verdict is about; success-only sources are history and give way
        return failures > 0 ? (1L << 40) + failures + successes : successes;
    }

    long weight() {
        return weight(failures, successes);
    }

    void touch(long ms) {
        if (ms < 0) {
            return;
        }
        if (firstMs < 0 || ms < firstMs) {
            firstMs = ms;
        }
        lastMs = Math.max(lastMs, ms);
    }

    void failure(Attempt a, long ms, long episodeGapMs) {
        touch(ms);
        if (firstFailureMs < 0) {
            firstFailureMs = ms;
        }
        if (episode.startMs < 0 || ms - lastFailureMs > episodeGapMs) {
            if (episode.startMs >= 0 && (longestFinished == null || episode.spanMs() >= longestFinished.spanMs())) {
                if (longestFinished == null) {
                    longestFinished = new FailureEpisode();
                }
                longestFinished.copyFrom(episode);
            }
            episode.start(ms);
        }
        episode.failure(ms, a.count());
        lastFailureMs = Math.max(lastFailureMs, ms);
        failures += a.count();
        failuresSinceLastSuccess += a.count();
        if (a.reason() == FailureReason.UNKNOWN_USER) {
            unknownUsers += a.count();
        }
        protocolMask = ProtocolMask.with(protocolMask, a.protocol());
        failureProtocolMask = ProtocolMask.with(failureProtocolMask, a.protocol());
        ports.add(a.port());
        failurePorts.add(a.port());
        if (helo == null && a.helo() != null) {
            helo = a.helo().length() > MAX_HELO ? a.helo().substring(0, MAX_HELO) : a.helo();
        }
        if (a.passwordFp() != null) {
            addFingerprint(a.passwordFp(), a.fpLines());
        }
    }

    void success(Protocol protocol, Integer port, long ms) {
        touch(ms);
        successes++;
        lastSuccessMs = Math.max(lastSuccessMs, ms);
        if (failures == 0) {
            successesBeforeFailures++;
        } else {
            successesAfterFailures++;
            if (firstSuccessAfterFailuresMs < 0) {
                firstSuccessAfterFailuresMs = ms;
            }
        }
        failuresSinceLastSuccess = 0;
        episode.resolve(ms);
        protocolMask = ProtocolMask.with(protocolMask, protocol);
        ports.add(port);
    }

    /**
     * Notes that the login succeeded (here or elsewhere) while this source's episode was running; returns
     * true when its episode still waits for a success that confirms it.
     */
    boolean loginSucceeded(long ms, String fromIp) {
        if (failures > 0) {
            episode.confirm(ms, fromIp);
            return episode.startMs >= 0 && episode.confirmMs < 0;
        }
        return false;
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

    /** Returns the longest episode so far: the current one unless a finished one lasted longer. */
    FailureEpisode longest() {
        return longestFinished != null && longestFinished.spanMs() > episode.spanMs() ? longestFinished : episode;
    }

    long distinctFingerprints() {
        return fingerprintCount + (moreFingerprints ? 1 : 0);
    }

    /** Returns the index of the most repeated fingerprint, or -1 when none was seen. */
    int topFingerprint() {
        int top = -1;
        for (int i = 0; i < fingerprintCount; i++) {
            if (top < 0 || fingerprintCounts[i] > fingerprintCounts[top]) {
                top = i;
            }
        }
        return top;
    }

    private void addFingerprint(String fp, long count) {
        fingerprintedFailures += count;
        if (fingerprints == null) {
            fingerprints = new String[MAX_FINGERPRINTS];
            fingerprintCounts = new long[MAX_FINGERPRINTS];
        }
        for (int i = 0; i < fingerprintCount; i++) {
            if (fingerprints[i].equals(fp)) {
                fingerprintCounts[i] += count;
                return;
            }
        }
        if (fingerprintCount < MAX_FINGERPRINTS) {
            fingerprintCounts[fingerprintCount] = count;
            fingerprints[fingerprintCount++] = fp;
        } else {
            moreFingerprints = true;
        }
    }

    /**
     * Returns a tally in the same state, which then changes on its own (a fork of the correlator). What the
     * login's last judgement saw ({@link #judgedContext}) is kept as it is: a fork's address table reports no
     * departures, so it is never trusted there.
     */
    SourceTally copy() {
        SourceTally c = new SourceTally(keys);
        c.failures = failures;
        c.successes = successes;
        c.successesBeforeFailures = successesBeforeFailures;
        c.successesAfterFailures = successesAfterFailures;
        c.failuresSinceLastSuccess = failuresSinceLastSuccess;
        c.unknownUsers = unknownUsers;
        c.firstMs = firstMs;
        c.lastMs = lastMs;
        c.firstFailureMs = firstFailureMs;
        c.lastFailureMs = lastFailureMs;
        c.firstSuccessAfterFailuresMs = firstSuccessAfterFailuresMs;
        c.lastSuccessMs = lastSuccessMs;
        c.burstGaps = burstGaps;
        c.protocolMask = protocolMask;
        c.failureProtocolMask = failureProtocolMask;
        c.ports.copyFrom(ports);
        c.failurePorts.copyFrom(failurePorts);
        c.fingerprints = fingerprints == null ? null : fingerprints.clone();
        c.fingerprintCounts = fingerprintCounts == null ? null : fingerprintCounts.clone();
        c.fingerprintCount = fingerprintCount;
        c.moreFingerprints = moreFingerprints;
        c.fingerprintedFailures = fingerprintedFailures;
        c.helo = helo;
        if (gaps != null) {
            c.gaps = new GapSample[gaps.length];
            for (int i = 0; i < gaps.length; i++) {
                c.gaps[i] = gaps[i] == null ? null : gaps[i].copy();
            }
        }
        c.episode.copyFrom(episode);
        if (longestFinished != null) {
            c.longestFinished = new FailureEpisode();
            c.longestFinished.copyFrom(longestFinished);
        }
        c.judgedContext = judgedContext;
        c.judgedContextChanges = judgedContextChanges;
        c.judgedArrivals = judgedArrivals;
        c.unitemized = unitemized;
        return c;
    }
}
