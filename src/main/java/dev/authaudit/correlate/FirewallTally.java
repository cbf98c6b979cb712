package dev.authaudit.correlate;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.FirewallUnblock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Counts firewall drops (folding SYN retransmissions into one attempt), joins each block to the
 * failures and drops of its address that preceded it, and remembers blocks for the report.
 */
final class FirewallTally {
    private final CorrelationStore store;
    private final CorrelationSettings settings;
    private final CsfConfig csf;
    private final IpNetworks networks;
    /** The time of the correlator's current call, which the address windows expire by. */
    private final CallTime time;
    private final long idleMs;
    private final List<BlockEvidence> blocks = new ArrayList<>();
    /** The index of each address's latest kept block, by {@link #blockKey}. */
    private final Map<String, Integer> latestBlock = new HashMap<>();
    /** Whether a block and its lifting must be of one server: a correlator fed several servers' lines. */
    private final boolean byServer;
    private final Map<Integer, Instant> lifted = new HashMap<>();
    private long omittedBlocks;
    private long outboundDrops;

    FirewallTally(CorrelationStore store, CorrelationSettings settings, CsfConfig csf, IpNetworks networks,
                  CallTime time, boolean byServer) {
        this.store = store;
        this.byServer = byServer;
        this.time = time;
        this.idleMs = settings.windowIdle().toMillis();
        this.settings = settings;
        this.csf = csf;
        this.networks = networks;
    }

    /** Counts an inbound drop; returns false when the drop was ignored (outbound or no address). */
    boolean drop(FirewallDrop d) {
        if (!d.inbound() || d.ip() == null) {
            // lfd only counts inbound hits; outbound drops say nothing about a client
            outboundDrops++;
            return false;
        }
        long ms = d.instant().toEpochMilli();
        IpSummary ip = store.ips().getOrCreate(d.ip(), k -> new IpSummary(k, networks.networkOf(k)));
        IpWindow window = ip.window(time.millis(), idleMs, settings.recentEventsPerIp(), true);
        boolean repeat = window.addDrop(ms, d.port(), d.srcPort(), d.chain(), settings.synRetransmitWindow().toMillis());
        ip.drop(ms, d.port(), repeat);
        store.ips().put(d.ip(), ip);
        return true;
    }

    BlockEvidence block(FirewallBlock b) {
        long at = b.instant().toEpochMilli();
        long lookbackS = lookbackSeconds(b);
        long from = at - lookbackS * 1000 - settings.blockJoinSlack().toMillis();
        IpSummary ip = b.ip() == null ? null : store.ips().getOrCreate(b.ip(), k -> new IpSummary(k, networks.networkOf(k)));
        IpWindow window = ip == null ? null : ip.window(time.millis(), idleMs, settings.recentEventsPerIp(), false);
        TopCounts logins = new TopCounts(8);
        DistinctCounter fps = new DistinctCounter();
        int protocolMask = 0;
        long failures = 0;
        long firstFailure = -1;
        long lastFailure = -1;
        long dropHits = 0;
        long dropAttempts = 0;
        long retrans = 0;
        Set<Integer> dropPorts = new java.util.TreeSet<>();
        Set<Integer> srcPorts = new HashSet<>();
        long firstDrop = -1;
        long lastDrop = -1;
        boolean truncated = false;
        if (window != null) {
            for (RecentFailure f : window.failures()) {
                if (f.timeMs() < from || f.timeMs() > at) {
                    continue;
                }
                failures += f.count();
                firstFailure = firstFailure < 0 ? f.timeMs() : firstFailure;
                lastFailure = f.timeMs();
                protocolMask = ProtocolMask.with(protocolMask, f.protocol());
                if (f.account() != null) {
                    logins.add(f.account(), f.count());
                }
                if (f.passwordFp() != null) {
                    fps.add(f.passwordFp());
                }
            }
            for (RecentDrop d : window.drops()) {
                if (d.timeMs() < from || d.timeMs() > at) {
                    continue;
                }
                dropHits++;
                if (d.retransmission()) {
                    retrans++;
                } else {
                    dropAttempts++;
                }
                if (d.port() != null) {
                    dropPorts.add(d.port());
                }
                if (d.srcPort() != null) {
                    srcPorts.add(d.srcPort());
                }
                firstDrop = firstDrop < 0 ? d.timeMs() : firstDrop;
                lastDrop = d.timeMs();
            }
            truncated = (window.failuresTruncated && window.firstFailureMs() > from)
                    || (window.dropsTruncated && window.firstDropMs() > from);
        }
        int prior = 0;
        boolean reached = false;
        if (ip != null) {
            prior = ip.blocks;
            ip.blocks++;
            ip.touch(at);
            reached = ip.reachedServer;
            store.ips().put(b.ip(), ip);
        }
        BlockEvidence e = new BlockEvidence(b.ip(), b.instant(), b.origin().source(), b.trigger(), b.hits(),
                b.intervalS(), lookbackS, b.permanent(), b.durationS(), b.ports(), b.account(), b.app(), b.origin(),
                failures, logins.toList(), ProtocolMask.toSet(protocolMask), fps.count(), instant(firstFailure),
                instant(lastFailure), dropHits, dropAttempts, retrans, List.copyOf(dropPorts), srcPorts.size(),
                instant(firstDrop), instant(lastDrop), truncated, reached, prior, null);
        if (blocks.size() < settings.maxBlocks()) {
            latestBlock.put(blockKey(b.origin().host(), b.ip()), blocks.size());
            blocks.add(e);
        } else {
            omittedBlocks++;
        }
        return e;
    }

