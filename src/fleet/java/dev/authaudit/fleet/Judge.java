package dev.authaudit.fleet;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.IpAssessment;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges a set of events from any number of servers with the one correlator and classifier that
 * {@code scan} uses, through their public API (an {@link Auditor} fed in event-time order); what it adds
 * is only which servers each address was seen on.
 */
final class Judge {
    private final CsfConfig csf;

    Judge(CsfConfig csf) {
        this.csf = csf;
    }

    /** Runs the auditor over the events (in time order) and returns its result. */
    AuditResult audit(List<LogEvent> events) {
        List<LogEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(LogEvent::instant));
        Auditor auditor = Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(csf).build();
        sorted.forEach(auditor::accept);
        return auditor.finish();
    }

    /** The fleet verdict of every address among the events. */
    List<FleetVerdict> verdicts(List<LogEvent> events) {
        AuditResult r = audit(events);
        Map<String, Map<String, Long>> failures = new TreeMap<>();
        Map<String, TreeSet<String>> seen = new TreeMap<>();
        Map<String, Instant> last = new TreeMap<>();
        for (LogEvent e : events) {
            if (e.ip() == null) {
                continue;
            }
            String host = e.origin().host() == null ? "-" : e.origin().host();
            seen.computeIfAbsent(e.ip(), k -> new TreeSet<>()).add(host);
            if (e instanceof AuthFailure f && !f.detail()) {
                failures.computeIfAbsent(e.ip(), k -> new TreeMap<>()).merge(host, (long) f.attempts(), Long::sum);
            }
            last.merge(e.ip(), e.instant(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<FleetVerdict> out = new ArrayList<>();
        for (IpAssessment a : r.ips()) {
            out.add(new FleetVerdict(a.ip(), String.valueOf(NetworkKey.of(a.ip())), a.verdict().word(),
                    a.confidence(), failures.getOrDefault(a.ip(), Map.of()),
                    List.copyOf(seen.getOrDefault(a.ip(), new TreeSet<>())), a.accounts(), a.reasons(),
                    last.containsKey(a.ip()) ? last.get(a.ip()).toString() : null));
        }
        return out;
    }
}
