package dev.authaudit.tune;

import dev.authaudit.config.PortList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds mail ports that customers try but TCP_IN (or TCP6_IN) does not open, from the kernel's drops:
 * a {@code *TCP_IN Blocked*} hit means the packet was not accepted on that port, and the fix is the port
 * list, not the password (FIELD-NOTES, "The 2013 case decoded").
 */
final class PortFinder {
    /** Submission, SMTP, IMAP and POP3, plain and over TLS. */
    static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587, 110, 995, 143, 993);

    private PortFinder() {
    }

    /** Returns, per mail port missing from the lists, who knocked on it; ports ascending. */
    static SortedMap<Integer, PortFinding> find(List<TuneEvent> events, SourceClasses classes, PortList tcpIn,
                                                PortList tcp6In) {
        Map<String, Set<String>> customers = new HashMap<>();
        Map<String, Set<String>> attempts = new HashMap<>();
        Map<String, Integer> packets = new HashMap<>();
        for (TuneEvent e : events) {
            if (!(e instanceof TuneEvent.Drop d) || !d.inbound() || d.port() == null
                    || !MAIL_PORTS.contains(d.port()) || !classes.of(d.ip()).customer()) {
                continue;
            }
            boolean v4 = d.chain().equals("TCP_IN");
            boolean v6 = d.chain().equals("TCP6IN");
            if ((v4 && tcpIn.contains(d.port())) || (v6 && tcp6In.contains(d.port())) || (!v4 && !v6)) {
                continue; // an open port's drops have another cause (a denied address, an interface filter)
            }
            String key = d.port() + "|" + v4;
            customers.computeIfAbsent(key, k -> new HashSet<>()).add(d.ip());
            attempts.computeIfAbsent(key, k -> new HashSet<>()).add(d.ip() + "|" + d.srcPort());
            packets.merge(key, 1, Integer::sum);
        }
        SortedMap<Integer, PortFinding> out = new TreeMap<>();
        for (String key : customers.keySet()) {
            String[] parts = key.split("\\|");
            int port = Integer.parseInt(parts[0]);
            boolean v4 = Boolean.parseBoolean(parts[1]);
            PortFinding f = new PortFinding(port, v4, customers.get(key).size(), attempts.get(key).size(),
                    packets.get(key));
            // one finding per port: TCP_IN's is the one to act on first
            out.merge(port, f, (a, b) -> a.v4() ? a : b);
        }
        return out;
    }
}
