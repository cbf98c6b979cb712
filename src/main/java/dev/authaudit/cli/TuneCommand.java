package dev.authaudit.cli;

import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.run.Replay;
import dev.authaudit.run.ScanInputs;
import dev.authaudit.run.TuneRun;
import dev.authaudit.tune.Fail2banJail;
import dev.authaudit.tune.JailConfReader;
import dev.authaudit.tune.LfdFlavour;
import dev.authaudit.tune.TuneJsonWriter;
import dev.authaudit.tune.TuneTextWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit tune}: replay logs against the firewall's settings and a grid of alternatives. */
@Command(name = "tune", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Replay logs against csf/lfd and fail2ban settings and alternatives; recommend with numbers.",
        description = {"Replays the logs (as scan does) through a model of lfd with the server's csf.conf and",
            "through fail2ban's mail jails (--jail-conf), checks the model against the block lines in the logs,",
            "then tries alternatives one setting at a time and reports, for each, the customer sources",
            "blocked (stale password, typo), the attacker sources blocked and the attempts let through."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {
            "0:done", "1:internal error (rerun with --debug)", "2:usage error",
            "3:csf.conf, jail.conf or a rule is invalid", "4:an input could not be read (the rest was)"})
public final class TuneCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json }

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    ReplayOptions replay = new ReplayOptions();

    @Option(names = "--jail-conf", paramLabel = "FILE", description = "fail2ban's jail.conf and/or jail.local, in"
            + " that order (a later file's keys win). Repeatable. Without it fail2ban is not modelled.")
    List<Path> jailConf = new ArrayList<>();

    @Option(names = "--lfd-flavour", paramLabel = "BUILD", description = "The lfd build that reads the logs:"
            + " cpanel-csf-16 (cPanel's fork) or aetherinox-15 (15.x, counts more Dovecot wordings and Postfix).")
    String flavour = "cpanel-csf-16";

    @Option(names = "--within", paramLabel = "N", description = "Report guessing sources blocked within N attempts.")
    int within = 10;

    @Option(names = "--slack", paramLabel = "SECONDS", description = "How far apart a model block and a logged"
            + " block may be and still agree (lfd reads logs every LF_PARSE seconds).")
    int slack = 10;

    @Option(names = "--format", description = "text (for a person) or json.")
    Format format = Format.text;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files, .gz files, folders, or - for stdin.")
    List<String> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public TuneCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (within < 1) {
            throw new Cli.UsageProblem("--within " + within + " must be at least 1");
        }
        if (slack < 0) {
            throw new Cli.UsageProblem("--slack " + slack + " must be 0 or more");
        }
        LfdFlavour build = flavour();
        List<Fail2banJail> jails = jailConf.isEmpty() ? List.of() : new JailConfReader().read(jailConf);
        List<String> missing = ScanInputs.missing(paths);
        if (!missing.isEmpty()) {
            missing.forEach(m -> err.println("authaudit: " + m));
            err.flush();
            return ExitCodes.INPUT;
        }
        ZoneId zone = input.zone();
        ScanInputs inputs = ScanInputs.of(paths, replay.csfConf);
        inputs.problems().forEach(p -> err.println("authaudit: " + p));
        CorrelationSettings correlation = replay.correlation();
        Replay logs = replay.replay(input, inputs, context, err);
        TuneRun.Settings settings = new TuneRun.Settings(inputs, correlation, replay.since(context.clock(), zone),
                replay.until(context.clock(), zone), build, jails, within, slack);
        TuneRun.Outcome outcome = new TuneRun(settings, logs, input::zoneNote, err).run();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            new TuneJsonWriter().write(outcome.report(), out);
        } else {
            new TuneTextWriter(zone).write(outcome.report(), out);
        }
        out.flush();
        err.flush();
        return outcome.inputTrouble() ? ExitCodes.INPUT : ExitCodes.OK;
    }

    private LfdFlavour flavour() {
        String f = flavour.toLowerCase(Locale.ROOT);
        for (LfdFlavour v : LfdFlavour.values()) {
            if (v.word().equals(f) || v.name().equalsIgnoreCase(f)) {
                return v;
            }
        }
        throw new Cli.UsageProblem("--lfd-flavour " + flavour + " is not a known build; use cpanel-csf-16 or"
                + " aetherinox-15");
    }
}
