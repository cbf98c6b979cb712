package dev.authaudit.correlate;

import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Turns the mutable summaries into immutable evidence records, adding what is known about each source. */
final class EvidenceBuilder {
    private static final Comparator<SourceEvidence> SOURCE_ORDER = Comparator.comparingLong(SourceEvidence::failures)
            .reversed().thenComparing(SourceEvidence::first, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(SourceEvidence::ip);
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private final CorrelationStore store;
    /**
     * The evidence records' protocol sets by {@link ProtocolMask}, each made once: a record keeps an immutable
     * set as it is, where it copied a new one (through a hash set) for every source of every judgement.
     */
    private final List<Set<Protocol>> protocolSets = new ArrayList<>(Collections.nCopies(1 << PROTOCOLS.length, null));

    EvidenceBuilder(CorrelationStore store) {
        this.store = store;
    }

    private Set<Protocol> protocols(int mask) {
        Set<Protocol> set = protocolSets.get(mask);
        if (set == null) {
            set = Set.copyOf(ProtocolMask.toSet(mask));
            protocolSets.set(mask, set);
        }
        return set;
    }

    AccountEvidence account(AccountSummary a) {
        return account(a, false);
    }

    /**
     * Returns the login's evidence for a judgement, and notes in the summary and its tallies what it was
     * built from (see {@link #unchangedSinceJudged}).
     */
    AccountEvidence judged(AccountSummary a, long epoch) {
        AccountEvidence e = account(a, true);
        noteJudged(a, epoch);
        return e;
    }

    /**
     * Notes in the summary that its evidence as it is now was judged, every source's context recorded already
     * (by {@link #judged}, or for a verdict that stood with the sources {@link #added} returned, which recorded
     * theirs, the others' being as recorded before).
     */
    void noteJudged(AccountSummary a, long epoch) {
        a.judgedEpoch = epoch;
        a.sourcesChanged = false;
        a.judgedIps = a.ips.count();
        a.judgedFingerprints = a.fingerprints.count();
        // an address table that reports no departures (a fork's): its logins never watch a summary (which may
        // be the live auditor's, read through the fork's overlay) and are never trusted unchanged
        boolean untrusted = !store.ips().reportsDepartures();
        boolean walk = untrusted;
        for (int i = 0; i < a.sourceCount && !untrusted; i++) {
            IpSummary seen = a.sources[i].judgedContext;
            walk |= seen == null || !seen.watch(a);
        }
        a.walkContexts = walk;
        a.judgedContextChanges = a.contextChanges;
        a.judgedSources = a.sourceCount;
        a.judgedSourceHit = false;
    }

    /**
     * Returns true when the login's evidence can differ from what its last judgement ({@link #judged}) saw
     * only in its totals: no event but counted failures came since ({@code epoch} unchanged), no failure
     * reached an itemised source, no source's address summary changed, left or appeared, and the distinct
     * address and fingerprint counts did not fall (an estimate above the exact range may wobble). Without
     * departure marks on the address table it cannot tell and says false.
     */
    boolean unchangedSinceJudged(AccountSummary a, long epoch) {
        if (a.judgedEpoch != epoch || a.sourcesChanged || !store.ips().reportsDepartures()) {
            return false;
        }
        return othersUnchanged(a);
    }

    /**
     * Returns true when, apart from the sources the login's list took on since its last judgement
     * ({@link #added}), its evidence can differ from what that judgement saw only in its totals: as
     * {@link #unchangedSinceJudged}, except that sources were added to the list (none replaced), and failures may
     * have reached them but no other source. (A botnet's login takes on a few one-off addresses before its list
     * holds its share of them: each was a whole judgement.)
     */
    boolean onlyAddedSinceJudged(AccountSummary a, long epoch) {
        return a.judgedEpoch == epoch && !a.judgedSourceHit && a.sourceCount > a.judgedSources
                && store.ips().reportsDepartures() && othersUnchanged(a);
    }

    /**
     * Returns the evidence of the sources the login's list took on since its last judgement, recording their
     * contexts as a judgement does: when the verdict stands with them, {@link #noteJudged} makes the evidence as
     * it is now the judged one.
     */
    List<SourceEvidence> added(AccountSummary a) {
        List<SourceEvidence> added = new ArrayList<>(a.sourceCount - a.judgedSources);
        for (int i = a.judgedSources; i < a.sourceCount; i++) {
            added.add(source(a.sources[i], a.login, true));
        }
        return added;
    }

    /**
     * Returns true when no judged source's address summary changed, left or appeared since the judgement, and
     * the distinct address and fingerprint counts did not fall.
     */
    private boolean othersUnchanged(AccountSummary a) {
        if (a.walkContexts ? contextsChanged(a) : a.contextChanges != a.judgedContextChanges) {
            return false;
        }
        return a.ips.count() >= a.judgedIps && a.fingerprints.count() >= a.judgedFingerprints;
    }

    /**
     * Returns true when a source's address summary changed or left since the login was judged, or one appeared
     * for a source that had none: read source by source, for a login that does not watch all of them.
     */
    private boolean contextsChanged(AccountSummary a) {
        // the judged sources: those added since are not judged yet (an added one's evidence is read anew)
        int judged = a.sourcesChanged ? Math.min(a.judgedSources, a.sourceCount) : a.sourceCount;
        for (int i = 0; i < judged; i++) {
            SourceTally t = a.sources[i];
            IpSummary seen = t.judgedContext;
            if (seen == null ? appeared(t) : seen.departed || seen.changes != t.judgedContextChanges) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns true when the address table holds a summary of a source that had none when it was judged:
     * no lookup while the table counts no new entry for the address since.
     */
    private boolean appeared(SourceTally t) {
        int arrivals = store.ips().arrivals(t.ip, t.ipHash);
        if (arrivals >= 0 && arrivals == t.judgedArrivals) {
            return false;
        }
        if (store.ips().peek(t.ip) != null) {
            return true;
        }
        // still none: the count as of now stands for "none" from here on
        t.judgedArrivals = arrivals;
        return false;
    }

    private AccountEvidence account(AccountSummary a, boolean judged) {
        List<SourceEvidence> sources = new ArrayList<>(a.sourceCount);
        for (int i = 0; i < a.sourceCount; i++) {
            sources.add(source(a.sources[i], a.login, judged));
        }
        sources.sort(SOURCE_ORDER);
        return new AccountEvidence(a.login, a.failures, a.failureLines, a.successes,
                a.reasons[FailureReason.PASSWORD_MISMATCH.ordinal()], a.reasons[FailureReason.UNKNOWN_USER.ordinal()],
                a.reasons[FailureReason.OTHER.ordinal()], instant(a.firstFailureMs), instant(a.lastFailureMs),
                instant(a.firstSuccessMs), instant(a.lastSuccessMs), a.ips.count(), a.networks.count(),
                a.fingerprints.count(), a.topFingerprints.toList(), sources, a.omittedSources, a.omittedSourceFailures,
                a.elsewhereIp, instant(a.elsewhereMs), a.elsewhereCount, protocols(a.protocolMask));
    }

    IpEvidence ip(IpSummary s) {
        NetworkHistory net = s.network == null ? null : store.networks().peek(s.network);
        // an address seen once (most of a botnet day's) has one instant for its first and last line
        Instant first = instant(s.firstMs);
        Instant last = s.lastMs == s.firstMs ? first : instant(s.lastMs);
        return new IpEvidence(s.ip, s.network, s.failures, s.failureLines, s.successes, s.unknownUsers,
                s.loginCount(), s.failedLogins(), s.successLogins(), s.fingerprintCount(), s.gaps,
                s.burstGaps, protocols(s.protocolMask), first, last, s.dropHits(),
                s.dropAttempts(), s.retransmissions(), s.dropPortCount(), s.dropPortSample(),
                instant(s.firstDropMs()), instant(s.lastDropMs()), s.blocks, s.unblocks, s.reachedServer,
                net == null ? 0 : net.successes, net == null ? List.of() : net.logins.keys(),
                s.failedLoginCount(), maxOneLogin(s), s.firstFingerprint);
    }

    private static long maxOneLogin(IpSummary s) {
        return s.maxFailuresOneLogin;
    }

    private long pairSuccesses(String key) {
        if (key == null) {
            return 0;
        }
        PairHistory h = store.pairHistory().peek(key);
        return h == null ? 0 : h.successes;
    }

    private SourceEvidence source(SourceTally t, String login, boolean judged) {
        List<Rhythm> rhythms = new ArrayList<>(1);
        if (t.gaps != null) {
            for (Protocol p : PROTOCOLS) {
                GapSample g = t.gaps[p.ordinal()];
                if (g != null) {
                    rhythms.add(new Rhythm(p, g.total(), g.median(), g.spread()));
                }
            }
        }
        int top = t.topFingerprint();
        return new SourceEvidence(t.ip, t.network, t.failures, t.successes, protocols(t.protocolMask),
                t.ports.toList(), instant(t.firstMs), instant(t.lastMs), instant(t.firstFailureMs),
                instant(t.lastFailureMs), t.successesBeforeFailures, t.successesAfterFailures,
                instant(t.firstSuccessAfterFailuresMs), t.failuresSinceLastSuccess, t.distinctFingerprints(), t.helo,
                rhythms, t.burstGaps, context(t, judged), t.unknownUsers, t.fingerprintedFailures,
                top < 0 ? null : t.fingerprints[top], top < 0 ? 0 : t.fingerprintCounts[top], instant(t.lastSuccessMs),
                t.network == null ? 0 : pairSuccesses(t.keys.networkLogin()),
                pairSuccesses(t.keys.ipDomain()), t.episode.evidence(),
                t.longest().evidence(), protocols(t.failureProtocolMask), t.failurePorts.toList(),
                t.unitemized);
    }

    private IpContext context(SourceTally t, boolean judged) {
        String network = t.network;
        IpSummary s = store.ips().peek(t.ip);
        if (judged) {
            t.judgedContext = s;
            t.judgedContextChanges = s == null ? 0 : s.changes;
            t.judgedArrivals = s == null ? store.ips().arrivals(t.ip, t.ipHash) : 0;
        }
        NetworkHistory net = network == null ? null : store.networks().peek(network);
        if (s == null && net == null) {
            return IpContext.unknown();
        }
        return new IpContext(s != null, s == null ? 0 : s.loginCount(), s == null ? 0 : s.failures,
                s == null ? 0 : s.successes, s == null ? List.of() : s.successLogins(),
                s == null ? 0 : s.fingerprintCount(), net == null ? 0 : net.successes,
                net == null ? List.of() : net.logins.keys(), s == null ? 0 : s.failedLoginCount(),
                s == null ? 0 : s.unknownUsers, s == null ? 0 : maxOneLogin(s));
    }

    static Instant instant(long ms) {
        return ms < 0 ? null : Instant.ofEpochMilli(ms);
    }
}
