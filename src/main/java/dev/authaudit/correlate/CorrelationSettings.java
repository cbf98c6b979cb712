package dev.authaudit.correlate;

import java.time.Duration;

/**
 * Bounds and windows of the correlator. Size caps keep memory flat however many addresses appear;
 * the windows say how long event-time state is worth keeping.
 *
 * @param maxIps summaries of source addresses kept for the report (when full, addresses seen once are dropped
 *     first, then the least useful of those seen again: see {@code FirstSightingTable})
 * @param maxAccounts summaries of logins kept for the report
 * @param maxNetworks summaries of /24 (IPv4) and /48 (IPv6) networks kept
 * @param maxWindows recent-event windows kept per address and per (address, login)
 * @param maxBlocks firewall blocks kept for the report; later ones are counted, not kept
 * @param maxSourcesPerAccount source addresses kept per login (the busiest survive)
 * @param recentEventsPerIp failures and drops remembered per address for joining blocks
 * @param windowIdle how long an idle address or (address, login) window survives in event time
 * @param pairingWindow how far apart a Dovecot detail line and its primary line may be when matched by
 *     address and login
 * @param sessionPairingWindow the same when both lines carry one session id (unique, so it may be longer:
 *     a login process writes its summary only when the client disconnects, "in 14 secs", and a client
 *     that goes quiet after a failed login is cut off by Dovecot's three-minute pre-login idle timeout,
 *     "Disconnected: Inactivity (auth failed, 1 attempts in 168 secs)")
 * @param synRetransmitWindow drops with the same (source, source port, port) closer than this are one attempt
 * @param defaultLoginLookback how far back a login-failure block looks when it states no window (LF_INTERVAL)
 * @param defaultScanLookback how far back a port-scan block looks when it states no window
 * @param blockJoinSlack extra look-back because lfd stamps hits when it reads them, not when they happened
 * @param rhythmMinGap failures closer than this belong to one poll and are not a polling gap
 * @param explainMaxEntries timeline entries kept for an explained subject
 * @param maxPairs successful (address, login), (network, login) and (address, domain) pairs remembered, so
 *     a source that starts failing is still known as the customer's after its tally left a login's list
 * @param maxOneOffSourcesPerAccount sources per login that failed at most {@code oneOffSourceFailures} times
 *     and never logged in that the list keeps itemised; more such one-offs (a botnet trying each login
 *     from many addresses) are only counted, while an address that keeps failing still gets in
 * @param oneOffSourceFailures failures up to which a source without success counts as a one-off
 * @param episodeGap a silence longer than this between failures of a login from one address ends a
 *     failure episode (a typo is a short episode; a stale client's episode lasts while it polls)
 */
public record CorrelationSettings(int maxIps, int maxAccounts, int maxNetworks, int maxWindows, int maxBlocks,
                                  int maxSourcesPerAccount, int recentEventsPerIp, Duration windowIdle,
                                  Duration pairingWindow, Duration sessionPairingWindow,
                                  Duration synRetransmitWindow,
                                  Duration defaultLoginLookback, Duration defaultScanLookback,
                                  Duration blockJoinSlack, Duration rhythmMinGap, int explainMaxEntries,
                                  int maxPairs, int maxOneOffSourcesPerAccount, int oneOffSourceFailures,
                                  Duration episodeGap) {
    public CorrelationSettings {
        positive("maxIps", maxIps);
        positive("maxAccounts", maxAccounts);
        positive("maxNetworks", maxNetworks);
        positive("maxWindows", maxWindows);
        positive("maxBlocks", maxBlocks);
        positive("maxSourcesPerAccount", maxSourcesPerAccount);
        positive("recentEventsPerIp", recentEventsPerIp);
        positive("explainMaxEntries", explainMaxEntries);
        positive("maxPairs", maxPairs);
        positive("maxOneOffSourcesPerAccount", maxOneOffSourcesPerAccount);
    }

    /**
     * Returns settings that fit a busy shared host in a few hundred megabytes: a botnet of a million
     * addresses failing once each, against up to 20,000 logins (a login's summary, its sources and its
     * report entry cost a few kilobytes each), runs and writes its report within -Xmx512m
     * ({@code BotnetMemoryMain}). A host with more mailboxes raises {@code maxAccounts} and the heap.
     */
    public static CorrelationSettings defaults() {
        return new CorrelationSettings(100_000, 20_000, 50_000, 100_000, 10_000, 16, 64,
                Duration.ofHours(2), Duration.ofSeconds(5), Duration.ofSeconds(200), Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(20), 5_000, 200_000,
                6, 2, Duration.ofHours(2));
    }

    /**
     * Returns a copy that keeps up to {@code logins} login summaries and {@code addresses} address
     * summaries (and as many recent windows and pair histories as addresses, at least the defaults).
     */
    public CorrelationSettings withLimits(int logins, int addresses) {
        return new CorrelationSettings(addresses, logins, maxNetworks, Math.max(maxWindows, addresses), maxBlocks,
                maxSourcesPerAccount, recentEventsPerIp, windowIdle, pairingWindow, sessionPairingWindow,
                synRetransmitWindow, defaultLoginLookback, defaultScanLookback, blockJoinSlack, rhythmMinGap,
                explainMaxEntries, Math.max(maxPairs, addresses), maxOneOffSourcesPerAccount, oneOffSourceFailures,
                episodeGap);
    }

    /** Returns a copy with every summary and window cache capped at {@code max} entries. */
    public CorrelationSettings withCacheCap(int max) {
        return new CorrelationSettings(max, max, max, max, maxBlocks, maxSourcesPerAccount, recentEventsPerIp,
                windowIdle, pairingWindow, sessionPairingWindow, synRetransmitWindow, defaultLoginLookback, defaultScanLookback,
                blockJoinSlack, rhythmMinGap, explainMaxEntries, max, maxOneOffSourcesPerAccount,
                oneOffSourceFailures, episodeGap);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " was set to " + value + ", must be at least 1");
        }
    }
}
