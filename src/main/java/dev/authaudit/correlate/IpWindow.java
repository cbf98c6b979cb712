package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The most recent failures and drops of one address, so a firewall block can be joined to the hits
 * that caused it. Bounded in count; the store also expires it in event time when the address is idle.
 * Opaque outside this package.
 */
public final class IpWindow {
    private final int capacity;
    /**
     * The failures when there are two or more, oldest first; null while the {@code only*} fields hold the only
     * one (when {@link #holdsOne}): most addresses fail once (a botnet's), and each held in the address table
     * cost the collector a deque, its array and the failure besides.
     */
    private ArrayDeque<RecentFailure> failures;
    private boolean holdsOne;
    private long onlyMs;
    private String onlyAccount;
    private Protocol onlyProtocol;
    private int onlyCount;
    private String onlyFp;
    /** Null until the first drop: most addresses that fail are never dropped. */
    private ArrayDeque<RecentDrop> drops;
    boolean failuresTruncated;
    boolean dropsTruncated;

    IpWindow(int capacity) {
        this.capacity = capacity;
    }

    /** Returns the remembered failures, oldest first. */
    java.util.Collection<RecentFailure> failures() {
        return failures != null ? failures : holdsOne ? java.util.List.of(onlyFailure()) : java.util.List.of();
    }

    private RecentFailure onlyFailure() {
        return new RecentFailure(onlyMs, onlyAccount, onlyProtocol, onlyCount, onlyFp);
    }

    /** Returns the time of the oldest remembered failure, or {@link Long#MAX_VALUE} when there is none. */
    long firstFailureMs() {
        if (failures == null) {
            return holdsOne ? onlyMs : Long.MAX_VALUE;
        }
        RecentFailure f = failures.peekFirst();
        return f == null ? Long.MAX_VALUE : f.timeMs();
    }

    /** Returns the remembered drops, oldest first. */
    java.util.Collection<RecentDrop> drops() {
        return drops == null ? java.util.List.of() : drops;
    }

    /** Returns the time of the oldest remembered drop, or -1. */
    long firstDropMs() {
        return drops == null || drops.isEmpty() ? -1 : drops.peekFirst().timeMs();
    }

    /** Remembers a failure: its time, login, protocol, attempts and password fingerprint. */
    void addFailure(long ms, String account, Protocol protocol, int count, String passwordFp) {
        if (failures == null) {
            if (!holdsOne) {
                holdsOne = true;
                onlyMs = ms;
                onlyAccount = account;
                onlyProtocol = protocol;
                onlyCount = count;
                onlyFp = passwordFp;
                return;
            }
            // small at first: most addresses that fail more than once fail a few times
            failures = new ArrayDeque<>(2);
            failures.addLast(onlyFailure());
            holdsOne = false;
            onlyAccount = null;
            onlyFp = null;
        }
        if (failures.size() == capacity) {
            failures.removeFirst();
            failuresTruncated = true;
        }
        failures.addLast(new RecentFailure(ms, account, protocol, count, passwordFp));
    }

    /** Records a drop and returns true when it repeats an earlier drop's (source port, port) within the window. */
    boolean addDrop(long ms, Integer port, Integer srcPort, String chain, long retransmitWindowMs) {
        boolean repeat = false;
        if (drops == null) {
            drops = new ArrayDeque<>(1);
        }
        if (srcPort != null) {
            for (Iterator<RecentDrop> it = drops.descendingIterator(); it.hasNext(); ) {
                RecentDrop d = it.next();
                if (ms - d.timeMs() > retransmitWindowMs) {
                    break;
                }
                if (srcPort.equals(d.srcPort()) && java.util.Objects.equals(port, d.port())) {
                    repeat = true;
                    break;
                }
            }
        }
        if (drops.size() == capacity) {
            drops.removeFirst();
            dropsTruncated = true;
        }
        drops.addLast(new RecentDrop(ms, port, srcPort, repeat, chain));
        return repeat;
    }

    /** Returns a window in the same state, which then changes on its own (a fork of the correlator). */
    IpWindow copy() {
        IpWindow c = new IpWindow(capacity);
        c.failures = failures == null ? null : new ArrayDeque<>(failures);
        c.holdsOne = holdsOne;
        c.onlyMs = onlyMs;
        c.onlyAccount = onlyAccount;
        c.onlyProtocol = onlyProtocol;
        c.onlyCount = onlyCount;
        c.onlyFp = onlyFp;
        c.drops = drops == null ? null : new ArrayDeque<>(drops);
        c.failuresTruncated = failuresTruncated;
        c.dropsTruncated = dropsTruncated;
        return c;
    }
}
