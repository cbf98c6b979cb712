package dev.authaudit.tune;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts port-scan hits the way lfd does (FIELD-NOTES section 2, "Port scans" to "PS_DIVERSITY"): every
 * PS_INTERVAL all counters are wiped at once (a tumbling window, not a sliding one); a block fires when an
 * address's hits in the current window exceed PS_LIMIT, unless PS_DIVERSITY is above 1 and they cover
 * fewer distinct destination ports than that. Which logged drops are hits is decided by {@link #portKey}.
 */
final class PortScanCounter {
    /** Why the counter fired: the hits, the seconds since the last wipe, the distinct ports. */
    record Fire(int hits, long seconds, int distinctPorts) {
    }

    private static final class Window {
        long start;
        int hits;
        final Set<String> ports = new HashSet<>();
    }

    private final LfdSettings settings;
    private final ScanPhase phase;
    private final Map<String, Window> byIp = new HashMap<>();

    PortScanCounter(LfdSettings settings, ScanPhase phase) {
        this.settings = settings;
        this.phase = phase;
    }

    /**
     * Returns what a drop counts as for lfd ({@code "587"}, or {@code "ICMP"} for any ICMP), or null when
     * lfd does not count it: outbound, {@code *INVALID*} without the INVALID keyword, a port outside
     * PS_PORTS, or (unless PS_PORTS has OPEN) a {@code *TCP_IN Blocked*}/{@code *UDP_IN Blocked*} hit on a
     * port that TCP_IN/UDP_IN opens. The exemption is only coded for the v4 prefixes; {@code *Port Flood*}
     * and {@code *ConnLimit*} hits count even on open ports.
     */
    String portKey(TuneEvent.Drop d) {
        if (!settings.portScansTracked() || !d.inbound()) {
            return null;
        }
        String chain = d.chain().toUpperCase(Locale.ROOT);
        if (chain.equals("INVALID") && !settings.psPorts().hasKeyword("INVALID")) {
            return null;
        }
        String proto = d.proto() == null ? "" : d.proto().toUpperCase(Locale.ROOT);
        if (proto.startsWith("ICMP")) {
            return settings.psPorts().hasKeyword("ICMP") ? "ICMP" : null;
        }
        Integer port = d.port();
        if (port == null || !settings.psPorts().contains(port)) {
            return null;
        }
        if (!settings.psPorts().hasKeyword("OPEN")) {
            if (chain.equals("TCP_IN") && proto.equals("TCP") && settings.tcpIn().contains(port)) {
                return null;
            }
            if (chain.equals("UDP_IN") && proto.equals("UDP") && settings.udpIn().contains(port)) {
                return null;
            }
        }
        return Integer.toString(port);
    }

    /**
     * Counts one hit at {@code epochSecond}.
     *
     * @return the reason to block, or null
     */
    Fire add(long epochSecond, String ip, String portKey) {
        int interval = settings.get(LfdKey.PS_INTERVAL);
        long start = phase.windowStart(epochSecond, interval);
        Window w = byIp.computeIfAbsent(ip, k -> new Window());
        if (w.start != start) {
            w.start = start;
            w.hits = 0;
            w.ports.clear();
        }
        w.hits++;
        w.ports.add(portKey);
        if (w.hits <= settings.get(LfdKey.PS_LIMIT)) {
            return null;
        }
        int diversity = settings.get(LfdKey.PS_DIVERSITY);
        if (diversity > 1 && w.ports.size() < diversity) {
            return null; // "denied by PS_DIVERSITY": the count keeps growing until the wipe
        }
        return new Fire(w.hits, epochSecond - start, w.ports.size());
    }

    /** Forgets an address's hits: lfd resets its counters when it blocks. */
    void reset(String ip) {
        byIp.remove(ip);
    }
}
