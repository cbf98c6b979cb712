package dev.authaudit.cli;

import dev.authaudit.config.ConfigLoader;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.parse.LineParser;
import dev.authaudit.run.FollowTargets;
import dev.authaudit.run.ShutdownSignal;
import dev.authaudit.run.WatchRun;
import dev.authaudit.run.WatchSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit watch}: follow the logs live, decide verdicts and notices as lines are written. */
@Command(name = "watch", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Follow the logs live: verdicts and customer notices as the lines are written.",
        description = {"Follows Exim, Dovecot, lfd and kernel logs through rotation (rename and re-create, and",
            "copytruncate), runs the same correlator as scan, prints each verdict as it is reached and, with",
            "--notify, decides and sends notices. Positions are checkpointed in the state database, so a",
            "restart neither re-reads nor skips a line; SIGTERM saves them and exits 0.",
            "Without PATHs it follows the logs of the config file, else the shipped defaults."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {
            "0:stopped cleanly (SIGTERM, SIGINT, or --once done)", "1:internal error (rerun with --debug)",
            "2:usage error", "3:configuration or rule invalid", "5:a notice could not be sent (--once)"})
public final class WatchCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "authaudit.yaml; command-line options win over it.")
    Path config;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    StateOptions state = new StateOptions();

    @Mixin
    NoticeOptions notices = new NoticeOptions();

    @Option(names = "--csf-conf", paramLabel = "FILE",
            description = "The server's csf.conf. Default: /etc/csf/csf.conf when it exists.")
    Path csfConf;

    @Option(names = "--poll", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Pause between polls while caught up.")
    Duration poll = WatchSettings.defaults().poll();

    @Option(names = "--checkpoint-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest time between checkpoint saves while lines come in.")
    Duration checkpointEvery = WatchSettings.defaults().checkpointEvery();

    @Option(names = "--look-back", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Log time re-read before the checkpoints at start, to rebuild the correlator's memory.")
    Duration lookBack = WatchSettings.defaults().lookBack();

    @Option(names = "--look-back-bytes", paramLabel = "BYTES",
            description = "At most this many bytes of one file are re-read for the look-back.")
    long lookBackBytes = WatchSettings.defaults().lookBackBytes();

    @Option(names = "--warm-up-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Most wall time spent re-reading the look-back at start; the newest part is read first."
                    + " After each warm-up that did not finish (a restart loop) the next one gets half, down to 2s.")
    Duration warmUpTime = Duration.ofSeconds(30);

    @Option(names = "--trace-handled", hidden = true, description = "Record each line handed over, with the"
            + " checkpoint that covers it, in the state's watch_trace table (for the fault-injection harness).")
    boolean traceHandled;

    @Option(names = "--publish", paramLabel = "URI", description = "Also send each event read live to a fleet:"
            + " kafka://HOST:PORT/TOPIC (events-v1 JSON keyed by host; needs the fleet jar). A checkpoint is saved"
            + " only after the broker has stored the events before it.")
    String publish;

    @Option(names = "--fleet-verdicts", paramLabel = "URI", description = "Also read the fleet's attacker verdicts:"
            + " kafka://HOST:PORT/TOPIC (the verdict topic of 'fleet run'; needs the fleet jar). Without --fleet-act"
            + " it says what a block hook would do with each and runs nothing.")
    String fleetVerdicts;

    @Option(names = "--fleet-act", paramLabel = "ACTION", description = "What to do with the fleet's attacker"
            + " verdicts: block (a temporary block by csf or fail2ban, see --fleet-act-with, recorded in the state; a"
            + " dry run without --execute) or none. Never an address that logged in here, in csf.allow or csf.ignore"
            + " (or fail2ban's ignoreip), private, or this server's own. Default: none.")
    String fleetAct;

    @Option(names = "--fleet-act-with", paramLabel = "FIREWALL", description = "What --fleet-act block blocks with:"
            + " csf (csf -td IP TTL) or fail2ban (fail2ban-client set JAIL banip IP, for the jail's bantime).")
    String fleetActWith = "csf";

    @Option(names = "--fail2ban-jail", paramLabel = "JAIL", description = "With --fleet-act-with fail2ban: the jail"
            + " kept for the fleet's bans (docs/fleet.md has its jail.d file); unbanip lifts its bans only.")
    String fail2banJail = dev.authaudit.run.Fail2banSettings.DEFAULT_JAIL;

    @Option(names = "--fail2ban-client", paramLabel = "PATH", description = "The fail2ban-client command"
            + " (--fleet-act-with fail2ban).")
    String fail2banClient = "/usr/bin/fail2ban-client";

    @Option(names = "--fail2ban-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest one fail2ban-client command may take (--fleet-act-with fail2ban).")
    Duration fail2banTimeout = Duration.ofSeconds(5);

    @Option(names = "--fail2ban-conf", paramLabel = "DIR", description = "fail2ban's folder: the ignoreip of"
            + " [DEFAULT] and of the jail in jail.conf, jail.local and jail.d are never banned"
            + " (--fleet-act-with fail2ban).")
    Path fail2banConf = Path.of("/etc/fail2ban");

    @Option(names = "--fleet-block-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long each --fleet-act block lasts (1m to 7d); csf lifts it by itself.")
    Duration fleetBlockTtl = dev.authaudit.run.FleetActSettings.DEFAULT_TTL;

    @Option(names = "--fleet-block-max", paramLabel = "N", description = "The brake: at most N --fleet-act blocks in"
            + " any hour (counted in the state, across restarts); past it this run stops acting and dry-runs.")
    int fleetBlockMax = dev.authaudit.run.FleetActSettings.DEFAULT_MAX_PER_HOUR;

    @Option(names = "--execute", negatable = true, description = "With --fleet-act: run csf (or fail2ban-client);"
            + " without it, each action is recorded as a dry run. --no-execute makes a dry run of a config file's"
            + " execute: true.")
    boolean execute;

    @Option(names = "--csf", paramLabel = "PATH", description = "The csf command (--fleet-act).")
    String csfCommand = "/usr/sbin/csf";

    @Option(names = "--csf-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest one csf command may take (--fleet-act).")
    Duration csfTimeout = Duration.ofSeconds(3);

    @Option(names = "--csf-tempban", paramLabel = "FILE", description = "csf's temporary blocks, read before a"
            + " --fleet-act block is lifted (a block csf holds for another reason is never lifted with it).")
    Path csfTempban = Path.of("/var/lib/csf/csf.tempban");

    @Option(names = "--once", description = "Read what is there (new lines since the checkpoints), decide and"
            + " deliver, save checkpoints and exit: a cron-style run.")
    boolean once;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Log files or folders to follow.")
    List<String> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    /** The config file's values under the command line, or null without --config. */
    private ConfigOverlay overlay;

    public WatchCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config != null) {
            picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            overlay = new ConfigOverlay(ConfigLoader.load(config), parsed::hasMatchedOption);
            overlay.apply(input, state, notices);
            overlay.apply(this);
        }
        WatchSettings settings = new WatchSettings(poll, checkpointEvery, lookBack, lookBackBytes,
                WatchSettings.defaults().batchLines());
        List<String> problems = new ArrayList<>();
        List<Path> files = FollowTargets.of(paths.isEmpty() ? dev.authaudit.config.LogDefaults.detect().paths() : paths,
                problems);
        problems.forEach(p -> err.println("authaudit: " + p));
        if (files.isEmpty()) {
            throw new Cli.UsageProblem("no log to follow; pass PATHs or set logs: in the config file");
        }
        if (warmUpTime.isNegative()) {
            throw new Cli.UsageProblem("--warm-up-time must not be negative");
        }
        dev.authaudit.run.FleetActSettings act = fleetAct();
        // from here on SIGTERM saves and exits 0, also during the set-up and the warm-up
        WatchRun.Stopper stopper = new WatchRun.Stopper();
        try (ShutdownSignal.Installed signals = ShutdownSignal.install(stopper::stop, stopper::awaitDone)) {
            ZoneId zone = input.zone();
            CsfConfig csf = csf();
            LineParser parser = input.parser(input.ruleSet());
            WatchRun.Settings run = new WatchRun.Settings(files, state.db(), state.state(), settings, warmUpTime,
                    notices.enabled() ? notices.settings() : null, input.rulesDir(), publish, fleetVerdicts,
                    act, traceHandled, once);
            boolean failed = new WatchRun(run, parser, zone, csf, context.clock(), out, err).run(stopper);
            return failed ? ExitCodes.ACTION : ExitCodes.OK;
        } finally {
            stopper.done();
        }
    }

    /** Returns the --fleet-act settings, or null when it is off; refuses options that would do nothing. */
    private dev.authaudit.run.FleetActSettings fleetAct() {
        String word = fleetAct == null ? "none" : fleetAct.strip().toLowerCase(java.util.Locale.ROOT);
        if (!word.equals("none") && !word.equals("block")) {
            throw new Cli.UsageProblem("--fleet-act: '" + dev.authaudit.text.Escape.line(fleetAct, 40) + "' is not an"
                    + " action; use block (or none)");
        }
        if (word.equals("none")) {
            // the file's execute: true sits beside its mode: block; --fleet-act none on the command line turns both off
            if (execute && fromFile("--execute") == null) {
                throw new Cli.UsageProblem("--execute runs csf for --fleet-act block; without --fleet-act it would"
                        + " do nothing");
            }
            return null;
        }
        dev.authaudit.run.Fail2banSettings fail2ban = fail2ban();
        if (fleetVerdicts == null) {
            if (fromFile("--fleet-act") != null) {
                throw overlay.problem("--fleet-act", "block needs the verdicts to act on; set fleet.verdicts:"
                        + " kafka://HOST:PORT/TOPIC (or pass --fleet-verdicts)");
            }
            throw new Cli.UsageProblem("--fleet-act block needs --fleet-verdicts kafka://HOST:PORT/TOPIC: the verdicts"
                    + " to act on");
        }
        // csf.allow and csf.ignore live beside csf.conf
        Path folder = csfConf != null && csfConf.toAbsolutePath().getParent() != null
                ? csfConf.toAbsolutePath().getParent() : Path.of("/etc/csf");
        return new dev.authaudit.run.FleetActSettings(fleetBlockTtl, fleetBlockMax, execute, csfCommand, csfTimeout,
                List.of(folder.resolve("csf.allow"), folder.resolve("csf.ignore")), csfTempban, fail2ban);
    }

    /** Returns how fail2ban bans with {@code --fleet-act-with fail2ban}, or null for csf. */
    private dev.authaudit.run.Fail2banSettings fail2ban() {
        String with = fleetActWith == null ? "csf" : fleetActWith.strip().toLowerCase(java.util.Locale.ROOT);
        if (!with.equals("csf") && !with.equals("fail2ban")) {
            throw new Cli.UsageProblem("--fleet-act-with: '" + dev.authaudit.text.Escape.line(fleetActWith, 40)
                    + "' is not a firewall; use csf or fail2ban");
        }
        if (with.equals("csf")) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--fail2ban-jail")) {
                throw new Cli.UsageProblem("--fail2ban-jail names the jail of --fleet-act-with fail2ban; with csf it"
                        + " would do nothing");
            }
            return null;
        }
        return new dev.authaudit.run.Fail2banSettings(fail2banClient, fail2banTimeout, fail2banJail, fail2banConf);
    }

    /** Returns the config file's key that set {@code option}, or null when it did not. */
    private String fromFile(String option) {
        return overlay == null ? null : overlay.keyOf(option);
    }

    private CsfConfig csf() {
        if (csfConf != null) {
            if (!Files.isReadable(csfConf)) {
                throw new dev.authaudit.config.ConfigException(csfConf.toString(), "csf_conf", "cannot read "
                        + csfConf + "; pass the server's csf.conf (usually /etc/csf/csf.conf)");
            }
            return CsfConfig.read(csfConf);
        }
        Path shipped = Path.of("/etc/csf/csf.conf");
        return Files.isReadable(shipped) ? CsfConfig.read(shipped) : CsfConfig.defaults();
    }
}
