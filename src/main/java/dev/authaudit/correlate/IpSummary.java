package dev.authaudit.correlate;

import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Protocol;

/**
 * What the correlator keeps about one source address for the whole run: failure and success counts,
 * the logins it used, firewall drops (deduplicated) and blocks. Opaque outside this package; a store
 * only holds it.
 */
public final class IpSummary {
    private static final int TOP_LOGINS = 8;
    private static final int DROP_PORT_SAMPLE = 16;
    /** Pair windows held in the summary; an address trying more logins at once uses the store's table. */
    static final int INLINE_PAIRS = 4;
    private static final Protocol[] PROTOCOLS = Protocol.values();

    final String ip;
    final String network;
    long failures;
    long failureLines;
    long successes;
    long unknownUsers;
    /**
     * Until a second distinct login fails here ({@link Rare#failedLogins}), the one login that failed (or null)
     * and its failures: most of a botnet's addresses try one login, and two objects fewer for each in the table
     * is less for the collector to copy while the table fills.
     */
    private String onlyLogin;
    private long onlyLoginFailures;
    /** The most failures on one login from this address (counted while that pair was active). */
    long maxFailuresOneLogin;
    /** The first password fingerprint the address sent (enough to compare a one-off with a client's). */
    String firstFingerprint;
    long lastFailureMs = -1;
    long gaps;
    long burstGaps;
    int protocolMask;
    long firstMs = -1;
    long lastMs = -1;
    /**
     * What most addresses never have, made on the first of it: a success, a second login, a fingerprint, a
     * firewall drop, a second login's window. A botnet's million addresses each fail once, and the summary
     * held in the address table for each is copied by the collector while the table fills: 208 bytes with
     * these fields in it, 168 without (besides the two windows {@link #loneCapacity} spares).
     */
    private Rare rare;
    int blocks;
    int unblocks;
    boolean reachedServer;
    /** Counts the failures, successes and drops applied, so a holder can tell whether it changed since it looked. */
    int changes;
    /** Set when this summary left the address table (see {@link StateTable#reportsDepartures()}). */
    boolean departed;
    /**
     * The login that judged this summary first as one of its sources' context and is told of every change
     * since ({@link AccountSummary#contextChanges}); null before. A login judged later with it reads
     * {@link #changes} instead (see {@link EvidenceBuilder#unchangedSinceJudged}).
     */
    private AccountSummary watcher;
    /**
     * The address's recent failures and drops, for joining a block to them (null before the first and once
     * idle), and when it was last used on the correlator's clock. Held here rather than in a table of its
     * own, so a new address costs one insert into the address table, not one per kind of state.
     */
    private IpWindow window;
    private long windowUsedMs;
    /**
     * The windows of the first logins tried from here (see {@link #pairWindow}): {@link #pair0} holds the only
     * one while {@link Rare#pairs} is null (most addresses try one login: no array for each in the table), the
     * array from the second on; {@link #pairCount} are in use.
     */
    private PairWindow pair0;
    private int pairCount;
    /** Whether a login of this address ever had its window put in the store's pair window table. */
    boolean pairsOverflowed;
    /**
     * Non-zero while the summary has seen one event, its first failure ({@link #firstFailure}), and the windows
     * that failure made are implicit: the address's, of this capacity, holding that one failure, and the
     * login's polling window, used when {@link #windowUsedMs} says; both are made from the summary's own fields
     * ({@link #inflate}) before anything else reads or changes them. Most of a botnet's addresses fail once, and
     * the two windows were 128 of the ~340 bytes each held in the address table cost the collector.
     */
    private int loneCapacity;

    /**
     * Makes {@code login} the watcher told of this summary's changes, unless another login is; returns true when
     * it is (now or already).
     */
    boolean watch(AccountSummary login) {
        if (watcher == null) {
            watcher = login;
        }
        return watcher == login;
    }

    /** Marks that this summary left the address table, and tells its watcher. */
    void depart() {
        departed = true;
        changed();
    }

    /** Counts a change of what a login's evidence reads from here, and tells the watcher. */
    private void changed() {
        changes++;
        if (watcher != null) {
            watcher.contextChanges++;
        }
    }

