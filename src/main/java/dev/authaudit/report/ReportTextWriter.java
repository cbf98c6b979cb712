package dev.authaudit.report;

import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.BlockCause;
import dev.authaudit.classify.Claim;
import dev.authaudit.classify.ClaimKind;
import dev.authaudit.classify.IpVerdict;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The report for a person at a terminal, terse like fail2ban-client or pflogsumm and never wider than
 * {@value #WIDTH} columns: a summary, then the customers the firewall hurt (grouped per address), stale
 * passwords, mistyped ones, attackers (a distributed attack as one row), scanners, notices, actions and
 * what was read. Reasons are the verdicts' claims as written; a list cut short says how many more there
 * are, and {@code verbose} prints everything. Every log-derived string goes through {@link Escape#terminal};
 * colour (headings and verdict words only) is added after the width is measured.
 */
public final class ReportTextWriter {
    /** The widest line written. */
    public static final int WIDTH = 120;
    /** The one date format of the text report, the same as the reasons' ({@code Mar 10 19:42}). */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);
    private static final int SOURCES_SHOWN = 3;
    private static final int LOGINS_SHOWN = 10;
    private static final Set<ClaimKind> PER_BLOCK = Set.of(ClaimKind.BLOCK_RULE, ClaimKind.BLOCK_FAILURES,
            ClaimKind.BLOCK_DROPS);

    private final int topAttackers;
    private final int reasonsPerItem;
    private final boolean verbose;
    private final boolean color;

    /**
     * A writer without colour that cuts reasons short.
     *
     * @param topAttackers how many attacking addresses to list
     * @param reasonsPerItem how many reasons to print under each customer
     */
    public ReportTextWriter(int topAttackers, int reasonsPerItem) {
        this(topAttackers, reasonsPerItem, false, false);
    }

    /**
     * @param topAttackers how many attacking addresses to list
     * @param reasonsPerItem how many reasons to print under each item unless {@code verbose}
     * @param verbose print every reason and every item
     * @param color colour headings and verdict words with ANSI codes (for a terminal)
     */
    public ReportTextWriter(int topAttackers, int reasonsPerItem, boolean verbose, boolean color) {
        this.topAttackers = topAttackers;
        this.reasonsPerItem = reasonsPerItem;
        this.verbose = verbose;
        this.color = color;
    }

    /** Writes the report. */
    public void write(Report r, Writer out) {
        PrintWriter w = new PrintWriter(out);
        summary(r, w);
        hurtByFirewall(r, w);
        customers(r, w, AccountVerdict.STALE_PASSWORD, "Stale passwords in a mail client");
        customers(r, w, AccountVerdict.MISTYPED, "Mistyped passwords, then logged in");
        attackers(r, w);
        scanners(r, w);
        otherBlocks(r, w);
        targeted(r, w);
        notices(r, w);
        actions(r, w);
        inputs(r, w);
        w.flush();
    }

    // ---------------------------------------------------------------- summary

    private void summary(Report r, PrintWriter w) {
        long lines = r.inputs().stream().filter(i -> !isSettings(i)).mapToLong(InputSummary::lines).sum();
        long events = r.inputs().stream().mapToLong(InputSummary::events).sum();
        long skipped = r.inputs().stream().mapToLong(InputSummary::skipped).sum();
        long logs = r.inputs().stream().filter(i -> !isSettings(i)).count();
        long failures = r.accounts().stream().mapToLong(AccountEntry::failures).sum();
        heading(w, "authaudit report", r.period().from() == null ? "no events"
                : when(r.period().from()) + " to " + when(r.period().to()) + " " + r.period().to().getYear()
                + ", times in " + ReportHtmlWriter.zoneName(r.period().from().getOffset()));
        row(w, "read", String.format(Locale.ROOT, "%s in %s: %s, %s", plural(lines, "line", "lines"),
                plural(logs, "log", "logs"), plural(events, "event", "events"), skipped == 0 ? "none skipped"
                        : String.format(Locale.ROOT, "%,d skipped (rules gaps: authaudit rules check --missed)",
                        skipped)));
        row(w, "failures", String.format(Locale.ROOT, "%,d on %s from %s", failures,
                plural(r.accounts().size(), "login", "logins"), plural(r.ips().size(), "address", "addresses")));
        Map<AccountVerdict, Long> av = new EnumMap<>(AccountVerdict.class);
        r.accounts().forEach(a -> av.merge(a.verdict(), 1L, Long::sum));
        Map<IpVerdict, Long> iv = new EnumMap<>(IpVerdict.class);
        r.ips().forEach(i -> iv.merge(i.verdict(), 1L, Long::sum));
        row(w, "logins", counts(av));
        row(w, "addresses", counts(iv));
        Map<BlockCause, Long> bc = new EnumMap<>(BlockCause.class);
        r.blocks().forEach(b -> bc.merge(b.cause(), 1L, Long::sum));
        long blockedAddresses = r.blocks().stream().map(BlockEntry::ip).distinct().count();
        long inForce = r.blocks().stream().filter(BlockEntry::inForceAtEnd).map(BlockEntry::ip).distinct().count();
        row(w, "blocks", r.blocks().isEmpty() ? "none" : String.format(Locale.ROOT, "%,d of %s: %s%s",
                r.blocks().size(), plural(blockedAddresses, "address", "addresses"), counts(bc),
                inForce == 0 ? "" : "; " + inForce + " still blocked at the end"));
        if (r.omitted() != null && (r.omitted().accounts() + r.omitted().ips() + r.omitted().blocks()) > 0) {
            row(w, "omitted", String.format(Locale.ROOT, "%s, %s, %s past the memory caps",
                    plural(r.omitted().accounts(), "login", "logins"), plural(r.omitted().ips(), "address",
                            "addresses"), plural(r.omitted().blocks(), "block", "blocks")));
        }
        w.println();
    }

    private void row(PrintWriter w, String label, String value) {
        print(w, String.format(Locale.ROOT, "  %-10s ", label), value, 13);
    }

    private static <E extends Enum<E>> String counts(Map<E, Long> m) {
        if (m.isEmpty()) {
            return "none";
        }
        return m.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)
                .replace('_', ' ')).collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- customers hurt by the firewall

    /** A block hit a customer when a customer login is behind it or its cause is a customer's client. */
    static boolean hitsCustomer(BlockEntry b) {
        return b.account() != null || b.cause() == BlockCause.STALE_PASSWORD || b.cause() == BlockCause.MISTYPED
                || b.cause() == BlockCause.CLOSED_PORT;
    }

    /** Returns the blocks of {@code list} grouped per address, the address with most blocks first. */
    static Map<String, List<BlockEntry>> perAddress(List<BlockEntry> list) {
        Map<String, List<BlockEntry>> by = new LinkedHashMap<>();
        list.stream().sorted(Comparator.comparing(BlockEntry::at))
                .forEach(b -> by.computeIfAbsent(b.ip() == null ? "-" : b.ip(), k -> new ArrayList<>()).add(b));
        Map<String, List<BlockEntry>> out = new LinkedHashMap<>();
        by.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, List<BlockEntry>> e) ->
                -e.getValue().size()).thenComparing(e -> e.getValue().get(0).at()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Returns what the blocks of one address were, per login behind them:
     * {@code ben@example.com: 6 blocks, all closed port 587 (PS_LIMIT)}.
     */
    static String blockSummary(List<BlockEntry> blocks) {
        return blockSummary(blocks, Escape::terminal);
    }

    /** As {@link #blockSummary(List)}, with log-derived words passed through {@code escape}. */
    static String blockSummary(List<BlockEntry> blocks, java.util.function.UnaryOperator<String> escape) {
        Map<String, List<BlockEntry>> perLogin = new LinkedHashMap<>();
        blocks.forEach(b -> perLogin.computeIfAbsent(b.account() == null ? "" : b.account(),
                k -> new ArrayList<>()).add(b));
        List<String> parts = new ArrayList<>();
        perLogin.forEach((login, list) -> {
            Map<String, Long> causes = new LinkedHashMap<>();
            list.forEach(b -> causes.merge(cause(b), 1L, Long::sum));
            Set<String> triggers = list.stream().map(BlockEntry::trigger).filter(t -> t != null)
                    .collect(Collectors.toCollection(TreeSet::new));
            String what = causes.size() == 1
                    ? (list.size() == 1 ? "" : "all ") + causes.keySet().iterator().next()
                    : causes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", "));
            parts.add((login.isEmpty() ? "" : escape.apply(login) + ": ")
                    + plural(list.size(), "block", "blocks") + ", " + what
                    + (triggers.isEmpty() ? "" : " (" + escape.apply(String.join(", ", triggers)) + ")"));
        });
        return String.join("; ", parts);
    }

    /** Returns the block's cause in words, with the ports for a closed port ({@code closed port 587}). */
    private static String cause(BlockEntry b) {
        String word = b.cause().word().replace('_', ' ');
        return b.cause() == BlockCause.CLOSED_PORT && !b.ports().isEmpty() ? word + " " + b.ports().stream()
                .map(String::valueOf).collect(Collectors.joining("+")) : word;
    }

    private void hurtByFirewall(Report r, PrintWriter w) {
        List<BlockEntry> hurt = r.blocks().stream().filter(ReportTextWriter::hitsCustomer).toList();
        if (hurt.isEmpty()) {
            return;
        }
        Map<String, List<BlockEntry>> by = perAddress(hurt);
        heading(w, "Customers blocked by the firewall", plural(by.size(), "address", "addresses") + ", "
                + plural(hurt.size(), "block", "blocks"));
        blockGroups(w, by);
    }

    private void blockGroups(PrintWriter w, Map<String, List<BlockEntry>> by) {
        by.forEach((ip, list) -> {
            BlockEntry last = list.get(list.size() - 1);
            String span = list.size() == 1 ? when(last.at()) : when(list.get(0).at()) + " to " + when(last.at());
            String state = last.inForceAtEnd() ? paint(RED, "still blocked at the end") : "";
            print(w, String.format(Locale.ROOT, "  %-15s ", Escape.terminal(ip)), blockSummary(list) + "; "
                    + span + (state.isEmpty() ? "" : "; ") , 4, state);
            bullets(w, blockReasons(list), 4);
        });
        w.println();
    }

    /**
     * Returns the reasons of a group of blocks, each once: by default what they share (cause, advice, the
     * state at the end), with {@code -v} also each block's own rule, hits and drops.
     */
    private List<String> blockReasons(List<BlockEntry> list) {
        Set<String> out = new LinkedHashSet<>();
        if (!verbose) {
            // the latest block of each login tells where things stand; earlier ones repeat it
            Map<String, BlockEntry> latest = new LinkedHashMap<>();
            list.forEach(b -> latest.put(b.account() == null ? "" : b.account(), b));
            list = List.copyOf(latest.values());
        }
        // the block still in force leads: its command is the one to run (the ended ones say so themselves)
        List<BlockEntry> ordered = new ArrayList<>(list);
        ordered.sort(Comparator.comparing((BlockEntry b) -> !b.inForceAtEnd()));
        for (BlockEntry b : ordered) {
            if (b.claims().isEmpty()) {
                out.addAll(b.reasons());
                continue;
            }
            for (Claim c : b.claims()) {
                if (verbose || !PER_BLOCK.contains(c.kind())) {
                    out.add(c.text());
                }
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- stale, mistyped

    private void customers(Report r, PrintWriter w, AccountVerdict verdict, String title) {
        List<AccountEntry> list = r.accounts().stream().filter(a -> a.verdict() == verdict).toList();
        if (list.isEmpty()) {
            return;
        }
        heading(w, title, String.valueOf(list.size()));
        for (AccountEntry a : list) {
            OffsetDateTime blocked = r.blocks().stream().filter(b -> a.account().equals(b.account()))
                    .map(BlockEntry::at).min(OffsetDateTime::compareTo).orElse(null);
            long blocks = r.blocks().stream().filter(b -> a.account().equals(b.account())).count();
            String head = String.format(Locale.ROOT, "%s, confidence %.2f, detected %s, %s",
                    plural(a.failures(), "failure", "failures"), a.confidence(),
                    a.detectedAt() == null ? "-" : when(a.detectedAt()),
                    blocked == null ? "not blocked" : plural(blocks, "block", "blocks") + " from " + when(blocked));
            String login = Escape.terminal(a.account());
            String paint = verdict == AccountVerdict.STALE_PASSWORD ? RED : YELLOW;
            if (login.length() > 48) {
                // a login this long (hostile, most likely) gets lines of its own
                wrap(login, WIDTH - 2, WIDTH - 2).forEach(l -> w.println("  " + paint(paint, l)));
                print(w, "    ", head, 6);
            } else {
                print(w, "  " + paint(paint, login) + "  ", head, 6);
            }
            List<SourceEntry> own = a.customerSources();
            List<SourceEntry> guessers = a.guessers();
            String sources = own.isEmpty() ? "-" : own.stream().limit(verbose ? own.size() : SOURCES_SHOWN)
                    .map(s -> Escape.terminal(s.ip()) + " " + s.protocols().stream().map(p -> p.word())
                            .collect(Collectors.joining("+")) + " (" + plural(s.failures(), "failure", "failures")
                            + ")").collect(Collectors.joining(", "))
                    + more(own.size(), verbose ? own.size() : SOURCES_SHOWN);
            print(w, "    device    ", sources, 14);
            if (!guessers.isEmpty()) {
                long their = guessers.stream().mapToLong(SourceEntry::failures).sum();
                print(w, "    apart     ", plural(guessers.size(), "address guesses", "addresses guess")
                        + " this login (" + plural(their, "failure", "failures") + "; not the customer's)", 14);
            }
            List<String> reasons = a.reasons();
            int shown = verbose ? reasons.size() : Math.min(reasonsPerItem, reasons.size());
            bullets(w, reasons.subList(0, shown), 4);
            if (shown < reasons.size()) {
                w.println("    " + more(reasons.size(), shown).substring(2) + " (-v)");
            }
        }
        w.println();
    }

    // ---------------------------------------------------------------- attackers, scanners

    private static boolean distributed(IpEntry i) {
        return i.claims().stream().anyMatch(c -> c.kind() == ClaimKind.DISTRIBUTED_MEMBER);
    }

    private void attackers(Report r, PrintWriter w) {
        List<IpEntry> all = r.ips().stream().filter(i -> i.verdict() == IpVerdict.ATTACKER).toList();
        if (all.isEmpty()) {
            return;
        }
        List<IpEntry> campaign = all.stream().filter(ReportTextWriter::distributed).toList();
        List<IpEntry> own = all.stream().filter(i -> !distributed(i)).toList();
        heading(w, "Attackers", plural(all.size(), "address", "addresses")
                + (campaign.isEmpty() ? "" : ", " + campaign.size() + " of them in a distributed attack"));
        int n = verbose ? own.size() : Math.min(topAttackers, own.size());
        for (IpEntry i : own.subList(0, n)) {
            print(w, String.format(Locale.ROOT, "  %-15s ", Escape.terminal(i.ip())), String.format(Locale.ROOT,
                    "%s on %s, %s%s", plural(i.failures(), "failure", "failures"),
                    plural(i.accountsTotal(), "login", "logins"), plural(i.blocked(), "block", "blocks"),
                    i.accounts().isEmpty() ? "" : ": " + logins(i.accounts(), i.accountsTotal(), 3)), 4);
            if (verbose) {
                bullets(w, i.reasons(), 4);
            }
        }
        if (n < own.size()) {
            w.println("  " + more(own.size(), n).substring(2) + " (--top N or -v)");
        }
        if (!campaign.isEmpty()) {
            long failures = campaign.stream().mapToLong(IpEntry::failures).sum();
            long blocked = campaign.stream().mapToLong(IpEntry::blocked).sum();
            Set<String> logins = new TreeSet<>();
            campaign.forEach(i -> logins.addAll(i.accounts()));
            print(w, "  distributed ", String.format(Locale.ROOT, "%s, each failing a login once or twice, %s on %s, %s: %s",
                    plural(campaign.size(), "address", "addresses"), plural(failures, "failure", "failures"),
                    plural(logins.size(), "login", "logins"), plural(blocked, "block", "blocks"),
                    logins(List.copyOf(logins), logins.size(), verbose ? logins.size() : 4)), 4);
            // the member's own reason says how many such addresses and when; the first member stands for all
            bullets(w, campaign.get(0).claims().stream().filter(c -> c.kind() == ClaimKind.DISTRIBUTED_MEMBER)
                    .map(c -> "for example: " + c.text()).limit(1).toList(), 4);
            if (verbose) {
                print(w, "    members ", campaign.stream().map(i -> Escape.terminal(i.ip()))
                        .collect(Collectors.joining(", ")), 14);
            }
        }
        w.println();
    }

    private void scanners(Report r, PrintWriter w) {
        List<IpEntry> all = r.ips().stream().filter(i -> i.verdict() == IpVerdict.SCANNER).toList();
        if (all.isEmpty()) {
            return;
        }
        heading(w, "Scanners", plural(all.size(), "address", "addresses"));
        int n = verbose ? all.size() : Math.min(topAttackers, all.size());
        for (IpEntry i : all.subList(0, n)) {
            print(w, String.format(Locale.ROOT, "  %-15s ", Escape.terminal(i.ip())), plural(i.blocked(), "block",
                    "blocks") + (i.failures() == 0 ? "" : ", " + plural(i.failures(), "failed login", "failed logins")),
                    4);
            List<String> reasons = i.reasons();
            int shown = verbose ? reasons.size() : Math.min(1, reasons.size());
            bullets(w, reasons.subList(0, shown), 4);
        }
        if (n < all.size()) {
            w.println("  " + more(all.size(), n).substring(2) + " (--top N or -v)");
        }
        w.println();
    }

    /** Blocks that hit no customer, grouped per address (attackers' and scanners' blocks, and unknown ones). */
    private void otherBlocks(Report r, PrintWriter w) {
        List<BlockEntry> rest = r.blocks().stream().filter(b -> !hitsCustomer(b)).toList();
        if (rest.isEmpty()) {
            return;
        }
        Map<String, List<BlockEntry>> by = perAddress(rest);
        heading(w, "Other blocks", plural(by.size(), "address", "addresses") + ", "
                + plural(rest.size(), "block", "blocks"));
        if (verbose) {
            blockGroups(w, by);
            return;
        }
        by.forEach((ip, list) -> {
            BlockEntry last = list.get(list.size() - 1);
            String span = list.size() == 1 ? when(last.at()) : when(list.get(0).at()) + " to " + when(last.at());
            print(w, String.format(Locale.ROOT, "  %-15s ", Escape.terminal(ip)), blockSummary(list) + "; " + span
                    + (last.inForceAtEnd() ? "; still blocked at the end" : ""), 4);
        });
        w.println("  (reasons and advice for each: -v)");
        w.println();
    }

    private void targeted(Report r, PrintWriter w) {
        List<AccountEntry> targeted = r.accounts().stream().filter(a -> a.verdict() == AccountVerdict.TARGETED)
                .toList();
        List<AccountEntry> unknown = r.accounts().stream().filter(a -> a.verdict() == AccountVerdict.UNKNOWN_USER)
                .toList();
        if (targeted.size() + unknown.size() == 0) {
            return;
        }
        heading(w, "Logins under attack", plural(targeted.size(), "existing login", "existing logins")
                + " targeted, " + plural(unknown.size(), "guessed login", "guessed logins") + " that do not exist");
        int n = verbose ? targeted.size() : Math.min(LOGINS_SHOWN, targeted.size());
        targeted.subList(0, n).forEach(a -> print(w, "  ", Escape.terminal(a.account()) + "  "
                + plural(a.failures(), "failure", "failures") + " from "
                + plural(a.sources().size(), "address", "addresses"), 4));
        if (n < targeted.size()) {
            w.println("  " + more(targeted.size(), n).substring(2) + " (-v)");
        }
        if (!unknown.isEmpty()) {
            int m = verbose ? unknown.size() : Math.min(LOGINS_SHOWN, unknown.size());
            print(w, "  guessed: ", unknown.subList(0, m).stream().map(a -> Escape.terminal(a.account()))
                    .collect(Collectors.joining(", ")) + more(unknown.size(), m), 4);
        }
        w.println();
    }

    private void notices(Report r, PrintWriter w) {
        if (r.notices().isEmpty()) {
            return;
        }
        heading(w, "Customer notices", String.valueOf(r.notices().size()));
        for (NoticeEntry n : r.notices()) {
            print(w, String.format(Locale.ROOT, "  %-12s %-10s ", when(n.at()), n.status().word()),
                    Escape.terminal(n.account()) + " to " + (n.to() == null ? "-" : Escape.terminal(n.to())) + ": "
                            + Escape.terminal(n.reason()), 4);
        }
        w.println();
    }

    private void actions(Report r, PrintWriter w) {
        if (r.actions().isEmpty()) {
            return;
        }
        heading(w, "Firewall actions", String.valueOf(r.actions().size()));
        for (ActionEntry a : r.actions()) {
            print(w, String.format(Locale.ROOT, "  %-12s %-9s %-5s %-15s ", when(a.at()), a.status(), a.kind(),
                    Escape.terminal(a.ip())), Escape.terminal(a.command() == null ? a.reason()
                    : a.command() + ": " + a.reason()), 4);
        }
        w.println();
    }

    // ---------------------------------------------------------------- inputs

    /** csf.conf is read for its settings: it has no log lines, and 0 lines is not a failed read. */
    private static boolean isSettings(InputSummary i) {
        return i.format().equals("csf-conf");
    }

    private void inputs(Report r, PrintWriter w) {
        heading(w, "Inputs", String.valueOf(r.inputs().size()));
        for (InputSummary i : r.inputs()) {
            String what = isSettings(i) ? "firewall settings read (not a log)"
                    : String.format(Locale.ROOT, "%,9d %-5s %,7d %-6s %,5d skipped", i.lines(),
                    i.lines() == 1 ? "line" : "lines", i.events(), i.events() == 1 ? "event" : "events", i.skipped());
            print(w, String.format(Locale.ROOT, "  %-9s %-41s ", i.format(), what), Escape.terminal(i.path()), 4);
        }
    }

    // ---------------------------------------------------------------- words and layout

    /** Returns {@code 1 failure}, {@code 2 failures}, with thousands separated. */
    static String plural(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    /** Returns {@code , +18 more} when {@code shown} of {@code total} were listed, else nothing. */
    static String more(long total, long shown) {
        // a no-break space keeps "+18 more" on one line
        return total > shown ? ", +" + (total - shown) + "\u00a0more" : "";
    }

    private static String logins(List<String> list, long total, int n) {
        return list.stream().limit(n).map(Escape::terminal).collect(Collectors.joining(", "))
                + more(total, Math.min(n, list.size()));
    }

    private static String when(OffsetDateTime t) {
        return t == null ? "-" : WHEN.format(t);
    }

    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }

    private void heading(PrintWriter w, String title, String count) {
        String line = title + " (" + count + ")";
        if (line.length() > WIDTH) {
            line = title;
        }
        w.println(paint(BOLD, line));
    }

    private void bullets(PrintWriter w, List<String> reasons, int indent) {
        for (String x : reasons) {
            print(w, " ".repeat(indent) + "- ", Escape.terminal(x), indent + 2);
        }
    }

    private void print(PrintWriter w, String lead, String text, int hang) {
        print(w, lead, text, hang, "");
    }

    /**
     * Prints {@code lead + text + tail}, wrapping at spaces to {@value #WIDTH} columns with {@code hang}
     * spaces before continuation lines; {@code tail} is already painted (its visible length is counted).
     */
    private void print(PrintWriter w, String lead, String text, int hang, String tail) {
        String plainTail = tail.replaceAll("\u001b\\[[0-9;]*m", "");
        int leadWidth = lead.replaceAll("\u001b\\[[0-9;]*m", "").length();
        List<String> lines = wrap(text + plainTail, WIDTH - leadWidth, WIDTH - hang);
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k);
            if (k == lines.size() - 1 && !plainTail.isEmpty() && l.endsWith(plainTail)) {
                l = l.substring(0, l.length() - plainTail.length()) + tail;
            }
            w.println(k == 0 ? lead + l : " ".repeat(hang) + l);
        }
    }

    /** Wraps at spaces: the first line at most {@code first} wide, the rest at most {@code rest}. */
    static List<String> wrap(String text, int first, int rest) {
        List<String> out = new ArrayList<>();
        String s = text;
        int width = Math.max(20, first);
        while (s.length() > width) {
            int cut = s.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width; // a word longer than the line (a hostile login) is cut hard
                out.add(s.substring(0, cut));
                s = s.substring(cut);
            } else {
                out.add(s.substring(0, cut));
                s = s.substring(cut + 1);
            }
            width = Math.max(20, rest);
        }
        out.add(s);
        return out;
    }
}
