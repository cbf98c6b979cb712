package dev.authaudit.cli;

import dev.authaudit.act.firewall.ActionRecord;
import dev.authaudit.act.firewall.FirewallStore;
import dev.authaudit.act.firewall.HookCall;
import dev.authaudit.text.Escape;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.run.HookCrossCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code authaudit hook log}: what the lfd hook recorded, rejected and did, and what {@code watch --fleet-act}
 * decided. lfd throws the hook's output away, so this is the only way to see that BLOCK_REPORT is wired up and
 * working.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
        header = "Show what the lfd hook recorded, rejected and did, newest first.",
        description = {"lfd discards what its BLOCK_REPORT hook prints, so 'hook lfd-block' keeps every call in",
            "the state database: the block lfd reported, how it was explained, the notice, the actions",
            "decided (dry run or run) and any problem, including calls whose arguments were not a block.",
            "With --lfd-log, every block lfd logged in the period is matched with a hook call, and those",
            "that never reached the hook are listed: the sign of a mis-wired BLOCK_REPORT.",
            "The blocks, dry runs, refusals and lifts of 'watch --fleet-act' follow, when there are any."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done (also when nothing was recorded)",
            "2:usage error", "3:the state database cannot be opened or a rule is invalid"})
public final class HookLogCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int WIDTH = 120;

    @Mixin
    StateOptions state = new StateOptions();

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "7d",
            description = "Show the calls of this last period (30m, 24h, 7d). Default: ${DEFAULT-VALUE}.")
    Duration since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Show at most N calls. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--lfd-log", paramLabel = "FILE", description = "lfd.log to check against: every block lfd"
            + " logged in the period should have reached the hook; those that did not are listed.")
    Path lfdLog;

    @Mixin
    InputOptions input = new InputOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public HookLogCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new Cli.UsageProblem("--limit " + limit + " must be at least 1");
        }
        ZoneId zone = input.zone();
        PrintWriter out = spec.commandLine().getOut();
        Instant from = context.clock().instant().minus(since);
        if (!Files.isRegularFile(state.db())) {
            out.println("The lfd hook has recorded nothing: there is no state database at " + state.db() + ".");
            hint(out);
            if (lfdLog != null) {
                crossCheck(List.of(), from, zone, out);
            }
            out.flush();
            return ExitCodes.OK;
        }
        List<HookCall> calls;
        try (FirewallStore store = FirewallStore.open(state.db())) {
            calls = store.calls(from, limit);
        }
        long rejected = calls.stream().filter(HookCall::rejected).count();
        long problems = calls.stream().filter(c -> !c.rejected() && c.problem() != null).count();
        long actions = calls.stream().mapToLong(c -> c.actions().size()).sum();
        out.println("lfd hook since " + WHEN.format(from.atZone(zone)) + ": " + plural(calls.size(), "call", "calls")
                + (calls.size() == limit ? " (the latest " + limit + "; --limit shows more)" : "") + ", "
                + rejected + " rejected, " + problems + " with problems, " + plural(actions, "action", "actions"));
        if (calls.isEmpty()) {
            hint(out);
        }
        for (HookCall c : calls) {
            out.println();
            String when = WHEN.format(c.receivedAt().atZone(zone));
            if (c.rejected()) {
                line(out, "  " + when + "  #" + c.id() + "  rejected: " + Escape.terminal(c.problem()));
                continue;
            }
            String block = c.permanent() ? "permanent" : c.timeoutS() == null ? "temporary"
                    : "temporary " + DurationConverter.human(Duration.ofSeconds(c.timeoutS()));
            line(out, "  " + when + "  #" + c.id() + "  " + Escape.terminal(c.ip()) + "  "
                    + Escape.terminal(c.trigger() == null ? "-" : c.trigger()) + ", " + block
                    + (c.ports() == null || c.ports().isEmpty() ? "" : "*".equals(c.ports()) ? ", all ports"
                    : ", ports " + Escape.terminal(c.ports()))
                    + ", " + plural(c.logLines(), "log line", "log lines"));
            if (c.cause() != null) {
                line(out, "      cause:   " + c.cause() + (c.confidence() == null ? ""
                        : String.format(Locale.ROOT, " (%.2f)", c.confidence()))
                        + (c.account() == null ? "" : ", login " + Escape.terminal(c.account())
                        + (c.knownCustomer() ? " (a known customer)" : ""))
                        + (c.noticeStatus() == null ? "" : ", notice " + Escape.terminal(c.noticeStatus())));
                c.reasons().stream().limit(3).forEach(r -> line(out, "               - " + Escape.terminal(r)));
            } else {
                line(out, "      cause:   not explained");
            }
            for (ActionRecord a : c.actions()) {
                line(out, "      action:  " + a.kind() + " " + a.status().word()
                        + (a.command() == null ? "" : ": " + Escape.terminal(a.command()))
                        + (a.exitCode() == null ? "" : " (exit " + a.exitCode() + ")")
                        + " - " + Escape.terminal(a.reason()));
            }
            if (c.problem() != null) {
                line(out, "      problem: " + Escape.terminal(c.problem()));
            }
        }
        if (lfdLog != null) {
            crossCheck(calls, from, zone, out);
        }
        // watch --fleet-act's decisions sit beside the lfd hook's, in the same state
        try (dev.authaudit.run.FleetActionStore fleet = dev.authaudit.run.FleetActionStore.open(state.db())) {
            List<String> fleetLines = dev.authaudit.run.FleetActionLog.lines(fleet, from, zone, limit);
            if (!fleetLines.isEmpty()) {
                out.println();
                fleetLines.forEach(l -> line(out, l));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void hint(PrintWriter out) {
        out.println("If lfd blocked addresses in that time, BLOCK_REPORT does not reach authaudit: check that"
                + " csf.conf's");
        out.println("BLOCK_REPORT names the wrapper script, that the script is executable and passes --state, and"
                + " restart lfd");
        out.println("(see README, 'Wiring lfd's BLOCK_REPORT').");
    }

    /** Compares lfd's own record of its blocks with the hook's calls ({@link HookCrossCheck}) and prints it. */
    private void crossCheck(List<HookCall> calls, Instant from, ZoneId zone, PrintWriter out) {
        LineParser parser = input.parser(input.ruleSet());
        InputSet set = InputSet.of(List.of(lfdLog.toString()));
        set.problems().forEach(p -> out.println("  lfd.log: " + Escape.terminal(p)));
        YearAnchor years = input.years(set.files());
        HookCrossCheck.Outcome check = new HookCrossCheck(parser, years, context.clock(), context.stdin())
                .check(set, calls, from);
        check.problems().forEach(p -> out.println("  lfd.log: " + Escape.terminal(p)));
        List<FirewallBlock> blocks = check.blocks();
        List<FirewallBlock> missed = check.missed();
        out.println();
        out.println(Escape.terminal(lfdLog.toString()) + ": " + plural(blocks.size(), "block", "blocks") + " since "
                + WHEN.format(from.atZone(zone)) + ", " + (blocks.size() - missed.size()) + " reached the hook"
                + (missed.isEmpty() ? "" : ", " + missed.size() + " did not:"));
        missed.stream().limit(20).forEach(b -> line(out, "  " + WHEN.format(b.time().atZoneSameInstant(zone)) + "  "
                + Escape.terminal(b.ip()) + "  " + Escape.terminal(b.trigger()) + ": no hook call recorded"));
        if (missed.size() > 20) {
            out.println("  +" + (missed.size() - 20) + " more");
        }
        if (!missed.isEmpty()) {
            hint(out);
        }
    }

    private static void line(PrintWriter w, String s) {
        w.println(s.length() <= WIDTH ? s : s.substring(0, WIDTH - 1) + "…");
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
