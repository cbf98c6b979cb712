package dev.authaudit.cli;

import dev.authaudit.event.EventJson;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.parse.Envelope;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.run.RulesCheckRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code authaudit rules check}: our fail2ban-regex. Per rule, how many lines it read; the lines of a
 * known source that no rule read; rules that never matched.
 */
@Command(name = "check", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Show which rules read which lines of a log (or of one --line).",
        description = {"Counts lines per rule, lists rules that never matched, and with --missed prints",
            "the skipped lines: lines a source's gate admitted but no rule read (rules gaps)."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error",
            "3:a rule file is invalid", "4:an input could not be read"})
public final class RulesCheckCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--source", paramLabel = "S", description = "Only this source's rules (exim, dovecot, ...).")
    String source;

    @Option(names = "--missed", description = "Print the skipped lines (and unusable ones).")
    boolean missed;

    @Option(names = "--line", paramLabel = "TEXT", description = "Check one line instead of files.")
    String line;

    @Option(names = "--max-missed", paramLabel = "N", description = "Print at most N missed lines.")
    int maxMissed = 200;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Log files, .gz files, folders, or -.")
    List<String> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public RulesCheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RuleSet rules = input.ruleSet();
        if (source != null && !rules.sources().contains(source)) {
            throw new Cli.UsageProblem("--source " + source + " is not a rule source; known: "
                    + String.join(", ", rules.sources()));
        }
        if ((line == null) == paths.isEmpty()) {
            throw new Cli.UsageProblem("give either --line '...' or one or more PATHs");
        }
        LineParser parser = input.parser(rules);
        PrintWriter out = spec.commandLine().getOut();
        if (line != null) {
            return checkLine(new RulesCheckRun(new RulesCheckRun.Settings(null, null, source, 0), parser, rules,
                    context.clock(), context.stdin()), out);
        }
        InputSet set = InputSet.of(paths);
        set.problems().forEach(p -> spec.commandLine().getErr().println("authaudit: " + p));
        YearAnchor years = input.years(set.files());
        RulesCheckRun.Outcome o = new RulesCheckRun(new RulesCheckRun.Settings(set, years, source,
                missed ? maxMissed : 0), parser, rules, context.clock(), context.stdin()).run();
        List<InputStats> stats = o.stats();
        long lines = stats.stream().mapToLong(InputStats::lines).sum();
        long events = stats.stream().mapToLong(InputStats::events).sum();
        long ignored = stats.stream().mapToLong(InputStats::ignored).sum();
        long skipped = stats.stream().mapToLong(InputStats::skipped).sum();
        long invalid = stats.stream().mapToLong(InputStats::invalid).sum();
        long untimed = stats.stream().mapToLong(InputStats::untimed).sum();
        out.println("Rules (lines read):");
        List<String> never = new ArrayList<>();
        for (Map.Entry<String, Long> e : o.hits().entrySet()) {
            if (e.getValue() > 0) {
                ParserRule r = rules.rule(e.getKey());
                out.printf("  %8d  %-36s %s%n", e.getValue(), e.getKey(), r == null ? "" : r.emits().word());
            } else {
                never.add(e.getKey());
            }
        }
        if (!never.isEmpty()) {
            out.println("Rules that never matched (" + never.size() + "):");
            never.forEach(id -> out.println("            " + id));
        }
        out.println("Programs (lines, events; which rule file reads them):");
        o.programs().stream().sorted((a, b) -> Long.compare(b.lines(), a.lines())).limit(40)
                .forEach(p -> out.printf("  %8d %8d  %-32s %s%n", p.lines(), p.events(), Terminal.safe(p.key()),
                        p.claimedBy()));
        if (o.programs().size() > 40) {
            out.println("  (" + (o.programs().size() - 40) + " more programs)");
        }
        o.dovecotLike().forEach((prog, example) -> out.println("Note: " + Terminal.safe(prog) + " writes lines shaped"
                + " like Dovecot's (" + Terminal.safe(example) + ") but no rule file claims it. If it is Dovecot with"
                + " instance_name set, add a site rule file (--rules-dir) with 'source: dovecot' and 'programs: ["
                + Terminal.safe(prog.substring(prog.indexOf(' ') + 1)) + "]'."));
        out.println("Lines: " + lines + " lines, " + events + " events, " + ignored + " ignored, " + skipped
                + " skipped, " + invalid + " unusable, " + untimed + " without time, "
                + (lines - events - ignored - skipped - invalid - untimed) + " unrelated");
        for (InputStats s : stats) {
            s.problems().forEach(p -> spec.commandLine().getErr().println("authaudit: " + p));
        }
        long missedTotal = o.missedTotal();
        if (missed) {
            out.println("Missed lines (" + missedTotal + (missedTotal > o.missed().size() ? ", first "
                    + o.missed().size() : "") + "):");
            o.missed().forEach(m -> out.println("  " + Terminal.safe(m.file() + ":" + m.line() + " [" + m.source()
                    + ", " + m.status().name().toLowerCase() + (m.problem() == null ? "" : ": " + m.problem()) + "] "
                    + m.text())));
        } else if (missedTotal > 0) {
            out.println("(" + missedTotal + " missed lines: add --missed to list them)");
        }
        out.flush();
        return o.inputTrouble() ? ExitCodes.INPUT : ExitCodes.OK;
    }

    private int checkLine(RulesCheckRun run, PrintWriter out) {
        RulesCheckRun.LineCheck check = run.checkLine(line);
        Envelope env = check.envelope();
        out.println("container " + env.container().word() + (env.program() == null ? ", no program"
                : ", program " + Terminal.safe(env.program())) + "; " + check.claimedBy());
        Parsed p = check.parsed();
        switch (p.status()) {
            case EVENT:
                out.println("matched by " + p.ruleId() + " (" + p.source() + ")"
                        + (p.repeat() > 1 ? ", written " + p.repeat() + " times (syslog's repeat wrapper)" : ""));
                out.println(new EventJson().toJson(p.event()));
                break;
            case REPEAT:
                out.println("syslog's note that the file's previous line was written " + p.repeat()
                        + " more times; read in a file, it repeats that line's event");
                break;
            case IGNORED:
                out.println("known and ignored by " + p.ruleId() + " (" + p.source() + ")");
                break;
            case SKIPPED:
                out.println("skipped: the " + p.source() + " gate admits the line but no rule reads it");
                break;
            case INVALID:
            case UNTIMED:
                out.println("matched by " + p.ruleId() + " but unusable: " + p.problem());
                break;
            default:
                out.println("unrelated: no rule file claims the line's program, or none of its gate literals occurs");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
