package dev.authaudit.correlate;

import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Protocol;

/**
 * What the correlator keeps about one login for the whole run: counters, distinct counts, the busiest
 * sources and the first success elsewhere after failures began. Opaque outside this package; a store
 * only holds it. It is also the listener's slot for the login ({@link CorrelationListener.AccountSlot}), which a
 * copy leaves empty.
 */
public final class AccountSummary extends CorrelationListener.AccountSlot {
    private static final int TOP_FINGERPRINTS = 8;

    final String login;
    final SourceTally[] sources;
    int sourceCount;
    long omittedSources;
    long omittedSourceFailures;
    long failures;
    long failureLines;
    long successes;
    final long[] reasons = new long[FailureReason.values().length];
    long firstFailureMs = -1;
    long lastFailureMs = -1;
    long firstSuccessMs = -1;
    long lastSuccessMs = -1;
    final DistinctCounter ips = new DistinctCounter();
    final DistinctCounter networks = new DistinctCounter();
    final DistinctCounter fingerprints = new DistinctCounter();
    final TopCounts topFingerprints = new TopCounts(TOP_FINGERPRINTS);
    String elsewhereIp;
    long elsewhereMs = -1;
    long elsewhereCount;
    int protocolMask;
    /**
     * Whether a source may have a failure episode that no success of the login has confirmed yet: the
     * next success then tells the sources; otherwise it has nothing to tell them.
     */
    boolean unconfirmed;
    /**
     * What the login's last judgement saw, so the next one can tell whether only its totals moved since: the
     * correlator's epoch then (-1 before the first), whether an itemised source changed since, and the
     * distinct address and fingerprint counts then.
     */
    long judgedEpoch = -1;
    boolean sourcesChanged = true;
    long judgedIps;
    long judgedFingerprints;
    /**
     * Changes of the address summaries this login watches ({@link IpSummary#watch}), counted by them, and the
     * count when it was last judged; {@code walkContexts} when some source's context is not watched by it
     * (none, or another login's), so a check must read each source's.
     */
    long contextChanges;
    long judgedContextChanges;
    boolean walkContexts = true;
    /**
     * The login's entry in the correlator's judgement throttle, so a judgement looks nothing up (null before the
     * first; one the throttle dropped, or another throttle's, is looked up again). Not copied: a fork has its own.
     */
    NotifyThrottle.Judged throttled;
    /**
     * How many sources the list held when the login was last judged (they keep their slots until one is
     * replaced), and whether a failure reached one of them, or a slot was replaced, since: then the judgement
     * cannot be about the sources taken on since alone ({@link EvidenceBuilder#onlyAddedSinceJudged}).
     */
    int judgedSources;
    boolean judgedSourceHit = true;
    /**
     * Of each itemised source, kept beside the list so that {@link #source} reads no tally for an address it
     * does not itemise (a botnet's: most failures of the botnet day end "omitted one-off", and reading each
     * tally's fields there was ~4-7% of the main thread): its address's hash code, and its
     * {@link SourceTally#weight} shifted left by one with the low bit set when it is a one-off, with
     * {@link #oneOffSources} counting those. The weight and one-off mark of the tally last handed out
     * ({@link #handedAt}, which its caller may change then) are read again before the next lookup. (Declared
     * last, and two arrays rather than three: the fields a failure updates keep their places in the object.)
     */
    private final int[] sourceHashes;
    private final long[] sourceMarks;
    private int oneOffSources;
    /** The failures up to which the marks count a source as a one-off (the setting; -1 before the first lookup). */
    private int oneOffLimit = -1;
    private int handedAt = -1;

    AccountSummary(String login, int maxSources) {
        this.login = login;
        this.sources = new SourceTally[maxSources];
        this.sourceHashes = new int[maxSources];
        this.sourceMarks = new long[maxSources];
    }

    void failure(Attempt a, long ms, String network) {
        failure(a, ms, network, a.ip() == null ? 0 : DistinctCounter.hash(a.ip()),
                network == null ? 0 : DistinctCounter.hash(network));
    }