    IpSummary(String ip, String network) {
        this.ip = ip;
        this.network = network;
    }

    /**
     * Returns true when no event was applied here yet and no window is held, so {@link #firstFailure} may
     * apply a failure with its windows left implicit.
     */
    boolean blank() {
        return changes == 0 && window == null && pairCount == 0 && !pairsOverflowed;
    }

    /**
     * Applies the first failure of a {@link #blank} summary as {@link #failure} would, and leaves the windows the
     * caller would then make implicit: the address's window (of {@code capacity}) holding the failure, and, with
     * a login, its polling window in the first slot (its failures being this failure's attempts), both used at
     * {@code nowMs}; {@link #maxFailuresOneLogin} counts that window's failures. The time must not be negative.
     */
    void firstFailure(Attempt a, long ms, long nowMs, int capacity, String login, long loginHash) {
        failure(a, ms, 0, login, loginHash);
        windowUsedMs = nowMs;
        loneCapacity = capacity;
        if (login != null) {
            maxFailuresOneLogin = Math.max(maxFailuresOneLogin, failures);
        }
    }

    /**
     * Makes the windows a {@link #firstFailure} left implicit, from the fields that failure set (nothing else
     * changed them since): its time, login, attempts, fingerprint and protocol (the only one in the mask).
     */
    private void inflate() {
        int capacity = loneCapacity;
        if (capacity == 0) {
            return;
        }
        loneCapacity = 0;
        Protocol protocol = PROTOCOLS[Integer.numberOfTrailingZeros(protocolMask)];
        window = new IpWindow(capacity);
        window.addFailure(lastFailureMs, onlyLogin, protocol, (int) failures, firstFingerprint);
        if (onlyLogin != null) {
            PairWindow p = new PairWindow(onlyLogin);
            p.failure(protocol, lastFailureMs);
            p.failures = failures;
            p.usedMs = windowUsedMs;
            pair0 = p;
            pairCount = 1;
        }
    }

    /**
     * Returns the address's window as a table that expires entries after {@code idleMs} without use would:
     * null when there is none or it idled out (a new one when {@code create}); using it renews it.
     */
    IpWindow window(long nowMs, long idleMs, int capacity, boolean create) {
        inflate();
        if (window != null && nowMs - windowUsedMs >= idleMs) {
            window = null;
        }
        if (window == null) {
            if (!create) {
                return null;
            }
            window = new IpWindow(capacity);
        }
        windowUsedMs = nowMs;
        return window;
    }

    /**
     * Returns the live window of (this address, {@code login}) held here, renewed, or a new one in a free or
     * idle slot when {@code create}; null when none is held (and, with {@code create}, when every slot holds
     * a live window of another login: the caller uses the store's table).
     */
    PairWindow pairWindow(String login, long nowMs, long idleMs, boolean create) {
        inflate();
        int free = -1;
        for (int i = 0; i < pairCount; i++) {
            PairWindow p = pairAt(i);
            boolean idle = nowMs - p.usedMs >= idleMs;
            if (p.login.equals(login)) {
                if (idle) {
                    setPair(i, null);
                    free = i;
                    break;
                }
                p.usedMs = nowMs;
                return p;
            }
            if (idle && free < 0) {
                free = i;
            }
        }
        if (!create) {
            if (free >= 0 && pairAt(free) == null) {
                // the login's own window idled out: drop it, keep the slot for the next
                setPair(free, pairAt(--pairCount));
                setPair(pairCount, null);
            }
            return null;
        }
        if (free < 0) {
            PairWindow[] pairs = pairs();
            if (pairCount == (pairs == null ? 1 : pairs.length)) {
                if (pairCount == INLINE_PAIRS) {
                    return null;
                }
                PairWindow[] grown = new PairWindow[Math.min(INLINE_PAIRS, pairCount * 2)];
                for (int i = 0; i < pairCount; i++) {
                    grown[i] = pairAt(i);
                }
                rare().pairs = grown;
                pair0 = null;
            }
            free = pairCount++;
        }
        PairWindow p = new PairWindow(login);
        p.usedMs = nowMs;
        setPair(free, p);
        return p;
    }