    void unblock(FirewallUnblock u) {
        // one server's unblock lifts that server's block, not another's block of the same address
        Integer index = latestBlock.remove(blockKey(u.origin().host(), u.ip()));
        if (index != null) {
            lifted.put(index, u.instant());
        }
        if (u.ip() != null) {
            IpSummary ip = store.ips().get(u.ip());
            if (ip != null) {
                ip.unblocks++;
                store.ips().put(u.ip(), ip);
            }
        }
    }

    /** Returns every kept block, updated with whether its address ever reached a mail server and when it was lifted. */
    List<BlockEvidence> finish() {
        List<BlockEvidence> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            BlockEvidence b = blocks.get(i);
            IpSummary ip = b.ip() == null ? null : store.ips().get(b.ip());
            boolean reached = b.reachedServer() || (ip != null && ip.reachedServer);
            out.add(b.finished(reached, lifted.get(i)));
        }
        return out;
    }

    /** The address alone for one server; the server and the address for several (host names have no space). */
    private String blockKey(String host, String ip) {
        return byServer ? host + " " + ip : ip;
    }

    long omittedBlocks() {
        return omittedBlocks;
    }

    long outboundDrops() {
        return outboundDrops;
    }

    private long lookbackSeconds(FirewallBlock b) {
        // lfd's block line states its own window ("5 in the last 3600 secs"); look back that far first
        if (b.intervalS() != null && b.intervalS() > 0) {
            return b.intervalS();
        }
        OptionalInt configured = csf.intervalFor(b.trigger());
        if (configured.isPresent() && configured.getAsInt() > 0) {
            return configured.getAsInt();
        }
        return isScanTrigger(b.trigger()) ? settings.defaultScanLookback().toSeconds()
                : settings.defaultLoginLookback().toSeconds();
    }

    static boolean isScanTrigger(String trigger) {
        String t = trigger == null ? "" : trigger.toUpperCase(Locale.ROOT);
        return t.startsWith("PS_") || t.contains("PORTSCAN") || t.contains("PORT_SCAN");
    }

    private static Instant instant(long ms) {
        return ms < 0 ? null : Instant.ofEpochMilli(ms);
    }

    /** Returns a tally in the same state over a fork's store, which then changes on its own. */
    FirewallTally copy(CorrelationStore forkStore) {
        FirewallTally c = new FirewallTally(forkStore, settings, csf, networks, time, byServer);
        c.blocks.addAll(blocks);
        c.latestBlock.putAll(latestBlock);
        c.lifted.putAll(lifted);
        c.omittedBlocks = omittedBlocks;
        c.outboundDrops = outboundDrops;
        return c;
    }
}
