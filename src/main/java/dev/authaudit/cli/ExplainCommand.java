package dev.authaudit.cli;

import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.report.StoryTextWriter;
import dev.authaudit.run.ExplainRun;
import dev.authaudit.run.Replay;
import dev.authaudit.run.ScanInputs;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
        ExplainRun.Subject who = ExplainRun.Subject.of(subject);
        if (who.key().isEmpty()) {
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
        CorrelationSettings correlation = replay.correlation();
        Replay logs = replay.replay(input, inputs, context, err);
        ExplainRun.Settings settings = new ExplainRun.Settings(inputs, correlation, replay.since(context.clock(), zone),
                replay.until(context.clock(), zone), who);
        ExplainRun.Outcome outcome = new ExplainRun(settings, logs, input::zoneNote, err).run();
        StoryTextWriter.write(outcome.explanation(), who.key(), who.address(), zone, all, out);
        out.flush();
        err.flush();
        return outcome.inputTrouble() ? ExitCodes.INPUT : ExitCodes.OK;
    }
}