    /** Applies a failure whose address's and network's {@link DistinctCounter#hash} the caller already has. */
    void failure(Attempt a, long ms, String network, long ipHash, long networkHash) {
        failures += a.count();
        failureLines++;
        reasons[a.reason().ordinal()] += a.count();
        if (firstFailureMs < 0) {
            firstFailureMs = ms;
        }
        lastFailureMs = Math.max(lastFailureMs, ms);
        protocolMask = ProtocolMask.with(protocolMask, a.protocol());
        if (a.ip() != null) {
            ips.addHash(ipHash);
            networks.addHash(network == null ? DistinctCounter.hash(network) : networkHash);
        }
        if (a.passwordFp() != null) {
            fingerprints.add(a.passwordFp());
            topFingerprints.add(a.passwordFp(), a.count());
        }
    }

    void success(String ip, Protocol protocol, long ms, SourceTally source) {
        successes++;
        if (firstSuccessMs < 0) {
            firstSuccessMs = ms;
        }
        lastSuccessMs = Math.max(lastSuccessMs, ms);
        protocolMask = ProtocolMask.with(protocolMask, protocol);
        boolean failingSource = source != null && source.failures > 0;
        if (firstFailureMs >= 0 && ms >= firstFailureMs && !failingSource && ip != null) {
            // a device that never failed got in after the failures began: the password works there
            elsewhereCount++;
            if (elsewhereMs < 0) {
                elsewhereMs = ms;
                elsewhereIp = ip;
            }
        }
        // every failing source learns that the password worked while it kept failing (or stopped)
        if (unconfirmed) {
            boolean still = false;
            for (int i = 0; i < sourceCount; i++) {
                still |= sources[i].loginSucceeded(ms, ip);
            }
            unconfirmed = still;
        }
    }

    /**
     * Returns the tally for an address, making room for it when the list is full; null when the list
     * holds only heavier sources, or when the address is one more one-off and the list already holds its
     * share of them. A new tally is seeded with the address's earlier successes and failures.
     *
     * @param failures the failures the event brings (0 for a success)
     * @param earlierFailures failures of this (address, login) seen before this event but not itemised here
     */
    SourceTally source(SubjectKeys.Pair keys, long failures, PairHistory history, long earlierFailures,
                       int maxOneOffs, int oneOffFailures) {
        settle();
        if (oneOffFailures != oneOffLimit) {
            remark(oneOffFailures);
        }
        String ip = keys.address.ip;
        int h = ip.hashCode();
        for (int i = 0; i < sourceCount; i++) {
            if (sourceHashes[i] == h && sources[i].ip.equals(ip)) {
                handedAt = i;
                judgedSourceHit |= i < judgedSources;
                return sources[i];
            }
        }
        boolean oneOff = failures > 0 && (history == null || history.successes == 0)
                && earlierFailures + failures <= oneOffFailures;
        if (oneOff && oneOffSources >= maxOneOffs) {
            // a botnet tries each login from many addresses: count them, keep the list for those that matter
            omittedSources++;
            omittedSourceFailures += failures;
            return null;
        }
        // the first of the lightest
        int lightestAt = -1;
        long lightest = 0;
        for (int i = 0; i < sourceCount; i++) {
            long w = sourceMarks[i] >>> 1;
            if (lightestAt < 0 || w < lightest) {
                lightestAt = i;
                lightest = w;
            }
        }
        long incomingWeight = SourceTally.weight(earlierFailures + failures,
                failures > 0 ? 0 : 1 + (history == null ? 0 : history.successes));
        if (sourceCount == sources.length && lightest > incomingWeight) {
            omittedSources++;
            omittedSourceFailures += failures;
            return null;
        }
        SourceTally created = new SourceTally(keys);
        sourcesChanged = true;
        created.history(history);
        created.earlierFailures(earlierFailures);
        int at;
        if (sourceCount < sources.length) {
            at = sourceCount++;
        } else {
            omittedSources++;
            omittedSourceFailures += sources[lightestAt].failures;
            at = lightestAt;
            judgedSourceHit = true;
        }
        sources[at] = created;
        sourceHashes[at] = h;
        mark(at);
        handedAt = at;
        return created;
    }

