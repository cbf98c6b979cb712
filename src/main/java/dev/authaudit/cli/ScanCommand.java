package dev.authaudit.cli;

import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.Auditor;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit scan}: replay logs and report on every login, address and block. */
@Command(name = "scan", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Replay logs: find stale-password clients, attackers and scanners, and explain every block.",
        description = {"Reads Exim, Dovecot, Postfix, lfd, kernel and fail2ban logs (files, .gz, folders),",
            "merges them by event time and reports verdicts per login, per address and per block.",
            "A csf.conf among the PATHs (or --csf-conf) lets blocks be explained against its thresholds."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {
            "0:done (findings are in the report)", "1:internal error (rerun with --debug)", "2:usage error",
            "3:a rule or csf.conf is invalid", "4:an input could not be read (the rest was)",
            "10:findings present (only with --exit-code-on-findings)"})
public final class ScanCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    ReplayOptions replay = new ReplayOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @Option(names = "--exit-code-on-findings", description = "Exit 10 when a stale-password customer or a block"
            + " caused by one is found.")
    boolean exitOnFindings;

    @Option(names = "--no-progress", negatable = true, description = "Show a progress bar on a terminal.")
    boolean progress = true;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files, .gz files, folders, or - for stdin.")
    List<String> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public ScanCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ZoneId zone = input.zone();
        ScanInputs inputs = ScanInputs.of(paths, replay.csfConf);
        inputs.problems().forEach(p -> err.println("authaudit: " + p));
        Auditor auditor = Auditor.builder().csf(inputs.csf()).build();
        Replay.Outcome outcome = new Replay(input.parser(input.ruleSet()), input.years(inputs.logs()), context, err, progress)
                .run(inputs, auditor, replay.since(context.clock(), zone), replay.until(context.clock(), zone), null);
        outcome.stats().forEach(s -> s.problems().forEach(p -> err.println("authaudit: " + p)));
        Report report = new ReportAssembler().assemble(outcome.result(),
                context.clock().instant().atZone(zone).toOffsetDateTime(), outcome.inputs(), List.of());
        try {
            output.write(report, spec.commandLine().getOut());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (output.out != null) {
            err.println("authaudit: report written to " + output.out);
        }
        err.flush();
        if (!inputs.problems().isEmpty() || outcome.damaged()) {
            return ExitCodes.INPUT;
        }
        boolean findings = report.accounts().stream().anyMatch(a -> a.verdict() == AccountVerdict.STALE_PASSWORD);
        return exitOnFindings && findings ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    Path out() {
        return output.out;
    }
}