    /** Returns the array of pair windows, or null while {@link #pair0} holds the only one. */
    private PairWindow[] pairs() {
        return rare == null ? null : rare.pairs;
    }

    private PairWindow pairAt(int i) {
        PairWindow[] pairs = pairs();
        return pairs == null ? pair0 : pairs[i];
    }

    private void setPair(int i, PairWindow p) {
        PairWindow[] pairs = pairs();
        if (pairs == null) {
            pair0 = p;
        } else {
            pairs[i] = p;
        }
    }

    /** Returns the rarely used part, made on first use. */
    private Rare rare() {
        if (rare == null) {
            rare = new Rare();
        }
        return rare;
    }

    /** Drops the windows idle for {@code idleMs}, so a long-running watch frees them without new events. */
    void expireWindows(long nowMs, long idleMs) {
        if (loneCapacity != 0) {
            // both implicit windows were last used at the failure
            if (nowMs - windowUsedMs >= idleMs) {
                loneCapacity = 0;
            }
            return;
        }
        if (window != null && nowMs - windowUsedMs >= idleMs) {
            window = null;
        }
        int kept = 0;
        for (int i = 0; i < pairCount; i++) {
            PairWindow p = pairAt(i);
            if (nowMs - p.usedMs < idleMs) {
                setPair(kept++, p);
            }
        }
        for (int i = kept; i < pairCount; i++) {
            setPair(i, null);
        }
        pairCount = kept;
    }

    /** Returns how many distinct logins were used from here, failed or succeeded. */
    long loginCount() {
        return rare == null || rare.logins == null ? failedLoginCount() : rare.logins.count();
    }

    /** Returns how many distinct logins failed from here. */
    long failedLoginCount() {
        return rare != null && rare.failedLoginCount != null ? rare.failedLoginCount.count() : onlyLogin != null ? 1 : 0;
    }

    /** Returns the logins that failed from here with their failures, busiest first (at most {@value #TOP_LOGINS}). */
    java.util.List<Count> failedLogins() {
        return rare != null && rare.failedLogins != null ? rare.failedLogins.toList()
                : onlyLogin != null ? java.util.List.of(new Count(onlyLogin, onlyLoginFailures)) : java.util.List.of();
    }

    /** Counts a failure of a login, whose {@link DistinctCounter#hash} is {@code hash}, among the failed ones. */
    private void failedLogin(String login, long n, long hash) {
        Rare r = rare;
        if (r == null || r.failedLogins == null) {
            if (onlyLogin == null) {
                onlyLogin = login;
                onlyLoginFailures = n;
                return;
            }
            if (onlyLogin.equals(login)) {
                onlyLoginFailures += n;
                return;
            }
            // a second login: the counters take over, in the state the one login's failures would have left them
            r = rare();
            r.failedLogins = new TopCounts(TOP_LOGINS);
            r.failedLogins.add(onlyLogin, onlyLoginFailures);
            r.failedLoginCount = new DistinctCounter();
            r.failedLoginCount.addHash(DistinctCounter.hash(onlyLogin));
            onlyLogin = null;
        }
        r.failedLogins.add(login, n);
        r.failedLoginCount.addHash(hash);
    }

    /** Returns a counter of the logins that failed from here, which then counts on its own. */
    private DistinctCounter failedLoginCounter() {
        if (rare != null && rare.failedLoginCount != null) {
            return rare.failedLoginCount.copy();
        }
        DistinctCounter c = new DistinctCounter();
        if (onlyLogin != null) {
            c.addHash(DistinctCounter.hash(onlyLogin));
        }
        return c;
    }

    /** Returns the logins that succeeded from here, busiest first. */
    java.util.List<String> successLogins() {
        return rare == null || rare.successLogins == null ? java.util.List.of() : rare.successLogins.keys();
    }

    /** Returns how many distinct password fingerprints came from here. */
    long fingerprintCount() {
        return rare == null || rare.fingerprints == null ? 0 : rare.fingerprints.count();
    }

