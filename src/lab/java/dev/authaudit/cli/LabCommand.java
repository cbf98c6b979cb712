package dev.authaudit.cli;

import dev.authaudit.lab.Lab;
import dev.authaudit.lab.LabClock;
import dev.authaudit.lab.LabScript;
import dev.authaudit.lab.LfdSimulator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit lab}: a small mail host on loopback that writes real-looking logs, until Ctrl-C. */
@Command(name = "lab", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Run a lab mail host on 127.0.0.1 that writes Exim and lfd logs, until Ctrl-C.",
        description = {"Starts an SMTP submission server (Apache James Protocols; AUTH PLAIN and",
            "LOGIN against a users file) writing an Exim mainlog, an lfd simulator",
            "(LF_SMTPAUTH 5 in 3600 s) writing lfd.log, and a GreenMail inbox for notices;",
            "then scripted clients play a phone with an old password, a typo and a",
            "brute-forcer, each from its own 127.0.0.x address. Stamps are UTC.",
            "Point 'watch' or 'scan --tz UTC' at the logs."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:stopped", "1:internal error", "2:usage error"})
public final class LabCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "Where the logs go. Default: a new temporary folder.")
    Path dir;

    @Option(names = "--speed", paramLabel = "N", description = "Lab seconds per real second.")
    int speed = 60;

    @Option(names = "--tick", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Real time between two polls of the phone.")
    Duration tick = Duration.ofSeconds(5);

    @Option(names = "--no-script", negatable = true, description = "Play the scripted clients.")
    boolean script = true;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long instead of at Ctrl-C.")
    Duration runFor;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public LabCommand(Context context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("try") // the inbox watch only needs closing
    public Integer call() throws Exception {
        if (speed < 1 || speed > 3600) {
            throw new Cli.UsageProblem("--speed " + speed + " must be 1..3600");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("authaudit-lab-");
        LabClock clock = new LabClock(context.clock().withZone(ZoneOffset.UTC),
                context.clock().instant().truncatedTo(ChronoUnit.SECONDS), speed);
        DemoConsole console = new DemoConsole(out, clock, LabScript.PHONE.address());
        CountDownLatch stop = new CountDownLatch(1);
        try (Lab lab = new Lab(base, clock, LfdSimulator.Settings.defaults(), args -> console.hook(
                "BLOCK_REPORT " + String.join(" ", List.of(args.get(0), args.get(1), args.get(2), args.get(3),
                        args.get(4), "'" + args.get(5) + "'", "<" + args.get(6).split("\n").length + " lines>",
                        args.get(7)))));
             InboxWatch watch = new InboxWatch(lab.inbox(), console::landed)) {
            lab.lfdLog().listen(console::lfd);
            out.println("SMTP submission: 127.0.0.1:" + lab.smtpPort() + " (AUTH PLAIN/LOGIN, users in "
                    + lab.users().file() + ")");
            out.println("notice inbox:    127.0.0.1:" + lab.inbox().port() + " (SMTP, accepts everything)");
            out.println("Exim mainlog:    " + lab.mainlog().file());
            out.println("lfd.log:         " + lab.lfdLog().file());
            out.println("lab time runs " + speed + "x; Ctrl-C stops the lab");
            out.flush();
            Thread hook = new Thread(stop::countDown, "lab-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try (LabScript s = lab.script(tick, console::client)) {
                if (script) {
                    s.start();
                }
                if (runFor == null) {
                    stop.await();
                } else {
                    stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            }
        }
        return ExitCodes.OK;
    }
}
