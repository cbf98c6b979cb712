package dev.authaudit.tune;

import dev.authaudit.event.FirewallBlock;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Writes a {@link TuneReport} for a terminal: the model check, the current settings, the grid, the advice. */
public final class TuneTextWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int LISTED = 10;

    private final ZoneId zone;

    /**
     * @param zone the zone to print times in (the logs' own)
     */
    public TuneTextWriter(ZoneId zone) {
        this.zone = zone;
    }

    /** Writes the report. */
    public void write(TuneReport r, PrintWriter out) {
        out.println("authaudit tune: lfd settings from " + r.csfSource() + ", read as " + r.settings().flavour().word());
        out.println();
        agreement(out, "lfd", r.lfdAgreement());
        if (r.fail2banAgreement() != null) {
            agreement(out, "fail2ban", r.fail2banAgreement());
        }
        out.println("Current lfd settings: " + LfdSettingsText.summary(r.settings()));
        outcome(out, r.lfdCurrent());
        out.println();
        table(out, "lfd alternatives (one setting changed at a time)", r.lfdCurrent(), r.lfdAlternatives());
        if (r.fail2banCurrent() != null) {
            StringBuilder j = new StringBuilder();
            for (Fail2banJail jail : r.jails()) {
                j.append(j.length() == 0 ? "" : "; ").append('[').append(jail.name()).append("] maxretry ")
                        .append(jail.maxretry()).append(", findtime ").append(jail.findtimeS()).append(", bantime ")
                        .append(jail.bantimeS());
            }
            out.println("Current fail2ban jails: " + j);
            outcome(out, r.fail2banCurrent());
            out.println();
            table(out, "fail2ban alternatives", r.fail2banCurrent(), r.fail2banAlternatives());
        }
        out.println("Recommendations:");
        if (r.recommendations().isEmpty() && r.closedPorts().isEmpty()) {
            out.println("  - none: no setting blocks a customer, and no alternative blocks guessing sooner");
        }
        for (Recommendation rec : r.recommendations()) {
            out.println("  - " + rec.text());
        }
        for (PortFinding p : r.closedPorts()) {
            out.println("  - " + portText(p));
        }
        if (r.lfdCombined() != null) {
            out.println("  Together, the lfd changes: " + Wording.plural(r.lfdCombined().customerBlocks(),
                    "customer block", "customer blocks") + " instead of " + r.lfdCurrent().customerBlocks() + "; "
                    + Wording.guessing(r.lfdCombined()) + "; " + Wording.plural(r.lfdCombined().scannersBlocked(),
                    "scan", "scans") + " blocked of " + r.lfdCombined().scannerSources());
        }
        out.println();
        out.println("Caveat: the logs were written under the real blocks, so an address the real firewall blocked"
                + " left no lines while blocked; a looser setting's later blocks are undercounted.");
        out.flush();
    }

    /** Returns "port 587 is not open in TCP_IN but 14 customer addresses try it (...)". */
    public static String portText(PortFinding p) {
        return "port " + p.port() + " is not open in " + p.list() + " but " + Wording.plural(p.customers(),
                "customer address tries", "customer addresses try") + " it ("
                + Wording.plural(p.attempts(), "connection attempt", "connection attempts") + ", "
                + Wording.plural(p.packets(), "dropped packet", "dropped packets") + ")";
    }

    private void agreement(PrintWriter out, String firewall, Agreement a) {
        out.println("Model check: the " + firewall + " model reproduces " + a.reproduced() + " of " + a.realBlocks()
                + " " + firewall + " blocks (" + Wording.percent(a.share()) + ", same address and trigger within "
                + a.slackS() + " s); it makes " + a.extra().size() + " " + Wording.word(a.extra().size(), "block",
                "blocks") + " " + firewall + " did not" + (a.notModelled() > 0 ? "; " + a.notModelled()
                + " " + firewall + " blocks of kinds it does not model" : ""));
        List<FirewallBlock> missed = a.missed();
        for (int i = 0; i < Math.min(LISTED, missed.size()); i++) {
            FirewallBlock b = missed.get(i);
            out.println("  missed " + time(b.instant()) + "  " + b.ip() + "  " + b.trigger()
                    + (b.hits() == null ? "" : " (" + b.hits() + " hits)"));
        }
        for (int i = 0; i < Math.min(LISTED, a.extra().size()); i++) {
            ModelBlock b = a.extra().get(i);
            out.println("  extra  " + time(b.at()) + "  " + b.ip() + "  " + b.trigger() + (b.permblock()
                    ? " (PERMBLOCK)" : " (" + b.hits() + " hits)"));
        }
        if (missed.size() > LISTED || a.extra().size() > LISTED) {
            out.println("  ... (--format json lists them all)");
        }
        out.println();
    }

    private static void outcome(PrintWriter out, Outcome o) {
        out.println("  " + Wording.plural(o.blocks(), "block", "blocks") + "; customers: "
                + Wording.plural(o.customerBlocks(), "block", "blocks") + " on " + Wording.plural(o.customerSources(),
                "source", "sources") + " (stale "
                + o.staleSources() + ", typo " + o.typoSources() + ", other " + o.otherCustomerSources() + "; "
                + o.customerScanBlocks() + " port-scan); attackers: " + o.attackersBlocked() + " of "
                + o.attackerSources() + " sources blocked; scanners: " + o.scannersBlocked() + " of " + o.scannerSources());
        out.println("  " + Wording.guessing(o) + "; attempts before the first block (blocked sources): median "
                + o.medianAttempts() + ", p90 " + o.p90Attempts() + "; attempts let through: " + o.attemptsLetThrough() + " of "
                + o.attackerAttempts());
    }

    private static void table(PrintWriter out, String title, Outcome base, List<Alternative> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.println(title + ":");
        String format = "  %-22s %-13s %-13s %7s %10s %6s %5s %6s %10s %9s %7s %11s %9s%n";
        out.printf(Locale.ROOT, format, "setting", "from", "to", "blocks", "cust.blks", "stale", "typo", "other",
                "attackers", "within" + base.within(), "median", "let through", "scanners");
        row(out, format, "(current)", "", "", base);
        for (Alternative a : rows) {
            row(out, format, a.setting(), a.from(), a.to(), a.outcome());
        }
        out.println();
    }

    private static void row(PrintWriter out, String format, String setting, String from, String to, Outcome o) {
        out.printf(Locale.ROOT, format, setting, from, to, o.blocks(), o.customerBlocks(), o.staleSources(),
                o.typoSources(), o.otherCustomerSources(), o.attackersBlocked() + "/" + o.attackerSources(),
                o.blockedWithinN() + "/" + o.guessersWithAtLeastN(), o.medianAttempts(), o.attemptsLetThrough(),
                o.scannersBlocked() + "/" + o.scannerSources());
    }

    private String time(Instant t) {
        return TIME.format(t.atZone(zone));
    }
}