    /** Returns the time of the last success, or -1. */
    long lastSuccessMs() {
        return rare == null ? -1 : rare.lastSuccessMs;
    }

    /**
     * What most addresses never have (see {@link IpSummary#rare}): the logins used from here and the failed ones
     * once two failed, the successful logins and the last success, the fingerprints, the firewall drops, and
     * the array of pair windows.
     */
    private static final class Rare {
        /**
         * The logins used from here, failed or not; null before the first success with a login, until when they
         * are exactly the failed ones ({@link #failedLoginCount}, fed the same values in the same order).
         */
        DistinctCounter logins;
        /** The failed logins, busiest first, and how many distinct ones failed: made on the second distinct login. */
        TopCounts failedLogins;
        DistinctCounter failedLoginCount;
        /** Made on the first success. */
        TopCounts successLogins;
        long lastSuccessMs = -1;
        /** Made on the first fingerprint. */
        DistinctCounter fingerprints;
        PairWindow[] pairs;
        long dropHits;
        long dropAttempts;
        long retransmissions;
        /** Made on the first dropped attempt with a port. */
        DistinctCounter dropPorts;
        SmallIntSet dropPortSample;
        long firstDropMs = -1;
        long lastDropMs = -1;

        /** Returns a copy in the same state, its pair windows' array not filled (the caller copies them). */
        Rare copy() {
            Rare c = new Rare();
            c.logins = logins == null ? null : logins.copy();
            c.failedLogins = failedLogins == null ? null : failedLogins.copy();
            c.failedLoginCount = failedLoginCount == null ? null : failedLoginCount.copy();
            c.successLogins = successLogins == null ? null : successLogins.copy();
            c.lastSuccessMs = lastSuccessMs;
            c.fingerprints = fingerprints == null ? null : fingerprints.copy();
            c.pairs = pairs == null ? null : new PairWindow[pairs.length];
            c.dropHits = dropHits;
            c.dropAttempts = dropAttempts;
            c.retransmissions = retransmissions;
            c.dropPorts = dropPorts == null ? null : dropPorts.copy();
            if (dropPortSample != null) {
                c.dropPortSample = new SmallIntSet(DROP_PORT_SAMPLE);
                c.dropPortSample.copyFrom(dropPortSample);
            }
            c.firstDropMs = firstDropMs;
            c.lastDropMs = lastDropMs;
            return c;
        }
    }

    /** Returns the firewall drops as logged. */
    long dropHits() {
        return rare == null ? 0 : rare.dropHits;
    }

    /** Returns the drops with SYN retransmissions folded into one attempt. */
    long dropAttempts() {
        return rare == null ? 0 : rare.dropAttempts;
    }

    /** Returns the drops that were SYN retransmissions of an earlier one. */
    long retransmissions() {
        return rare == null ? 0 : rare.retransmissions;
    }

    /** Returns the time of the first drop, or -1. */
    long firstDropMs() {
        return rare == null ? -1 : rare.firstDropMs;
    }

    /** Returns the time of the last drop, or -1. */
    long lastDropMs() {
        return rare == null ? -1 : rare.lastDropMs;
    }

    /** Returns how many distinct ports dropped attempts went to. */
    long dropPortCount() {
        return rare == null || rare.dropPorts == null ? 0 : rare.dropPorts.count();
    }

    /** Returns a sample of the ports dropped attempts went to. */
    java.util.List<Integer> dropPortSample() {
        return rare == null || rare.dropPortSample == null ? java.util.List.of() : rare.dropPortSample.toList();
    }

    void touch(long ms) {
        if (firstMs < 0 || ms < firstMs) {
            firstMs = ms;
        }
        lastMs = Math.max(lastMs, ms);
    }

    void failure(Attempt a, long ms, long burstGapMs) {
        failure(a, ms, burstGapMs, a.account(), a.account() == null ? 0 : DistinctCounter.hash(a.account()));
    }

