package dev.authaudit.cli;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.BlockAssessment;
import dev.authaudit.classify.Explanation;
import dev.authaudit.correlate.TimelineEntry;
import dev.authaudit.parse.Addresses;
import dev.authaudit.run.Replay;
import dev.authaudit.run.ScanInputs;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit explain}: the story of one address or login, and why it was blocked. */
@Command(name = "explain", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Tell the story of one address or login: the verdict, each block, then the lines behind them.",
        description = {"Replays the logs like scan, keeping the timeline of one subject. Prints the verdict and its",
            "reasons first, then each block (which firewall rule fired on which hits and what to do about it),",
            "then every failed login and firewall line in order with its file and line. Successful logins are",
            "summed up per address; --all lists each one."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error",
            "3:a rule or csf.conf is invalid", "4:an input could not be read (the rest was)"})
public final class ExplainCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT);

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    ReplayOptions replay = new ReplayOptions();

    @Option(names = "--all", description = "List every successful login in the timeline too (by default they"
            + " are summed up per address after the failures).")
    boolean all;

    @Parameters(index = "0", paramLabel = "IP|LOGIN", description = "The address or login to explain.")
    String subject;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Log files, .gz, folders, or -.")
    List<String> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public ExplainCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String ip = Addresses.normalize(subject);
        String key = ip != null ? ip : subject.trim().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw new Cli.UsageProblem("give an IP address or a login to explain");
        }
        List<String> missing = ScanInputs.missing(paths);
        if (!missing.isEmpty()) {
            // a mistyped path stops before any report is printed from the other paths
            missing.forEach(m -> err.println("authaudit: " + m));
            err.flush();
            return ExitCodes.INPUT;
        }
        ZoneId zone = input.zone();
        ScanInputs inputs = ScanInputs.of(paths, replay.csfConf);
        inputs.problems().forEach(p -> err.println("authaudit: " + p));
        Auditor auditor = Auditor.builder().csf(inputs.csf()).correlation(replay.correlation()).explain(key).build();
        Replay.Outcome outcome = replay.replay(input, inputs, context, err)
                .run(inputs, auditor, replay.since(context.clock(), zone), replay.until(context.clock(), zone), null);
        outcome.stats().forEach(s -> s.problems().forEach(p -> err.println("authaudit: " + p)));
        input.zoneNote().ifPresent(n -> err.println("authaudit: " + n));
        outcome.stats().forEach(s -> s.unusable().forEach(u -> err.println("authaudit: " + Terminal.safe(u))));
        print(outcome.result(), key, ip != null, zone, all, out);
        out.flush();
        err.flush();
        return !inputs.problems().isEmpty() || outcome.damaged() ? ExitCodes.INPUT : ExitCodes.OK;
    }

    /** Prints the login's sources split by role, or the address's role for each login it used. */
    private static void sources(Explanation x, PrintWriter out) {
        if (x.account() != null) {
            var a = x.account();
            java.util.List<dev.authaudit.correlate.SourceEvidence> failing = a.evidence().sources().stream()
                    .filter(s -> s.failures() > 0).toList();
            out.println();
            out.println("Sources");
            for (dev.authaudit.classify.SourceRole role : dev.authaudit.classify.SourceRole.values()) {
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
                        Terminal.safe(s.ip()), s.failures(), s.successes(), s.failureProtocols().stream()
                                .filter(p -> p != dev.authaudit.event.Protocol.OTHER).sorted()
                                .map(p -> p.word()).collect(java.util.stream.Collectors.joining("+"))));
                if (mine.size() > 10) {
                    out.println("    ... and " + (mine.size() - 10) + " more");
                }
            }
        } else if (!x.roles().isEmpty()) {
            out.println();
            out.println("Role for each login it used");
            x.roles().forEach((login, role) -> out.printf("  %-40s %s%n", Terminal.safe(login), role.word()));
        }
    }

    private static void print(AuditResult result, String key, boolean address, ZoneId zone, boolean all,
                              PrintWriter out) {
        Explanation x = result.explanation();
        String what = address ? "address " : "login ";
        if (x == null || (x.timeline().isEmpty() && x.blocks().isEmpty())) {
            out.println("No event in these logs involves " + what + Terminal.safe(key) + ".");
            out.println("Check the spelling, the time window (--since/--until) and that the logs cover that period.");
            return;
        }
        // the answer first: verdict, reasons, sources, blocks; then the lines behind it
        out.println("Story of " + what + Terminal.safe(x.subject()));
        out.println();
        if (x.verdict() == null) {
            out.println("Verdict: none (no failed login involves it; only firewall lines below)");
        } else {
            out.printf(Locale.ROOT, "Verdict: %s (confidence %.2f)%n", x.verdict(), x.confidence());
        }
        x.reasons().forEach(r -> out.println("  - " + Terminal.safe(r)));
        sources(x, out);
        if (!x.blocks().isEmpty()) {
            out.println();
            out.println((address ? "Blocks" : "Blocks of addresses that used this login") + " ("
                    + x.blocks().size() + ")");
            for (BlockAssessment b : x.blocks()) {
                var e = b.evidence();
                out.printf("  %s  %s  %s %s%s -> %s%s%n", WHEN.format(e.at().atZone(zone)),
                        Terminal.safe(e.ip() == null ? "-" : e.ip()), Terminal.safe(e.source()),
                        Terminal.safe(e.trigger()), e.hits() == null ? "" : " (" + e.hits()
                                + (e.hits() == 1 ? " hit)" : " hits)"), b.cause().word().replace('_', ' '),
                        b.account() == null ? "" : " behind login " + Terminal.safe(b.account()));
                b.reasons().forEach(r -> out.println("      - " + Terminal.safe(r)));
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
                    Terminal.safe(t.summary()), Terminal.safe(t.file()), t.line());
        }
        if (!all && !successes.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "Successful logins: %,d, %s to %s (--all lists each one in time order)%n",
                    successes.size(), WHEN.format(successes.get(0).time().atZone(zone)),
                    WHEN.format(successes.get(successes.size() - 1).time().atZone(zone)));
            if (x.account() != null) {
                x.account().evidence().sources().stream().filter(s -> s.successes() > 0)
                        .sorted(java.util.Comparator.comparingLong(
                                (dev.authaudit.correlate.SourceEvidence s) -> -s.successes()))
                        .forEach(s -> out.printf(Locale.ROOT, "  %-40s %,6d %s  %s%n", Terminal.safe(s.ip()),
                                s.successes(), s.successes() == 1 ? "success  " : "successes",
                                s.protocols().stream().filter(p -> p != dev.authaudit.event.Protocol.OTHER).sorted()
                                        .map(p -> p.word()).collect(java.util.stream.Collectors.joining("+"))));
            }
        }
    }
}
