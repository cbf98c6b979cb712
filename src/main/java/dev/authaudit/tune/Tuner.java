package dev.authaudit.tune;

import dev.authaudit.config.PortList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Replays the recorded events through the firewall models under the current settings and the grid of
 * alternatives, checks the models against the blocks really logged, and recommends.
 */
public final class Tuner {
    private final LfdSettings lfd;
    private final PortList tcp6In;
    private final String csfSource;
    private final List<Fail2banJail> jails;
    private final int within;
    private final int slackS;

    /**
     * @param tcp6In TCP6_IN, to tell which v6 drops hit a closed port
     * @param csfSource where the settings came from, for the report
     * @param jails fail2ban's jails (empty when fail2ban is not in use)
     * @param within the N of "guessing sources blocked within N attempts"
     * @param slackS how far apart a model block and a logged one may be and still match
     */
    public Tuner(LfdSettings lfd, PortList tcp6In, String csfSource, List<Fail2banJail> jails, int within,
                 int slackS) {
        this.lfd = lfd;
        this.tcp6In = tcp6In;
        this.csfSource = csfSource;
        this.jails = List.copyOf(jails);
        this.within = within;
        this.slackS = slackS;
    }

    /** Runs the models and returns the findings. */
    public TuneReport tune(ReplayLog log, SourceClasses classes) {
        List<TuneEvent> events = log.events();
        OutcomeMeter meter = new OutcomeMeter(classes, within);
        ScanPhase phase = ScanPhase.fromBlocks(log.lfdBlocks());
        TuneGrid grid = new TuneGrid(phase);
        BlockAgreement agreement = new BlockAgreement(slackS);

        ModelRun current = new LfdModel(lfd, phase).run(events);
        Outcome lfdCurrent = meter.measure(current, events);
        SortedMap<Integer, PortFinding> closed = PortFinder.find(events, classes, lfd.tcpIn(), tcp6In);
        List<Alternative> lfdAlternatives = run(grid.lfd(lfd, closed), events, meter);
        Recommender recommender = new Recommender();
        List<Recommendation> recommendations = new ArrayList<>(recommender.recommend(lfdCurrent, lfdAlternatives));
        Outcome combined = combined(recommendations, phase, events, meter);

        Fail2banModel f2b = new Fail2banModel(jails);
        Agreement f2bAgreement = null;
        Outcome f2bCurrent = null;
        List<Alternative> f2bAlternatives = List.of();
        if (!f2b.jails().isEmpty()) {
            ModelRun bans = f2b.run(events);
            Set<String> names = f2b.jails().stream().map(Fail2banJail::name).collect(Collectors.toSet());
            f2bAgreement = agreement.fail2ban(bans, log.fail2banBans(), names);
            f2bCurrent = meter.measure(bans, events);
            f2bAlternatives = run(grid.fail2ban(jails), events, meter);
            recommendations.addAll(recommender.recommend(f2bCurrent, f2bAlternatives));
        }
        return new TuneReport(lfd, csfSource, agreement.lfd(current, log.lfdBlocks()), lfdCurrent, lfdAlternatives,
                combined, f2b.jails(), f2bAgreement, f2bCurrent, f2bAlternatives, recommendations,
                List.copyOf(closed.values()));
    }

    private static List<Alternative> run(List<Candidate> candidates, List<TuneEvent> events, OutcomeMeter meter) {
        List<Alternative> out = new ArrayList<>();
        for (Candidate c : candidates) {
            out.add(new Alternative(c.firewall(), c.setting(), c.from(), c.to(), meter.measure(c.run().apply(events),
                    events)));
        }
        return out;
    }

    /** Applies every recommended lfd change at once; null when fewer than two are recommended. */
    private Outcome combined(List<Recommendation> recommendations, ScanPhase phase, List<TuneEvent> events,
                             OutcomeMeter meter) {
        LfdSettings s = lfd;
        int changes = 0;
        for (Recommendation r : recommendations) {
            if (!r.change() || !r.firewall().equals("lfd")) {
                continue;
            }
            changes++;
            if (r.setting().equals("TCP_IN")) {
                s = s.withOpenTcpPort(Integer.parseInt(r.to().substring("with ".length())));
            } else {
                s = s.with(LfdKey.valueOf(r.setting()), Integer.parseInt(r.to()));
            }
        }
        return changes < 2 ? null : meter.measure(new LfdModel(s, phase).run(events), events);
    }
}
