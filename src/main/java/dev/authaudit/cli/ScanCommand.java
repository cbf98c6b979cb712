package dev.authaudit.cli;

import dev.authaudit.config.UserDomains;
import dev.authaudit.report.AccountRollup;
import dev.authaudit.report.Report;
import dev.authaudit.run.ScanInputs;
import dev.authaudit.run.ScanRun;
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
            "3:a rule, a notice template or csf.conf is invalid",
            "4:an input could not be read (the rest was), or a path does not exist (nothing was read)",
            "5:a customer notice could not be sent (--notify send; the report is still written)",
            "10:findings present (only with --exit-code-on-findings)"})
public final class ScanCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    ReplayOptions replay = new ReplayOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @Mixin
    StateOptions state = new StateOptions();

    @Mixin
    NoticeOptions notices = new NoticeOptions();

    @Option(names = "--exit-code-on-findings", description = "Exit 10 when a stale-password customer or a block"
            + " caused by one is found.")
    boolean exitOnFindings;

    @Option(names = "--history", negatable = true, description = "Keep daily aggregates in the state database"
            + " for 'authaudit report --period'. Default: only when --state or --db is given (a scan is a"
            + " read-only look unless asked). Re-scanning the same logs replaces those days;"
            + " a state folder that cannot be written gives a warning, not a failure.")
    Boolean history;

    @Option(names = "--by-account", description = "Instead of the report, roll it up per cPanel account: logins,"
            + " stale passwords, typos, guessing and customer blocks per account, from --cpanel-userdomains"
            + " (/etc/userdomains). Text or csv.")
    boolean byAccount;

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
        UserDomains owners = null;
        if (byAccount) {
            if (output.format != ReportOptions.Format.text && output.format != ReportOptions.Format.csv) {
                throw new Cli.UsageProblem("--by-account writes text or csv, not " + output.format);
            }
            owners = UserDomains.read(notices.userdomains);
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
        boolean history = this.history != null ? this.history : state.explicit();
        ScanRun.Settings settings = new ScanRun.Settings(inputs, replay.correlation(),
                replay.since(context.clock(), zone), replay.until(context.clock(), zone), state.db(), state.state(),
                notices.enabled() ? notices.settings() : null, input.rulesDir(), history,
                output.format == ReportOptions.Format.html);
        ScanRun.Outcome outcome = new ScanRun(settings, replay.replay(input, inputs, context, err), input::zoneNote,
                zone, context.clock(), err).run();
        Report report = outcome.report();
        try {
            if (owners != null) {
                List<AccountRollup.Row> rows = AccountRollup.of(report, owners);
                boolean csvOut = output.format == ReportOptions.Format.csv;
                output.write(spec.commandLine().getOut(), w -> {
                    PrintWriter pw = new PrintWriter(w);
                    if (csvOut) {
                        AccountRollup.csv(rows, pw);
                    } else {
                        AccountRollup.text(rows, notices.userdomains.toString(), pw);
                    }
                    pw.flush();
                });
            } else {
                output.write(report, outcome.detail(), spec.commandLine().getOut());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (output.out != null) {
            err.println("authaudit: report written to " + output.out);
        }
        err.flush();
        if (outcome.inputTrouble()) {
            return ExitCodes.INPUT;
        }
        if (outcome.noticeTrouble()) {
            return ExitCodes.ACTION;
        }
        return exitOnFindings && outcome.findings() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    Path out() {
        return output.out;
    }
}
