package dev.authaudit.cli;

import dev.authaudit.act.firewall.ActionKind;
import dev.authaudit.act.firewall.ActionPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit demo}: the lab and the live engine together for about 30 seconds, then a report. */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Watch authaudit find a stale-password phone and tell its owner before lfd blocks it.",
        description = {"Starts the lab (see 'authaudit lab') and follows its logs live:",
            "alice's phone keeps an old password, bob mistypes once, a brute-forcer guesses.",
            "The stale phone is found and its notice lands in the lab's inbox; then lfd blocks",
            "the phone, and its BLOCK_REPORT hook explains the block and shows what --act",
            "would do (a dry run: the lab has no firewall). Then the report is written."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "1:internal error", "2:usage error",
            "3:configuration or rule invalid"})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the lab's logs and state go. Default: a new"
            + " temporary folder.")
    Path dir;

    @Option(names = "--speed", paramLabel = "N", description = "Lab seconds per real second.")
    int speed = 60;

    @Option(names = "--tick", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Real time between two polls of the phone.")
    Duration tick = Duration.ofSeconds(5);

    @Option(names = "--act", paramLabel = "LIST", description = "What the hook may do (shown as a dry run).")
    String act = "lift,allow";

    @Option(names = "--allow-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long --act allow would let the phone in.")
    Duration allowTtl = Duration.ofHours(1);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public DemoCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (speed < 1 || speed > 3600) {
            throw new Cli.UsageProblem("--speed " + speed + " must be 1..3600");
        }
        PrintWriter out = spec.commandLine().getOut();
        DemoRun.Outcome o = run(out);
        out.println();
        if (o.noticeLanded() != null && o.phoneBlocked() != null) {
            long s = Duration.between(o.noticeLanded(), o.phoneBlocked()).toSeconds();
            out.println("The notice reached " + Terminal.safe(o.inbox().get(0).to()) + " " + Math.abs(s)
                    + " s (lab time) " + (s >= 0 ? "before" : "after") + " lfd blocked the phone.");
        } else {
            out.println("No notice landed before the end of the demo.");
        }
        output.write(o.report(), dev.authaudit.report.ReportDetail.EMPTY, out);
        if (output.out != null) {
            spec.commandLine().getErr().println("authaudit: report written to " + output.out);
        }
        return ExitCodes.OK;
    }

    /** Runs the demo and returns what happened (the end-to-end test calls this). */
    DemoRun.Outcome run(PrintWriter out) throws Exception {
        Path base = dir != null ? dir : Files.createTempDirectory("authaudit-demo-");
        if (input.tz == null) {
            input.tz = "UTC"; // the lab writes UTC stamps
        }
        StateOptions state = new StateOptions();
        state.state = base.resolve("state");
        NoticeOptions notices = new NoticeOptions();
        notices.from = "Lab Hosting <support@lab.example.net>";
        notices.serverName = "mail.lab.example.net";
        notices.helpUrl = "https://lab.example.net/mail-help";
        ActionPolicy policy = new ActionPolicy(ActionKind.parseList(act), allowTtl, false);
        return new DemoRun(logs(base), speed, tick, tick.multipliedBy(14), input, notices, state, policy,
                context.clock()).run(out);
    }

    private static Path logs(Path base) throws IOException {
        return Files.createDirectories(base.resolve("logs"));
    }
}
