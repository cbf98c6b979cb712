package dev.authaudit.report;

import dev.authaudit.act.firewall.CsfLists;
import dev.authaudit.act.firewall.HeldBlock;
import dev.authaudit.classify.IpVerdict;
import dev.authaudit.text.Escape;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What csf holds now joined with what the logs say about each address: who it is (customer, attacker,
 * scanner, or absent from the logs), the logins behind it, the cause of its latest block, and the
 * command that lifts it. Customers come first: they are the blocks an admin is asked about.
 */
public final class BlockedNow {
    /** The widest line written. */
    public static final int WIDTH = 120;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /**
     * One held block and what the logs say.
     *
     * @param verdict the worst verdict among the addresses it covers, or null when none is in the logs
     * @param addresses the addresses from the logs it covers (one for a single address)
     * @param accounts logins those addresses used
     * @param latest the latest block of one of them in the logs, or null
     * @param earlierTempBlocks lfd's temporary blocks on record for it (csf.tempip)
     */
    public record Row(HeldBlock block, IpVerdict verdict, List<String> addresses, List<String> accounts,
                      BlockEntry latest, int earlierTempBlocks) {
        public Row {
            addresses = List.copyOf(addresses);
            accounts = List.copyOf(accounts);
        }
    }

    private BlockedNow() {
    }

    /** Joins the held blocks with the report's addresses and blocks; customers first, newest first. */
    public static List<Row> join(CsfLists lists, Report report) {
        return join(lists, report == null ? List.of() : report.ips(), report == null ? List.of() : report.blocks());
    }

    /** Joins the held blocks with the addresses and blocks of the logs. */
    public static List<Row> join(CsfLists lists, List<IpEntry> ips, List<BlockEntry> logBlocks) {
        List<Row> rows = new ArrayList<>();
        for (HeldBlock b : lists.blocks()) {
            IPAddress net = b.ip() == null ? null : new IPAddressString(b.ip()).getAddress();
            IpVerdict verdict = null;
            List<String> addresses = new ArrayList<>();
            Set<String> accounts = new LinkedHashSet<>();
            if (net != null) {
                for (IpEntry e : ips) {
                    IPAddress a = new IPAddressString(e.ip()).getAddress();
                    if (a != null && net.contains(a)) {
                        addresses.add(e.ip());
                        accounts.addAll(e.accounts());
                        verdict = verdict == null || rank(e.verdict()) < rank(verdict) ? e.verdict() : verdict;
                    }
                }
            }
            BlockEntry latest = logBlocks.stream().filter(x -> addresses.contains(x.ip()))
                    .max(Comparator.comparing(BlockEntry::at)).orElse(null);
            int earlier = b.ip() == null ? 0 : lists.history().getOrDefault(b.ip(), 0);
            rows.add(new Row(b, verdict, addresses, List.copyOf(accounts), latest, earlier));
        }
        rows.sort(Comparator.comparingInt((Row r) -> r.verdict() == null ? 1 : rank(r.verdict()))
                .thenComparing(r -> r.block().since(), Comparator.nullsLast(Comparator.reverseOrder())));
        return rows;
    }

    /**
     * Writes the rows for a terminal, no line wider than {@link #WIDTH}.
     *
     * @param logsGiven false when no logs were read, so "not in the logs" would mislead
     */
    public static void write(List<Row> rows, CsfLists lists, ZoneId zone, boolean logsGiven, PrintWriter w) {
        long perm = rows.stream().filter(r -> r.block().permanent()).count();
        long customers = rows.stream().filter(r -> r.verdict() == IpVerdict.CUSTOMER).count();
        w.println("Blocked now: " + plural(rows.size(), "entry", "entries") + " (" + perm + " in csf.deny, "
                + (rows.size() - perm) + " in csf.tempban)" + (logsGiven ? ", " + plural(customers,
                "customer", "customers") + " among them" : "; give logs to see who they are"));
        for (Row r : rows) {
            HeldBlock b = r.block();
            w.println();
            String when = b.permanent()
                    ? "permanent" + (b.since() == null ? "" : " since " + WHEN.format(b.since().atZone(zone)))
                    : "temporary until " + WHEN.format(b.until().atZone(zone)) + " (since "
                    + WHEN.format(b.since().atZone(zone)) + ")"
                    + (b.ports().isEmpty() ? "" : ", port " + b.ports());
            line(w, "  " + Escape.terminal(b.target()) + "  " + when + (b.keep() ? ", marked do not delete" : ""));
            if (!b.comment().isEmpty()) {
                line(w, "      csf says: " + Escape.terminal(b.comment()));
            }
            if (logsGiven) {
                line(w, "      logs say: " + logsSay(r));
                BlockEntry e = r.latest();
                if (e != null) {
                    line(w, "      latest:   " + e.cause().word().replace('_', ' ') + " block at "
                            + WHEN.format(e.at().atZoneSameInstant(zone)) + (e.reasons().isEmpty() ? ""
                            : ": " + Escape.terminal(e.reasons().get(0))));
                }
            }
            if (r.earlierTempBlocks() > 0) {
                line(w, "      history:  lfd has " + plural(r.earlierTempBlocks(), "temporary block", "temporary blocks")
                        + " of it on record (csf.tempip)");
            }
            line(w, "      unblock:  " + Escape.terminal(b.unblock()));
        }
        for (String p : lists.problems()) {
            line(w, "note: " + Escape.terminal(p));
        }
        w.flush();
    }

    private static String logsSay(Row r) {
        if (r.verdict() == null) {
            return "not in these logs";
        }
        StringBuilder s = new StringBuilder(r.verdict().word());
        if (r.addresses().size() > 1) {
            s.append(" (").append(plural(r.addresses().size(), "address", "addresses")).append(" of the network)");
        }
        if (!r.accounts().isEmpty()) {
            List<String> shown = r.accounts().stream().limit(3).map(Escape::terminal).toList();
            s.append(r.verdict() == IpVerdict.CUSTOMER ? ", login " : ", tried ").append(String.join(", ", shown));
            if (r.accounts().size() > shown.size()) {
                s.append(" +").append(r.accounts().size() - shown.size()).append(" more");
            }
        }
        return s.toString();
    }

    private static int rank(IpVerdict v) {
        return switch (v) {
            case CUSTOMER -> 0;
            case UNKNOWN -> 2;
            case ATTACKER -> 3;
            case SCANNER -> 4;
        };
    }

    private static void line(PrintWriter w, String s) {
        w.println(s.length() <= WIDTH ? s : s.substring(0, WIDTH - 1) + "…");
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