    /**
     * Applies a failure whose login's {@link DistinctCounter#hash} the caller already has; {@code login} is the
     * attempt's login (equal to {@code a.account()}), as the run's one string for it where the caller has that: a
     * summary held for the whole run then keeps no copy of its own (the event's copy, one per address of a botnet).
     */
    void failure(Attempt a, long ms, long burstGapMs, String login, long loginHash) {
        inflate();
        changed();
        touch(ms);
        reachedServer = true;
        failures += a.count();
        failureLines++;
        if (a.reason() == FailureReason.UNKNOWN_USER) {
            unknownUsers += a.count();
        }
        if (login != null) {
            long h = loginHash;
            if (rare != null && rare.logins != null) {
                rare.logins.addHash(h);
            }
            failedLogin(login, a.count(), h);
        }
        if (a.passwordFp() != null) {
            if (firstFingerprint == null) {
                firstFingerprint = a.passwordFp();
            }
            Rare r = rare();
            if (r.fingerprints == null) {
                r.fingerprints = new DistinctCounter();
            }
            r.fingerprints.add(a.passwordFp());
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

    void success(String login, Protocol protocol, long ms) {
        success(login, login == null ? 0 : DistinctCounter.hash(login), protocol, ms);
    }

    /**
     * Applies a success whose login's {@link DistinctCounter#hash} the caller already has (the login's keys keep
     * it): an ordinary host's successes, most of its lines, then hash no login string.
     */
    void success(String login, long loginHash, Protocol protocol, long ms) {
        inflate();
        changed();
        touch(ms);
        reachedServer = true;
        successes++;
        Rare r = rare();
        r.lastSuccessMs = Math.max(r.lastSuccessMs, ms);
        if (login != null) {
            if (r.logins == null) {
                r.logins = failedLoginCounter();
            }
            r.logins.addHash(loginHash);
            if (r.successLogins == null) {
                r.successLogins = new TopCounts(TOP_LOGINS);
            }
            r.successLogins.add(login, 1);
        }
        protocolMask = ProtocolMask.with(protocolMask, protocol);
    }

    void drop(long ms, Integer port, boolean retransmission) {
        inflate();
        changed();
        touch(ms);
        Rare d = rare();
        d.dropHits++;
        if (d.firstDropMs < 0) {
            d.firstDropMs = ms;
        }
        d.lastDropMs = Math.max(d.lastDropMs, ms);
        if (retransmission) {
            d.retransmissions++;
            return;
        }
        d.dropAttempts++;
        if (port != null) {
            if (d.dropPorts == null) {
                d.dropPorts = new DistinctCounter();
                d.dropPortSample = new SmallIntSet(DROP_PORT_SAMPLE);
            }
            d.dropPorts.add(Integer.toString(port));
            d.dropPortSample.add(port);
        }
    }

    /**
     * Returns a summary in the same state, its windows too, which then changes on its own (a fork of the
     * correlator). Not departed: it is a fork's table's value.
     */
    IpSummary copy() {
        IpSummary c = new IpSummary(ip, network);
        c.failures = failures;
        c.failureLines = failureLines;
        c.successes = successes;
        c.unknownUsers = unknownUsers;
        c.onlyLogin = onlyLogin;
        c.onlyLoginFailures = onlyLoginFailures;
        c.maxFailuresOneLogin = maxFailuresOneLogin;
        c.firstFingerprint = firstFingerprint;
        c.lastFailureMs = lastFailureMs;
        c.gaps = gaps;
        c.burstGaps = burstGaps;
        c.protocolMask = protocolMask;
        c.firstMs = firstMs;
        c.lastMs = lastMs;
        c.rare = rare == null ? null : rare.copy();
        c.blocks = blocks;
        c.unblocks = unblocks;
        c.reachedServer = reachedServer;
        c.changes = changes;
        c.window = window == null ? null : window.copy();
        c.windowUsedMs = windowUsedMs;
        PairWindow[] pairs = pairs();
        if (pairs != null) {
            for (int i = 0; i < pairCount; i++) {
                c.rare.pairs[i] = pairs[i].copy();
            }
        }
        c.pair0 = pair0 == null ? null : pair0.copy();
        c.pairCount = pairCount;
        c.pairsOverflowed = pairsOverflowed;
        c.loneCapacity = loneCapacity;
        return c;
    }
}
