package dev.authaudit.tune;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The sentences of the recommendations: the change, then what it spares and what it still blocks. */
final class Wording {
    private Wording() {
    }

    /** Returns "LF_IMAPD 10 to 20: spares 9 of 11 customer blocks, still blocks 97% of ...". */
    static String change(Outcome base, Alternative a) {
        Outcome o = a.outcome();
        StringBuilder s = new StringBuilder(head(a));
        if (a.portScanSetting()) {
            s.append(": ").append(removes(base.customerScanBlocks() - o.customerScanBlocks(), base.customerScanBlocks()))
                    .append(" closed-port customer ").append(word(base.customerScanBlocks(), "block", "blocks"))
                    .append(base.scannersBlocked() == 0 ? ", and no real scan was blocked before either"
                            : ", keeps " + ofAll(o.scannersBlocked(), base.scannersBlocked()) + " real "
                            + word(base.scannersBlocked(), "scan", "scans"));
            return s.toString();
        }
        int spared = base.customerBlocks() - o.customerBlocks();
        if (spared > 0) {
            s.append(": spares ").append(ofAll(spared, base.customerBlocks())).append(" customer ")
                    .append(word(base.customerBlocks(), "block", "blocks"));
            String who = sources(base, o);
            if (!who.isEmpty()) {
                s.append(" (").append(who).append(')');
            }
            s.append(", still ");
        } else {
            s.append(": blocks no more customers, still ");
        }
        s.append(guessing(o));
        if (spared <= 0 && o.blockedWithinN() != base.blockedWithinN()) {
            s.append(" instead of ").append(base.blockedWithinN());
        }
        if (o.attemptsLetThrough() < base.attemptsLetThrough()) {
            s.append(", and lets ").append(base.attemptsLetThrough() - o.attemptsLetThrough())
                    .append(" fewer attacker attempts through (").append(o.attemptsLetThrough()).append(" of ")
                    .append(o.attackerAttempts()).append(')');
        } else if (o.attemptsLetThrough() > base.attemptsLetThrough()) {
            s.append(", but lets ").append(o.attemptsLetThrough() - base.attemptsLetThrough())
                    .append(" more attacker attempts through (").append(o.attemptsLetThrough()).append(" of ")
                    .append(o.attackerAttempts()).append(')');
        }
        return s.toString();
    }

    /** Returns "LF_SMTPAUTH 5: keep; it blocks 2 customer sources, but every alternative tried (3, 10, 15) ...". */
    static String keep(Outcome base, List<Alternative> tried) {
        Alternative first = tried.get(0);
        StringJoiner values = new StringJoiner(", ");
        tried.forEach(a -> values.add(a.to()));
        int customers = base.customerBlocks(first.trigger());
        return first.setting() + " " + first.from() + ": keep; it makes " + plural(customers,
                first.portScanSetting() ? "closed-port customer block" : "customer block",
                first.portScanSetting() ? "closed-port customer blocks" : "customer blocks")
                + ", but no alternative tried (" + values + ") spares one without blocking fewer attackers"
                + (first.portScanSetting() ? " or real scans" : "");
    }

    /** Returns "still blocks 29 of 30 guessing sources (97%) within 10 attempts". */
    static String guessing(Outcome o) {
        if (o.guessersWithAtLeastN() == 0) {
            return "blocks " + o.attackersBlocked() + " of " + o.attackerSources() + " attacker sources";
        }
        return "blocks " + o.blockedWithinN() + " of " + o.guessersWithAtLeastN() + " guessing sources ("
                + percent(o.withinShare()) + ") within " + o.within() + " attempts";
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%d%%", Math.round(share * 100));
    }

    static String word(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String head(Alternative a) {
        if (a.setting().equals("TCP_IN")) {
            return "open port " + a.to().substring("with ".length()) + " in TCP_IN";
        }
        return a.setting() + " " + a.from() + " to " + a.to();
    }

    private static String sources(Outcome base, Outcome o) {
        StringJoiner j = new StringJoiner(", ");
        add(j, base.staleSources(), o.staleSources(), "stale-password");
        add(j, base.typoSources(), o.typoSources(), "typo");
        add(j, base.otherCustomerSources(), o.otherCustomerSources(), "other customer");
        return j.toString();
    }

    private static void add(StringJoiner j, int before, int after, String what) {
        if (before > after) {
            j.add(ofAll(before - after, before) + " " + what + " " + (before == 1 ? "source" : "sources"));
        }
    }

    private static String ofAll(int part, int whole) {
        if (whole == 0) {
            return "0";
        }
        return part == whole ? (whole == 1 ? "the" : "all " + whole) : part + " of " + whole;
    }

    private static String removes(int part, int whole) {
        return "removes " + ofAll(part, whole);
    }
}
