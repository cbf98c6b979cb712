package dev.authaudit.fleet;

import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.BlockAssessment;
import dev.authaudit.classify.CampaignCandidate;
import dev.authaudit.classify.IpAssessment;
import dev.authaudit.classify.OutsideFacts;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.correlate.IpContext;
import dev.authaudit.correlate.IpEvidence;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.LogEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges a set of events from any number of servers with the one correlator and classifier that
 * {@code scan} uses, through their public API (an {@link Auditor} fed in event-time order), for the fleet's
 * two steps: a login with all of its events ({@link #login}) and a network with all of its addresses' events
 * ({@link #network}), each weighing what the other step knows ({@link OutsideFacts}).
 */
final class Judge {
    private final CsfConfig csf;

    Judge(CsfConfig csf) {
        this.csf = csf;
    }

    /** Runs the auditor over the events (in time order) and returns its result. */
    AuditResult audit(List<LogEvent> events) {
        return audit(events, OutsideFacts.NONE);
    }

    /** Runs the auditor over the events (in time order), weighing the outside facts, and returns its result. */
    AuditResult audit(List<LogEvent> events, OutsideFacts outside) {
        return audit(null, events, outside, Live.NONE);
    }

    /**
     * Where a step's judgements may keep live auditors: the instance's {@link LiveAuditors}, the task's namespace in
     * them, and the time before which the task's events are settled (its stream time minus the grace period).
     */
    record Live(LiveAuditors auditors, String namespace, long settledBeforeMs) {
        /** No live auditors (null): every judgement re-audits. */
        static final Live NONE = new Live(null, "", Long.MIN_VALUE);
    }

    /**
     * Runs the auditor over the events (in time order), weighing the outside facts, and returns its result: through
     * the live auditor of {@code key} (null for none) when {@code live} has one, which gives the same result.
     */
    AuditResult audit(String key, List<LogEvent> events, OutsideFacts outside, Live live) {
        if (key == null || live.auditors() == null) {
            Auditor auditor = auditor().outside(outside).build();
            inTimeOrder(events).forEach(auditor::accept);
            return auditor.finish();
        }
        return live.auditors().audit(live.namespace() + key, inTimeOrder(events), outside, live.settledBeforeMs(),
                this::auditor);
    }

    private Auditor.Builder auditor() {
        return Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(csf).byServer(true);
    }

    /** An event with its instant, worked out once (each {@link LogEvent#instant} call makes a new one). */
    private record Timed(Instant at, LogEvent event) {
    }

    /**
     * The events in time order, those of one instant in the order given (a stable sort by instant): the order the
     * auditor is fed. Events already in that order (the steps read them so) are returned as they are.
     */
    static List<LogEvent> inTimeOrder(List<LogEvent> events) {
        if (ordered(events)) {
            return events;
        }
        List<Timed> timed = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            timed.add(new Timed(e.instant(), e));
        }
        timed.sort(Comparator.comparing(Timed::at)); // List.sort is stable
        List<LogEvent> sorted = new ArrayList<>(timed.size());
        timed.forEach(t -> sorted.add(t.event()));
        return sorted;
    }

    /** Whether no event's instant is before the one's before it (compared without making instants). */
    private static boolean ordered(List<LogEvent> events) {
        OffsetDateTime previous = null;
        for (LogEvent e : events) {
            OffsetDateTime at = e.time();
            if (previous != null && previous.isAfter(at)) {
                return false;
            }
            previous = at;
        }
        return true;
    }

    /** The fleet verdict of every address among the events (their network's step without login facts). */
    List<FleetVerdict> verdicts(List<LogEvent> events) {
        return network(events, Map.of(), null).verdicts();
    }

    /**
     * What the address step says about one network.
     *
     * @param verdicts every judged address's verdict
     * @param contexts for each login an address of the network tried, what the address's events say about it
     * @param blocks every block of the network's addresses, judged on its own server
     * @param candidates the network's addresses that may take part in a distributed campaign
     */
    record NetworkJudgement(List<FleetVerdict> verdicts, List<AddressFact> contexts, List<FleetBlockVerdict> blocks,
                            List<CampaignCandidate> candidates) {
    }

    /**
     * What the login step says about one login.
     *
     * @param verdict the login's account verdict, or null when it never failed
     * @param facts what the verdict says about the addresses of each network the login was used from
     * @param assessment the assessment behind them, or null
     */
    record LoginJudgement(FleetAccountVerdict verdict, List<LoginFact> facts, AccountAssessment assessment) {
    }

    /**
     * Facts from the login step, per login, and from the campaign step (null: judge campaigns from the
     * network's own candidates, as one server's run does); the candidates seen go to {@code candidates}.
     */
    private static OutsideFacts accounts(Map<String, LoginFact> facts, Map<String, String> campaign,
                                         List<CampaignCandidate> candidates) {
        Map<String, AccountAssessment> made = new HashMap<>();
        return new OutsideFacts() {
            @Override
            public AccountAssessment account(String login) {
                LoginFact f = facts.get(login);
                return f == null ? null : made.computeIfAbsent(login, k -> f.assessment());
            }

            @Override
            public Map<String, String> campaign(List<CampaignCandidate> seen) {
                if (candidates != null) {
                    candidates.clear();
                    candidates.addAll(seen);
                }
                return campaign;
            }
        };
    }

    /**
     * Judges one network's events (all servers) with the logins' fleet-wide verdicts: the address verdicts,
     * the contexts for the login step, and each block on its own server's lines.
     */
    NetworkJudgement network(List<LogEvent> events, Map<String, LoginFact> facts, Map<String, String> campaign) {
        return network(null, events, facts, campaign, Live.NONE);
    }

    /** As {@link #network(List, Map, Map)}, for the network {@code network} through its live auditors in {@code live}. */
    NetworkJudgement network(String network, List<LogEvent> events, Map<String, LoginFact> facts,
                             Map<String, String> campaign, Live live) {
        List<CampaignCandidate> candidates = new ArrayList<>();
        AuditResult r = audit(network == null ? null : "network|" + network, events,
                accounts(facts, campaign, candidates), live);
        OutsideFacts outside = accounts(facts, campaign, null);
        // per address, its own tally; the servers that blocked any
        Map<String, AddressTally> tallies = new HashMap<>();
        Set<String> blockHosts = new TreeSet<>();
        for (LogEvent e : events) {
            String host = host(e);
            if (e instanceof FirewallBlock) {
                blockHosts.add(host);
            }
            if (e.ip() != null) {
                tallies.computeIfAbsent(e.ip(), k -> new AddressTally()).add(e, host);
            }
        }
        List<FleetVerdict> out = new ArrayList<>();
        // by address: a live auditor's fork lists the addresses it met first after the live ones, where a re-audit's
        // table has them in its own order; the records a judgement writes must not depend on which judged
        List<IpAssessment> judged = new ArrayList<>(r.ips());
        judged.sort(Comparator.comparing(IpAssessment::ip));
        for (IpAssessment a : judged) {
            AddressTally t = tallies.get(a.ip());
            out.add(new FleetVerdict(a.ip(), String.valueOf(NetworkKey.of(a.ip())), a.verdict().word(),
                    a.confidence(), t == null ? Map.of() : t.failuresByHost(), t == null ? List.of() : t.hostsSeen(),
                    a.accounts(), a.reasons(), t == null ? null : t.lastEvent()));
        }
        List<AddressFact> contexts = new ArrayList<>();
        List<IpEvidence> evidence = new ArrayList<>(r.correlation().ips());
        evidence.sort(Comparator.comparing(IpEvidence::ip));
        for (IpEvidence e : evidence) {
            AddressTally t = tallies.get(e.ip());
            for (String login : t == null ? Set.<String>of() : t.logins()) {
                String domain = AddressTally.domain(login);
                contexts.add(AddressFact.of(login, e, domain == null ? 0 : t.domainSuccesses(domain)));
            }
        }
        List<FleetBlockVerdict> blocks = new ArrayList<>();
        Map<String, List<LogEvent>> byHost = linesOf(blockHosts, events);
        for (String host : blockHosts) {
            // a block is one server's act: explained by that server's lines, with the logins' fleet verdicts
            for (BlockAssessment b : audit(network == null ? null : "blocks|" + network + "|" + host, byHost.get(host),
                    outside, live).blocks()) {
                if (b.evidence().ip() != null) {
                    blocks.add(new FleetBlockVerdict(host, b.evidence().ip(), b.evidence().at().toString(),
                            b.cause().word(), b.confidence(), b.account(), b.reasons()));
                }
            }
        }
        candidates.sort(Comparator.comparing(CampaignCandidate::ip)); // (in the auditor's order of addresses)
        return new NetworkJudgement(out, contexts, blocks, List.copyOf(candidates));
    }

    /**
     * Judges one login with all of its events (every server, every network) and what the address step knows
     * about its sources.
     *
     * @param contexts per source address of the login, the address step's facts
     */
    LoginJudgement login(String login, List<LogEvent> events, Map<String, AddressFact> contexts) {
        return login(login, events, contexts, Live.NONE);
    }

    /** As {@link #login(String, List, Map)}, through the login's live auditor in {@code live}. */
    LoginJudgement login(String login, List<LogEvent> events, Map<String, AddressFact> contexts, Live live) {
        OutsideFacts outside = new OutsideFacts() {
            @Override
            public IpContext context(String ip) {
                AddressFact f = contexts.get(ip);
                return f == null ? null : f.context();
            }

            @Override
            public long domainSuccesses(String l, String ip) {
                AddressFact f = contexts.get(ip);
                return f == null || !f.login().equals(l) ? -1 : f.domainSuccesses();
            }
        };
        AuditResult r = audit("login|" + login, events, outside, live);
        AccountAssessment a = r.accounts().stream().filter(x -> x.account().equals(login)).findFirst().orElse(null);
        if (a == null) {
            return new LoginJudgement(null, List.of(), null);
        }
        Map<String, Long> failures = new TreeMap<>();
        Set<String> hosts = new TreeSet<>();
        Set<String> networks = new TreeSet<>();
        // (a login's attempts come from few addresses: each one's network is worked out once)
        Map<String, java.util.Optional<String>> networkOf = new HashMap<>();
        for (LogEvent e : events) {
            hosts.add(host(e));
            if (e.ip() != null) {
                networkOf.computeIfAbsent(e.ip(), ip -> java.util.Optional.ofNullable(NetworkKey.of(ip)))
                        .ifPresent(networks::add);
            }
            if (e instanceof AuthFailure f && !f.detail()) {
                failures.merge(host(e), (long) f.attempts(), Long::sum);
            }
        }
        FleetAccountVerdict v = new FleetAccountVerdict(a.account(), a.verdict().word(), a.confidence(),
                a.detectedAt() == null ? null : a.detectedAt().toString(), a.evidence().failures(), failures,
                List.copyOf(hosts), a.device(), a.reasons());
        List<LoginFact> facts = new ArrayList<>();
        for (String n : networks) {
            facts.add(LoginFact.of(a, n));
        }
        return new LoginJudgement(v, facts, a);
    }

    /** The events of each of the servers, in the order given. */
    private static Map<String, List<LogEvent>> linesOf(Set<String> hosts, List<LogEvent> events) {
        Map<String, List<LogEvent>> byHost = new HashMap<>();
        if (!hosts.isEmpty()) {
            for (LogEvent e : events) {
                String host = host(e);
                if (hosts.contains(host)) {
                    byHost.computeIfAbsent(host, k -> new ArrayList<>()).add(e);
                }
            }
        }
        return byHost;
    }

    static String host(LogEvent e) {
        return e.origin().host() == null ? "-" : e.origin().host();
    }
}