    /**
     * Reads again the weight and one-off mark of the tally last handed out, which its caller may have changed; a
     * caller done changing it may call this itself while the tally is in the cache (its marks are read only
     * after a settle, and only the caller it was handed to changes a tally).
     */
    void settle() {
        int at = handedAt;
        if (at >= 0) {
            handedAt = -1;
            mark(at);
        }
    }

    /** Takes the weight and one-off mark of the tally in a slot. */
    private void mark(int at) {
        SourceTally t = sources[at];
        boolean oneOff = t.successes == 0 && t.failures > 0 && t.failures <= oneOffLimit;
        if (oneOff != ((sourceMarks[at] & 1) != 0)) {
            oneOffSources += oneOff ? 1 : -1;
        }
        // (a weight is below 2^62: the shift loses nothing)
        sourceMarks[at] = t.weight() << 1 | (oneOff ? 1 : 0);
    }

    /** Marks every source again by another one-off limit (the first lookup's, or a caller's other setting). */
    private void remark(int oneOffFailures) {
        oneOffLimit = oneOffFailures;
        for (int i = 0; i < sourceCount; i++) {
            mark(i);
        }
    }

    /**
     * Returns the pair's tally when this login itemises it: first where the pair last found it (a list
     * slot changes only when a tally replaces another), else by address.
     */
    SourceTally find(SubjectKeys.Pair pair) {
        settle();
        int at = pair.sourceSlot;
        if (at < sourceCount && pair.sourceAccount == this && sources[at] == pair.source && pair.source != null) {
            handedAt = at;
            return pair.source;
        }
        String ip = pair.address.ip;
        int h = ip.hashCode();
        for (int i = 0; i < sourceCount; i++) {
            if (sourceHashes[i] == h && sources[i].ip.equals(ip)) {
                pair.source = sources[i];
                pair.sourceSlot = i;
                pair.sourceAccount = this;
                handedAt = i;
                return sources[i];
            }
        }
        return null;
    }

    /** Returns a summary in the same state, its sources too, which then changes on its own (a fork of the correlator). */
    AccountSummary copy() {
        AccountSummary c = new AccountSummary(login, sources.length);
        for (int i = 0; i < sourceCount; i++) {
            c.sources[i] = sources[i].copy();
        }
        c.sourceCount = sourceCount;
        System.arraycopy(sourceHashes, 0, c.sourceHashes, 0, sourceHashes.length);
        System.arraycopy(sourceMarks, 0, c.sourceMarks, 0, sourceMarks.length);
        c.oneOffSources = oneOffSources;
        c.oneOffLimit = oneOffLimit;
        c.handedAt = handedAt;
        c.omittedSources = omittedSources;
        c.omittedSourceFailures = omittedSourceFailures;
        c.failures = failures;
        c.failureLines = failureLines;
        c.successes = successes;
        System.arraycopy(reasons, 0, c.reasons, 0, reasons.length);
        c.firstFailureMs = firstFailureMs;
        c.lastFailureMs = lastFailureMs;
        c.firstSuccessMs = firstSuccessMs;
        c.lastSuccessMs = lastSuccessMs;
        c.ips.copyFrom(ips);
        c.networks.copyFrom(networks);
        c.fingerprints.copyFrom(fingerprints);
        c.topFingerprints.copyFrom(topFingerprints);
        c.elsewhereIp = elsewhereIp;
        c.elsewhereMs = elsewhereMs;
        c.elsewhereCount = elsewhereCount;
        c.protocolMask = protocolMask;
        c.unconfirmed = unconfirmed;
        c.judgedEpoch = judgedEpoch;
        c.sourcesChanged = sourcesChanged;
        c.judgedIps = judgedIps;
        c.judgedFingerprints = judgedFingerprints;
        c.contextChanges = contextChanges;
        c.judgedContextChanges = judgedContextChanges;
        c.walkContexts = walkContexts;
        c.judgedSources = judgedSources;
        c.judgedSourceHit = judgedSourceHit;
        return c;
    }
}
