package dev.authaudit.cli;

import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.report.BlockedNow;
import dev.authaudit.report.BlockedNowJsonWriter;
import dev.authaudit.run.BlocksRun;
import dev.authaudit.run.Replay;
import dev.authaudit.run.ScanInputs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit blocks}: what csf blocks right now, who that is according to the logs, how to lift it. */
@Command(name = "blocks", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Show what csf blocks right now, who each address is in the logs, and how to unblock it.",
        description = {"Reads csf.deny (permanent blocks) and csf.tempban (temporary ones; csf.tempip for lfd's",
            "history), replays the logs given like scan, and lists every held block with the verdict on its",
            "address, the logins behind it and the command that lifts it: csf -tr for a temporary block,",
            "csf -dr for a permanent one. Customers are listed first."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error",
            "3:a rule or csf.conf is invalid", "4:csf's files or a log could not be read (the rest was)"})
public final class BlocksCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json }

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    ReplayOptions replay = new ReplayOptions();

    @Option(names = "--csf-deny", paramLabel = "FILE", description = "csf's permanent blocks.")
    Path deny = Path.of("/etc/csf/csf.deny");

    @Option(names = "--csf-tempban", paramLabel = "FILE", description = "csf's temporary blocks.")
    Path tempban = Path.of("/var/lib/csf/csf.tempban");

    @Option(names = "--csf-tempip", paramLabel = "FILE", description = "lfd's history of temporary blocks.")
    Path tempip = Path.of("/var/lib/csf/csf.tempip");

    @Option(names = "--format", description = "text (for a person) or json (schema authaudit-blocks/1, for"
            + " scripts and panels).")
    Format format = Format.text;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Log files, .gz files or folders to judge the"
            + " addresses by (optional).")
    List<String> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public BlocksCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(deny) && !Files.exists(tempban)) {
            err.println("authaudit: neither " + deny + " nor " + tempban + " exists: is csf installed here? Pass"
                    + " --csf-deny and --csf-tempban");
            return ExitCodes.INPUT;
        }
        List<String> missing = ScanInputs.missing(paths);
        if (!missing.isEmpty()) {
            missing.forEach(m -> err.println("authaudit: " + m));
            return ExitCodes.INPUT;
        }
        ZoneId zone = input.zone();
        ScanInputs inputs = null;
        CorrelationSettings correlation = null;
        Replay logs = null;
        Instant since = null;
        Instant until = null;
        if (!paths.isEmpty()) {
            inputs = ScanInputs.of(paths, replay.csfConf);
            inputs.problems().forEach(p -> err.println("authaudit: " + p));
            correlation = replay.correlation();
            logs = replay.replay(input, inputs, context, err);
            since = replay.since(context.clock(), zone);
            until = replay.until(context.clock(), zone);
        }
        BlocksRun.Outcome outcome = new BlocksRun(new BlocksRun.Settings(deny, tempban, tempip, inputs, correlation,
                since, until), logs, input::zoneNote, zone, context.clock(), err).run();
        if (format == Format.json) {
            new BlockedNowJsonWriter().write(outcome.rows(), outcome.lists(), zone, outcome.judged(), out);
            out.flush();
        } else {
            BlockedNow.write(outcome.rows(), outcome.lists(), zone, outcome.judged(), out);
        }
        err.flush();
        return outcome.trouble() ? ExitCodes.INPUT : ExitCodes.OK;
    }
}
