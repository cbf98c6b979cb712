package dev.authaudit.report;

import dev.authaudit.classify.BlockAssessment;
import dev.authaudit.classify.Explanation;
import dev.authaudit.classify.SourceRole;
import dev.authaudit.correlate.SourceEvidence;
import dev.authaudit.correlate.TimelineEntry;
import dev.authaudit.event.Protocol;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The text of {@code explain}: the story of one address or login, the answer first, then the lines behind it. */
public final class StoryTextWriter {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT);

    private StoryTextWriter() {
    }

    /** Prints the login's sources split by role, or the address's role for each login it used. */
    private static void sources(Explanation x, PrintWriter out) {
        if (x.account() != null) {
            var a = x.account();
            List<SourceEvidence> failing = a.evidence().sources().stream()
                    .filter(s -> s.failures() > 0).toList();
            out.println();
            out.println("Sources");
            for (SourceRole role : SourceRole.values()) {
                var mine = failing.stream().filter(s -> a.role(s.ip()) == role).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                String title = switch (role) {
                    case CUSTOMER -> "the customer's own";
                    case GUESSER -> "separately, guessing this login";
                    case UNKNOWN -> "not known whose";
                };
                out.printf("  %s (%d):%n", title, mine.size());
                mine.stream().limit(10).forEach(s -> out.printf("    %-40s %,6d failed %,6d succeeded  %s%n",
                        Escape.terminal(s.ip()), s.failures(), s.successes(), s.failureProtocols().stream()
                                .filter(p -> p != Protocol.OTHER).sorted()
                                .map(p -> p.word()).collect(Collectors.joining("+"))));
                if (mine.size() > 10) {
                    out.println("    ... and " + (mine.size() - 10) + " more");
                }
            }
        } else if (!x.roles().isEmpty()) {
            out.println();
            out.println("Role for each login it used");
            // in login order: the explanation's map has none of its own (Map.copyOf's order changes from run to run)
            new TreeMap<>(x.roles()).forEach((login, role) -> out.printf("  %-40s %s%n", Escape.terminal(login),
                    role.word()));
        }
    }

    /**
     * Prints the story of one subject: the verdict and its reasons, its sources, each block, then the lines
     * behind them (failures and firewall lines, or every line with {@code all}), or that no event involves it.
     *
     * @param x the subject's explanation, or null when no event involves it
     * @param key the address or login asked about, printed when there is no story
     * @param address true when the subject is an address
     * @param zone the zone the times are printed in
     * @param all true to list every successful login, not only their sum per address
     */
    public static void write(Explanation x, String key, boolean address, ZoneId zone, boolean all, PrintWriter out) {
        String what = address ? "address " : "login ";
        if (x == null || (x.timeline().isEmpty() && x.blocks().isEmpty())) {
            out.println("No event in these logs involves " + what + Escape.terminal(key) + ".");
            out.println("Check the spelling, the time window (--since/--until) and that the logs cover that period.");
            return;
        }
        // the answer first: verdict, reasons, sources, blocks; then the lines behind it
        out.println("Story of " + what + Escape.terminal(x.subject()));
        out.println();
        if (x.verdict() == null) {
            out.println("Verdict: none (no failed login involves it; only firewall lines below)");
        } else {
            out.printf(Locale.ROOT, "Verdict: %s (confidence %.2f)%n", x.verdict(), x.confidence());
        }
        x.reasons().forEach(r -> out.println("  - " + Escape.terminal(r)));
        sources(x, out);
        if (!x.blocks().isEmpty()) {
            out.println();
            out.println((address ? "Blocks" : "Blocks of addresses that used this login") + " ("
                    + x.blocks().size() + ")");
            for (BlockAssessment b : x.blocks()) {
                var e = b.evidence();
                out.printf("  %s  %s  %s %s%s -> %s%s%n", WHEN.format(e.at().atZone(zone)),
                        Escape.terminal(e.ip() == null ? "-" : e.ip()), Escape.terminal(e.source()),
                        Escape.terminal(e.trigger()), e.hits() == null ? "" : " (" + e.hits()
                                + (e.hits() == 1 ? " hit)" : " hits)"), b.cause().word().replace('_', ' '),
                        b.account() == null ? "" : " behind login " + Escape.terminal(b.account()));
                b.reasons().forEach(r -> out.println("      - " + Escape.terminal(r)));
            }
        }
        List<TimelineEntry> successes = x.timeline().stream().filter(t -> t.type().equals("auth_success")).toList();
        List<TimelineEntry> shown = all ? x.timeline()
                : x.timeline().stream().filter(t -> !t.type().equals("auth_success")).toList();
        out.println();
        out.println((all ? "Every line" : "Failures and firewall lines") + " (" + shown.size()
                + (x.timelineOmitted() > 0 ? "; " + x.timelineOmitted() + " more lines were not kept" : "") + ")");
        for (TimelineEntry t : shown) {
            out.printf("  %s  %-16s %s  [%s:%d]%n", WHEN.format(t.time().atZone(zone)), t.type(),
                    Escape.terminal(t.summary()), Escape.terminal(t.file()), t.line());
        }
        if (!all && !successes.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "Successful logins: %,d, %s to %s (--all lists each one in time order)%n",
                    successes.size(), WHEN.format(successes.get(0).time().atZone(zone)),
                    WHEN.format(successes.get(successes.size() - 1).time().atZone(zone)));
            if (x.account() != null) {
                x.account().evidence().sources().stream().filter(s -> s.successes() > 0)
                        .sorted(Comparator.comparingLong(
                                (SourceEvidence s) -> -s.successes()))
                        .forEach(s -> out.printf(Locale.ROOT, "  %-40s %,6d %s  %s%n", Escape.terminal(s.ip()),
                                s.successes(), s.successes() == 1 ? "success  " : "successes",
                                s.protocols().stream().filter(p -> p != Protocol.OTHER).sorted()
                                        .map(p -> p.word()).collect(Collectors.joining("+"))));
            }
        }
    }
}
