package dev.authaudit.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks, for each setting, the alternative to recommend and says why with numbers. An alternative is
 * acceptable when it blocks nearly as many attacker sources (at most 5 % fewer), keeps the share blocked
 * within N attempts within 5 points, and blocks every scanner the current setting blocks. Among those,
 * one that blocks fewer customer sources (then fewer customer blocks) wins; failing that, one that blocks
 * more guessing sources within N attempts, or lets a tenth (and at least 20) fewer attempts through, without
 * blocking more customers.
 */
final class Recommender {
    private static final double ATTACKER_TOLERANCE = 0.05;
    private static final double LET_THROUGH_GAIN = 0.10;
    private static final int MIN_LET_THROUGH_GAIN = 20;

    /** Returns one recommendation per setting that has a better alternative or blocks customers now. */
    List<Recommendation> recommend(Outcome base, List<Alternative> alternatives) {
        Map<String, List<Alternative>> bySetting = new LinkedHashMap<>();
        for (Alternative a : alternatives) {
            // each closed mail port is its own decision
            String key = a.setting().equals("TCP_IN") ? a.setting() + " " + a.to() : a.setting();
            bySetting.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
        }
        List<Recommendation> out = new ArrayList<>();
        for (List<Alternative> group : bySetting.values()) {
            Optional<Alternative> best = best(base, group);
            Alternative first = group.get(0);
            if (best.isPresent()) {
                out.add(new Recommendation(first.firewall(), first.setting(), first.from(), best.get().to(),
                        Wording.change(base, best.get())));
            } else if (relevant(base, first)) {
                out.add(new Recommendation(first.firewall(), first.setting(), first.from(), first.from(),
                        Wording.keep(base, group)));
            }
        }
        return out;
    }

    private static boolean relevant(Outcome base, Alternative a) {
        return base.customerBlocks(a.trigger()) > 0;
    }

    /** Returns the alternative to recommend over the base, if any. */
    static Optional<Alternative> best(Outcome base, List<Alternative> group) {
        Comparator<Alternative> order = Comparator.<Alternative>comparingInt(a -> a.outcome().customerSources())
                .thenComparingInt(a -> a.outcome().customerBlocks())
                .thenComparing(a -> -a.outcome().blockedWithinN())
                .thenComparingLong(a -> a.outcome().attemptsLetThrough());
        return group.stream().filter(a -> acceptable(base, a.outcome())).filter(a -> better(base, a.outcome()))
                .min(order);
    }

    static boolean acceptable(Outcome base, Outcome o) {
        int slack = (int) Math.floor(base.attackersBlocked() * ATTACKER_TOLERANCE);
        return o.attackersBlocked() >= base.attackersBlocked() - slack
                && o.withinShare() >= base.withinShare() - ATTACKER_TOLERANCE
                && o.scannersBlocked() >= base.scannersBlocked();
    }

    static boolean better(Outcome base, Outcome o) {
        if (o.customerSources() != base.customerSources()) {
            return o.customerSources() < base.customerSources();
        }
        if (o.customerBlocks() != base.customerBlocks()) {
            return o.customerBlocks() < base.customerBlocks();
        }
        if (o.blockedWithinN() != base.blockedWithinN()) {
            return o.blockedWithinN() > base.blockedWithinN();
        }
        // as many guessers stopped within N, but clearly fewer attempts let through overall
        long gain = base.attemptsLetThrough() - o.attemptsLetThrough();
        return gain >= MIN_LET_THROUGH_GAIN && gain >= base.attemptsLetThrough() * LET_THROUGH_GAIN;
    }
}
