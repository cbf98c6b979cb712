package dev.authaudit.cli;

import dev.authaudit.event.EventJson;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.parse.Envelope;
import dev.authaudit.parse.FileParser;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleFile;
import dev.authaudit.rules.RuleSet;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
            return checkLine(parser, out);
        }
        Map<String, Long> hits = new LinkedHashMap<>();
        for (RuleFile f : rules.files()) {
            if (source == null || source.equals(f.source())) {
                f.rules().forEach(r -> hits.put(r.id(), 0L));
            }
        }
        InputSet set = InputSet.of(paths);
        set.problems().forEach(p -> spec.commandLine().getErr().println("authaudit: " + p));
        YearAnchor years = input.years(set.files());
        List<InputStats> stats = new ArrayList<>();
        List<String> missedLines = new ArrayList<>();
        long missedTotal = 0;
        Map<String, long[]> programs = new java.util.TreeMap<>();
        Map<String, String> claimedBy = new java.util.HashMap<>();
        Map<String, String> dovecotLike = new java.util.HashMap<>();
        for (InputFile f : set.files()) {
            Instant ref = years.reference(f.modified() != null ? f.modified() : context.clock().instant());
            try (FileParser fp = new FileParser(f, parser, ref, context.stdin(), source).decodeAll()) {
                Parsed p;
                while ((p = fp.next()) != null) {
                    tallyProgram(parser, rules, fp.current().text(), p, programs, claimedBy, dovecotLike);
                    if (p.ruleId() != null) {
                        hits.merge(p.ruleId(), 1L, Long::sum);
                    }
                    boolean gap = p.status() == Parsed.Status.SKIPPED || p.status() == Parsed.Status.INVALID
                            || p.status() == Parsed.Status.UNTIMED;
                    if (gap) {
                        missedTotal++;
                        if (missed && missedLines.size() < maxMissed) {
                            RawLine raw = fp.current();
                            missedLines.add(raw.file() + ":" + raw.line() + " [" + p.source() + ", "
                                    + p.status().name().toLowerCase() + (p.problem() == null ? "" : ": "
                                    + p.problem()) + "] " + p.text());
                        }
                    }
                }
                stats.add(fp.stats());
            }
        }
        long lines = stats.stream().mapToLong(InputStats::lines).sum();
        long events = stats.stream().mapToLong(InputStats::events).sum();
        long ignored = stats.stream().mapToLong(InputStats::ignored).sum();
        long skipped = stats.stream().mapToLong(InputStats::skipped).sum();
        long invalid = stats.stream().mapToLong(InputStats::invalid).sum();
        long untimed = stats.stream().mapToLong(InputStats::untimed).sum();
        out.println("Rules (lines read):");
        List<String> never = new ArrayList<>();
        for (Map.Entry<String, Long> e : hits.entrySet()) {
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
        programs.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(40)
                .forEach(e -> out.printf("  %8d %8d  %-32s %s%n", e.getValue()[0], e.getValue()[1],
                        Terminal.safe(e.getKey()), claimedBy.get(e.getKey())));
        if (programs.size() > 40) {
            out.println("  (" + (programs.size() - 40) + " more programs)");
        }
        dovecotLike.forEach((prog, example) -> out.println("Note: " + Terminal.safe(prog) + " writes lines shaped"
                + " like Dovecot's (" + Terminal.safe(example) + ") but no rule file claims it. If it is Dovecot with"
                + " instance_name set, add a site rule file (--rules-dir) with 'source: dovecot' and 'programs: ["
                + Terminal.safe(prog.substring(prog.indexOf(' ') + 1)) + "]'."));
        out.println("Lines: " + lines + " lines, " + events + " events, " + ignored + " ignored, " + skipped
                + " skipped, " + invalid + " unusable, " + untimed + " without time, "
                + (lines - events - ignored - skipped - invalid - untimed) + " unrelated");
        for (InputStats s : stats) {
            s.problems().forEach(p -> spec.commandLine().getErr().println("authaudit: " + p));
        }
        if (missed) {
            out.println("Missed lines (" + missedTotal + (missedTotal > missedLines.size() ? ", first "
                    + missedLines.size() : "") + "):");
            missedLines.forEach(l -> out.println("  " + Terminal.safe(l)));
        } else if (missedTotal > 0) {
            out.println("(" + missedTotal + " missed lines: add --missed to list them)");
        }
        out.flush();
        boolean damaged = !set.problems().isEmpty() || stats.stream().anyMatch(InputStats::damaged);
        return damaged ? ExitCodes.INPUT : ExitCodes.OK;
    }

    /** Counts a line under its container and program, and remembers who claims that program. */
    private static void tallyProgram(LineParser parser, RuleSet rules, String text, Parsed p, Map<String, long[]> programs,
                                     Map<String, String> claimedBy, Map<String, String> dovecotLike) {
        Envelope env = parser.envelope(text);
        String key = env.container().word() + (env.program() == null ? "" : " " + env.program());
        long[] n = programs.get(key);
        if (n == null) {
            if (programs.size() >= 10_000) {
                return;
            }
            n = new long[2];
            programs.put(key, n);
            claimedBy.put(key, claimants(parser, rules, env));
        }
        n[0]++;
        if (p.status() == Parsed.Status.EVENT) {
            n[1]++;
        }
        if (env.container() == Envelope.Container.SYSLOG && parser.claimants(env) == 0 && !dovecotLike.containsKey(key)
                && dovecotLike.size() < 10) {
            String msg = text.substring(env.messageStart());
            java.util.regex.Matcher m = DOVECOT_SHAPE.matcher(msg);
            if (m.lookingAt()) {
                dovecotLike.put(key, m.group());
            }
        }
    }

    /** The start of a Dovecot message: a login process's or the auth process's name. */
    private static final java.util.regex.Pattern DOVECOT_SHAPE = java.util.regex.Pattern.compile(
            "(?:imap|pop3|submission|managesieve)-login: |auth(?:-worker)?(?:\\([^)]{0,80}\\))?: ");

    private static String claimants(LineParser parser, RuleSet rules, Envelope env) {
        List<String> by = new ArrayList<>();
        for (String src : rules.sources()) {
            if (parser.claims(env, src)) {
                by.add(src);
            }
        }
        return by.isEmpty() ? "no rule file: no events" : "read by " + String.join(", ", by);
    }

    private int checkLine(LineParser parser, PrintWriter out) {
        RawLine raw = new RawLine("--line", 1, line);
        Envelope env = parser.envelope(line);
        out.println("container " + env.container().word() + (env.program() == null ? ", no program"
                : ", program " + Terminal.safe(env.program())) + "; " + claimants(parser, input.ruleSet(), env));
        Parsed p = parser.parse(raw, context.clock().instant(), source);
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
