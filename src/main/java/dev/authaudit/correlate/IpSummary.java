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
     * The logins used from here, failed or not; null before the first success with a login, until when they are
     * exactly the failed ones ({@link #failedLoginCount}, fed the same values in the same order): most of a
     * botnet's addresses never log in (see {@link #loginCount}).
     */
    private DistinctCounter logins;
    /**
     * The failed logins, busiest first, and how many distinct ones failed: made on the second distinct login.
     * Until then {@link #onlyLogin} is the one login that failed (or null), {@link #onlyLoginFailures} its
     * failures and {@link #onlyLoginHash} its {@link DistinctCounter#hash}, which the counters would hold:
     * most of a botnet's addresses try one login, and two objects fewer for each in the table is less for the
     * collector to copy while the table fills.
     */
    private TopCounts failedLogins;
    private DistinctCounter failedLoginCount;
    private String onlyLogin;
    private long onlyLoginFailures;
    private long onlyLoginHash;
    /** The most failures on one login from this address (counted while that pair was active). */
    long maxFailuresOneLogin;
    /** Made on the first success: most of a botnet's addresses never log in. */
    private TopCounts successLogins;
    /** Made on the first fingerprint. */
    private DistinctCounter fingerprints;
    /** The first password fingerprint the address sent (enough to compare a one-off with a client's). */
    String firstFingerprint;
    long lastFailureMs = -1;
    long lastSuccessMs = -1;
    long gaps;
    long burstGaps;
    int protocolMask;
    long firstMs = -1;
    long lastMs = -1;
    /**
     * The firewall drops of the address, made on the first: most addresses that fail are never dropped (a
     * botnet's million), and a summary held by the address table for each is copied by the collector.
     */
    private Drops drops;
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
     * one while {@link #pairs} is null (most addresses try one login: no array for each in the table), the
     * array from the second on; {@link #pairCount} are in use.
     */
    private PairWindow[] pairs;
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
            if (pairCount == (pairs == null ? 1 : pairs.length)) {
                if (pairCount == INLINE_PAIRS) {
                    return null;
                }
                PairWindow[] grown = new PairWindow[Math.min(INLINE_PAIRS, pairCount * 2)];
                for (int i = 0; i < pairCount; i++) {
                    grown[i] = pairAt(i);
                }
                pairs = grown;
                pair0 = null;
            }
            free = pairCount++;
        }
        PairWindow p = new PairWindow(login);
        p.usedMs = nowMs;
        setPair(free, p);
        return p;
    }

    private PairWindow pairAt(int i) {
        return pairs == null ? pair0 : pairs[i];
    }

    private void setPair(int i, PairWindow p) {
        if (pairs == null) {
            pair0 = p;
        } else {
            pairs[i] = p;
        }
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
        return logins == null ? failedLoginCount() : logins.count();
    }

    /** Returns how many distinct logins failed from here. */
    long failedLoginCount() {
        return failedLoginCount != null ? failedLoginCount.count() : onlyLogin != null ? 1 : 0;
    }

    /** Returns the logins that failed from here with their failures, busiest first (at most {@value #TOP_LOGINS}). */
    java.util.List<Count> failedLogins() {
        return failedLogins != null ? failedLogins.toList()
                : onlyLogin != null ? java.util.List.of(new Count(onlyLogin, onlyLoginFailures)) : java.util.List.of();
    }

    /** Counts a failure of a login, whose {@link DistinctCounter#hash} is {@code hash}, among the failed ones. */
    private void failedLogin(String login, long n, long hash) {
        if (failedLogins == null) {
            if (onlyLogin == null) {
                onlyLogin = login;
                onlyLoginFailures = n;
                onlyLoginHash = hash;
                return;
            }
            if (onlyLogin.equals(login)) {
                onlyLoginFailures += n;
                return;
            }
            // a second login: the counters take over, in the state the one login's failures would have left them
            failedLogins = new TopCounts(TOP_LOGINS);
            failedLogins.add(onlyLogin, onlyLoginFailures);
            failedLoginCount = new DistinctCounter();
            failedLoginCount.addHash(onlyLoginHash);
            onlyLogin = null;
        }
        failedLogins.add(login, n);
        failedLoginCount.addHash(hash);
    }

    /** Returns a counter of the logins that failed from here, which then counts on its own. */
    private DistinctCounter failedLoginCounter() {
        if (failedLoginCount != null) {
            return failedLoginCount.copy();
        }
        DistinctCounter c = new DistinctCounter();
        if (onlyLogin != null) {
            c.addHash(onlyLoginHash);
        }
        return c;
    }

    /** Returns the logins that succeeded from here, busiest first. */
    java.util.List<String> successLogins() {
        return successLogins == null ? java.util.List.of() : successLogins.keys();
    }

    /** Returns how many distinct password fingerprints came from here. */
    long fingerprintCount() {
        return fingerprints == null ? 0 : fingerprints.count();
    }

    /** The drop counters of an address that was dropped at least once. */
    private static final class Drops {
        long hits;
        long attempts;
        long retransmissions;
        /** Made on the first dropped attempt with a port. */
        DistinctCounter ports;
        SmallIntSet portSample;
        long firstMs = -1;
        long lastMs = -1;

        Drops copy() {
            Drops c = new Drops();
            c.hits = hits;
            c.attempts = attempts;
            c.retransmissions = retransmissions;
            c.ports = ports == null ? null : ports.copy();
            if (portSample != null) {
                c.portSample = new SmallIntSet(DROP_PORT_SAMPLE);
                c.portSample.copyFrom(portSample);
            }
            c.firstMs = firstMs;
            c.lastMs = lastMs;
            return c;
        }
    }

    /** Returns the firewall drops as logged. */
    long dropHits() {
        return drops == null ? 0 : drops.hits;
    }

    /** Returns the drops with SYN retransmissions folded into one attempt. */
    long dropAttempts() {
        return drops == null ? 0 : drops.attempts;
    }

    /** Returns the drops that were SYN retransmissions of an earlier one. */
    long retransmissions() {
        return drops == null ? 0 : drops.retransmissions;
    }

    /** Returns the time of the first drop, or -1. */
    long firstDropMs() {
        return drops == null ? -1 : drops.firstMs;
    }

    /** Returns the time of the last drop, or -1. */
    long lastDropMs() {
        return drops == null ? -1 : drops.lastMs;
    }

    /** Returns how many distinct ports dropped attempts went to. */
    long dropPortCount() {
        return drops == null || drops.ports == null ? 0 : drops.ports.count();
    }

    /** Returns a sample of the ports dropped attempts went to. */
    java.util.List<Integer> dropPortSample() {
        return drops == null || drops.portSample == null ? java.util.List.of() : drops.portSample.toList();
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
            if (logins != null) {
                logins.addHash(h);
            }
            failedLogin(login, a.count(), h);
        }
        if (a.passwordFp() != null) {
            if (firstFingerprint == null) {
                firstFingerprint = a.passwordFp();
            }
            if (fingerprints == null) {
                fingerprints = new DistinctCounter();
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

    void success(String login, Protocol protocol, long ms) {
        inflate();
        changed();
        touch(ms);
        reachedServer = true;
        successes++;
        lastSuccessMs = Math.max(lastSuccessMs, ms);
        if (login != null) {
            if (logins == null) {
                logins = failedLoginCounter();
            }
            logins.add(login);
            if (successLogins == null) {
                successLogins = new TopCounts(TOP_LOGINS);
            }
            successLogins.add(login, 1);
        }
        protocolMask = ProtocolMask.with(protocolMask, protocol);
    }

    void drop(long ms, Integer port, boolean retransmission) {
        inflate();
        changed();
        touch(ms);
        Drops d = drops;
        if (d == null) {
            d = new Drops();
            drops = d;
        }
        d.hits++;
        if (d.firstMs < 0) {
            d.firstMs = ms;
        }
        d.lastMs = Math.max(d.lastMs, ms);
        if (retransmission) {
            d.retransmissions++;
            return;
        }
        d.attempts++;
        if (port != null) {
            if (d.ports == null) {
                d.ports = new DistinctCounter();
                d.portSample = new SmallIntSet(DROP_PORT_SAMPLE);
            }
            d.ports.add(Integer.toString(port));
            d.portSample.add(port);
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
        c.logins = logins == null ? null : logins.copy();
        c.failedLogins = failedLogins == null ? null : failedLogins.copy();
        c.failedLoginCount = failedLoginCount == null ? null : failedLoginCount.copy();
        c.onlyLogin = onlyLogin;
        c.onlyLoginFailures = onlyLoginFailures;
        c.onlyLoginHash = onlyLoginHash;
        c.maxFailuresOneLogin = maxFailuresOneLogin;
        c.successLogins = successLogins == null ? null : successLogins.copy();
        c.fingerprints = fingerprints == null ? null : fingerprints.copy();
        c.firstFingerprint = firstFingerprint;
        c.lastFailureMs = lastFailureMs;
        c.lastSuccessMs = lastSuccessMs;
        c.gaps = gaps;
        c.burstGaps = burstGaps;
        c.protocolMask = protocolMask;
        c.firstMs = firstMs;
        c.lastMs = lastMs;
        c.drops = drops == null ? null : drops.copy();
        c.blocks = blocks;
        c.unblocks = unblocks;
        c.reachedServer = reachedServer;
        c.changes = changes;
        c.window = window == null ? null : window.copy();
        c.windowUsedMs = windowUsedMs;
        if (pairs != null) {
            c.pairs = new PairWindow[pairs.length];
            for (int i = 0; i < pairCount; i++) {
                c.pairs[i] = pairs[i].copy();
            }
        }
        c.pair0 = pair0 == null ? null : pair0.copy();
        c.pairCount = pairCount;
        c.pairsOverflowed = pairsOverflowed;
        c.loneCapacity = loneCapacity;
        return c;
    }
}
