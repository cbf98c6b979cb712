package dev.authaudit.tune;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * The alternatives tried around the current settings, one key at a time: each login threshold halved,
 * doubled and tripled (LF_TRIGGER instead when it is on); PS_DIVERSITY 1 to 3 and PS_LIMIT doubled when
 * port scans are tracked; each mail port customers knock on that TCP_IN does not open; and each
 * fail2ban mail jail's maxretry (×0.5, ×2, ×3) and findtime (×0.5, ×2).
 */
final class TuneGrid {
    private final ScanPhase phase;

    TuneGrid(ScanPhase phase) {
        this.phase = phase;
    }

    /** Returns the lfd alternatives. */
    List<Candidate> lfd(LfdSettings base, SortedMap<Integer, PortFinding> closedPorts) {
        List<Candidate> out = new ArrayList<>();
        List<LfdKey> thresholds = base.get(LfdKey.LF_TRIGGER) > 0 ? List.of(LfdKey.LF_TRIGGER)
                : List.of(LfdKey.LF_SMTPAUTH, LfdKey.LF_IMAPD, LfdKey.LF_POP3D);
        for (LfdKey k : thresholds) {
            int v = base.get(k);
            if (v > 0) {
                for (int to : multiples(v, new double[] {0.5, 2, 3})) {
                    out.add(lfd(base.with(k, to), k.name(), v, to));
                }
            }
        }
        if (base.portScansTracked()) {
            int d = base.get(LfdKey.PS_DIVERSITY);
            for (int to = 1; to <= 3; to++) {
                if (to != Math.max(1, d)) {
                    out.add(lfd(base.with(LfdKey.PS_DIVERSITY, to), LfdKey.PS_DIVERSITY.name(), d, to));
                }
            }
            int limit = base.get(LfdKey.PS_LIMIT);
            out.add(lfd(base.with(LfdKey.PS_LIMIT, limit * 2), LfdKey.PS_LIMIT.name(), limit, limit * 2));
        }
        for (PortFinding f : closedPorts.values()) {
            if (f.v4()) {
                LfdSettings open = base.withOpenTcpPort(f.port());
                out.add(new Candidate("lfd", "TCP_IN", "without " + f.port(), "with " + f.port(),
                        events -> new LfdModel(open, phase).run(events)));
            }
        }
        return out;
    }

    /** Returns the fail2ban alternatives. */
    List<Candidate> fail2ban(List<Fail2banJail> jails) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < jails.size(); i++) {
            Fail2banJail j = jails.get(i);
            if (!j.enabled() || j.feeds() == Fail2banJail.Feeds.NONE || j.feeds() == Fail2banJail.Feeds.BANS) {
                continue;
            }
            for (int to : multiples(j.maxretry(), new double[] {0.5, 2, 3})) {
                out.add(jail(jails, i, j.withMaxretry(to), "[" + j.name() + "] maxretry", j.maxretry(), to));
            }
            for (int to : multiples((int) j.findtimeS(), new double[] {0.5, 2})) {
                out.add(jail(jails, i, j.withFindtime(to), "[" + j.name() + "] findtime", j.findtimeS(), to));
            }
        }
        return out;
    }

    private Candidate lfd(LfdSettings s, String key, int from, int to) {
        return new Candidate("lfd", key, Integer.toString(from), Integer.toString(to),
                events -> new LfdModel(s, phase).run(events));
    }

    private static Candidate jail(List<Fail2banJail> jails, int index, Fail2banJail changed, String key, long from,
                                  long to) {
        List<Fail2banJail> all = new ArrayList<>(jails);
        all.set(index, changed);
        return new Candidate("fail2ban", key, Long.toString(from), Long.toString(to),
                events -> new Fail2banModel(all).run(events));
    }

    /** Returns the distinct values {@code v × factor}, rounded, at least 1, other than v itself. */
    static List<Integer> multiples(int v, double[] factors) {
        Set<Integer> out = new LinkedHashSet<>();
        for (double f : factors) {
            int to = Math.max(1, (int) Math.round(v * f));
            if (to != v) {
                out.add(to);
            }
        }
        return List.copyOf(out);
    }
}
