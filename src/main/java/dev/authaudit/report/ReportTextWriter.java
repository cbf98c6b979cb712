package dev.authaudit.report;

import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.BlockCause;
import dev.authaudit.classify.IpVerdict;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report for a person at a terminal: a summary, customers with stale clients first, every block
 * explained in one line, the top attackers, and what was read. Every log-derived string goes through
 * {@link Escape#terminal}.
 */
public final class ReportTextWriter {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final int topAttackers;
    private final int reasonsPerItem;

    /**
     * @param topAttackers how many attacking addresses to list
     * @param reasonsPerItem how many reasons to print under each customer
     */
    public ReportTextWriter(int topAttackers, int reasonsPerItem) {
        this.topAttackers = topAttackers;
        this.reasonsPerItem = reasonsPerItem;
    }

    /** Writes the report. */
    public void write(Report r, Writer out) {
        PrintWriter w = new PrintWriter(out);
        summary(r, w);
        customers(r, w, AccountVerdict.STALE_PASSWORD, "Customers with a stale password in a mail client");
        customers(r, w, AccountVerdict.MISTYPED, "Mistyped passwords (failed, then logged in)");
        blocks(r, w);
        attackers(r, w);
        targeted(r, w);
        notices(r, w);
        actions(r, w);
        inputs(r, w);
        w.flush();
    }

    private void summary(Report r, PrintWriter w) {
        long lines = r.inputs().stream().mapToLong(InputSummary::lines).sum();
        long events = r.inputs().stream().mapToLong(InputSummary::events).sum();
        long skipped = r.inputs().stream().mapToLong(InputSummary::skipped).sum();
        long failures = r.accounts().stream().mapToLong(AccountEntry::failures).sum();
        w.println("authaudit report");
        w.println("  period     " + (r.period().from() == null ? "no events" : WHEN.format(r.period().from()) + " to "
                + WHEN.format(r.period().to()) + " (" + r.period().from().getOffset() + ")"));
        w.printf("  read       %,d lines in %d inputs: %,d events, %,d skipped%s%n", lines, r.inputs().size(), events,
                skipped, skipped > 0 ? " (rules gaps: authaudit rules check --missed)" : "");
        Map<AccountVerdict, Long> av = new EnumMap<>(AccountVerdict.class);
        r.accounts().forEach(a -> av.merge(a.verdict(), 1L, Long::sum));
        Map<IpVerdict, Long> iv = new EnumMap<>(IpVerdict.class);
        r.ips().forEach(i -> iv.merge(i.verdict(), 1L, Long::sum));
        w.printf("  failures   %,d on %,d logins from %,d addresses%n", failures, r.accounts().size(), r.ips().size());
        w.println("  logins     " + counts(av));
        w.println("  addresses  " + counts(iv));
        Map<BlockCause, Long> bc = new EnumMap<>(BlockCause.class);
        r.blocks().forEach(b -> bc.merge(b.cause(), 1L, Long::sum));
        w.println("  blocks     " + r.blocks().size() + (r.blocks().isEmpty() ? "" : ": " + counts(bc)));
        if (r.omitted() != null && (r.omitted().accounts() + r.omitted().ips() + r.omitted().blocks()) > 0) {
            w.printf("  omitted    %,d logins, %,d addresses, %,d blocks past the memory caps%n",
                    r.omitted().accounts(), r.omitted().ips(), r.omitted().blocks());
        }
        w.println();
    }

    private static <E extends Enum<E>> String counts(Map<E, Long> m) {
        if (m.isEmpty()) {
            return "none";
        }
        return m.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                .collect(Collectors.joining(", "));
    }

    private void customers(Report r, PrintWriter w, AccountVerdict verdict, String title) {
        List<AccountEntry> list = r.accounts().stream().filter(a -> a.verdict() == verdict).toList();
        if (list.isEmpty()) {
            return;
        }
        w.println(title + " (" + list.size() + ")");
        for (AccountEntry a : list) {
            // only the customer's own sources; addresses guessing the login are counted apart
            String sources = a.customerSources().stream().limit(3)
                    .map(s -> s.ip() + " " + s.protocols().stream().map(p -> p.word()).collect(Collectors.joining("+")))
                    .collect(Collectors.joining(", "));
            if (sources.isEmpty()) {
                sources = "-";
            }
            List<SourceEntry> guessers = a.guessers();
            if (!guessers.isEmpty()) {
                sources += " (apart: " + guessers.size() + (guessers.size() == 1 ? " address guesses" : " addresses guess")
                        + " it)";
            }
            OffsetDateTime blocked = r.blocks().stream().filter(b -> a.account().equals(b.account()))
                    .map(BlockEntry::at).min(OffsetDateTime::compareTo).orElse(null);
            w.printf("  %-32s %,5d failures  confidence %.2f  from %s%n", Escape.terminal(a.account()), a.failures(),
                    a.confidence(), Escape.terminal(sources));
            w.println("      detected " + (a.detectedAt() == null ? "-" : SHORT.format(a.detectedAt()))
                    + (blocked == null ? ", not blocked" : ", first blocked " + SHORT.format(blocked)
                    + (a.detectedAt() != null && a.detectedAt().isBefore(blocked)
                    ? " (" + minutes(a.detectedAt(), blocked) + " after detection)" : "")));
            a.reasons().stream().limit(reasonsPerItem).forEach(x -> w.println("      - " + Escape.terminal(x)));
        }
        w.println();
    }

    private static String minutes(OffsetDateTime from, OffsetDateTime to) {
        long m = java.time.Duration.between(from, to).toMinutes();
        return m >= 120 ? (m / 60) + " h" : m + " min";
    }

    private void blocks(Report r, PrintWriter w) {
        if (r.blocks().isEmpty()) {
            return;
        }
        w.println("Blocks explained (" + r.blocks().size() + ")");
        for (BlockEntry b : r.blocks().stream().sorted(java.util.Comparator.comparing(BlockEntry::at)).toList()) {
            String who = b.account() == null ? "" : " " + Escape.terminal(b.account());
            w.printf("  %s  %-15s %-8s %-14s %-5s -> %s%s: %s%n", SHORT.format(b.at()), Escape.terminal(b.ip()),
                    Escape.terminal(b.source()), Escape.terminal(b.trigger()), b.hits() == null ? "" : "x" + b.hits(),
                    b.cause().word(), who, b.reasons().isEmpty() ? "" : Escape.terminal(b.reasons().get(0)));
        }
        w.println();
    }

    private void attackers(Report r, PrintWriter w) {
        List<IpEntry> list = r.ips().stream().filter(i -> i.verdict() == IpVerdict.ATTACKER
                || i.verdict() == IpVerdict.SCANNER).limit(topAttackers).toList();
        if (list.isEmpty()) {
            return;
        }
        long total = r.ips().stream().filter(i -> i.verdict() == IpVerdict.ATTACKER
                || i.verdict() == IpVerdict.SCANNER).count();
        w.println("Top attackers (" + list.size() + (total > list.size() ? " of " + total : "") + ")");
        for (IpEntry i : list) {
            w.printf("  %-39s %-8s %,6d failures on %,4d logins, blocked %d  %s%n", Escape.terminal(i.ip()),
                    i.verdict().word(), i.failures(), i.accounts().size(), i.blocked(),
                    i.reasons().isEmpty() ? "" : Escape.terminal(i.reasons().get(0)));
        }
        w.println();
    }

    private void targeted(Report r, PrintWriter w) {
        long targeted = r.accounts().stream().filter(a -> a.verdict() == AccountVerdict.TARGETED).count();
        long unknown = r.accounts().stream().filter(a -> a.verdict() == AccountVerdict.UNKNOWN_USER).count();
        if (targeted + unknown == 0) {
            return;
        }
        w.println("Logins under attack: " + targeted + " existing logins targeted, " + unknown
                + " guessed logins that do not exist");
        r.accounts().stream().filter(a -> a.verdict() == AccountVerdict.TARGETED).limit(10)
                .forEach(a -> w.printf("  %-32s %,6d failures from %d addresses%n", Escape.terminal(a.account()),
                        a.failures(), a.sources().size()));
        w.println();
    }

    private void notices(Report r, PrintWriter w) {
        if (r.notices().isEmpty()) {
            return;
        }
        w.println("Customer notices (" + r.notices().size() + ")");
        for (NoticeEntry n : r.notices()) {
            w.printf("  %s  %-10s %-32s to %s: %s%n", SHORT.format(n.at()), n.status().word(),
                    Escape.terminal(n.account()), n.to() == null ? "-" : Escape.terminal(n.to()),
                    Escape.terminal(n.reason()));
        }
        w.println();
    }

    private void actions(Report r, PrintWriter w) {
        if (r.actions().isEmpty()) {
            return;
        }
        w.println("Firewall actions (" + r.actions().size() + ")");
        for (ActionEntry a : r.actions()) {
            w.printf("  %s  %-9s %-5s %-15s %s%n", SHORT.format(a.at()), a.status(), a.kind(), a.ip(),
                    Escape.terminal(a.command() == null ? a.reason() : a.command() + ": " + a.reason()));
        }
        w.println();
    }

    private void inputs(Report r, PrintWriter w) {
        w.println("Inputs");
        for (InputSummary i : r.inputs()) {
            w.printf("  %-9s %,10d lines %,8d events %,6d skipped  %s%n", i.format(), i.lines(), i.events(),
                    i.skipped(), Escape.terminal(i.path()));
        }
    }
}
