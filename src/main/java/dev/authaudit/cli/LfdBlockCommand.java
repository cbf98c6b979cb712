package dev.authaudit.cli;

import dev.authaudit.act.firewall.ActionKind;
import dev.authaudit.act.firewall.ActionPolicy;
import dev.authaudit.act.firewall.Csf;
import dev.authaudit.act.firewall.CsfRunner;
import dev.authaudit.config.ConfigException;
import dev.authaudit.config.ConfigLoader;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.run.BlockHook;
import dev.authaudit.run.BlockHookCall;
import dev.authaudit.run.HookDeadline;
import dev.authaudit.run.LfdBlockExplainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code authaudit hook lfd-block}: lfd's BLOCK_REPORT. Always exits 0 within its time limit, whatever
 * lfd passed and whatever fails: a hook that errors or hangs must never break lfd. Trouble goes to
 * stderr and into the state database.
 */
@Command(name = "lfd-block", mixinStandardHelpOptions = true, showDefaultValues = true,
        modelTransformer = LfdBlockCommand.LfdArguments.class,
        header = "lfd's BLOCK_REPORT hook: record, explain and (opt-in) act on a csf block.",
        description = {"Point BLOCK_REPORT in csf.conf at a wrapper script such as:",
            "  #!/bin/sh",
            "  exec /usr/local/bin/authaudit hook lfd-block \\",
            "      --config /etc/authaudit/authaudit.yaml -- \"$@\"",
            "lfd passes IP PORTS PERM INOUT TIMEOUT MESSAGE LOGS TRIGGER; argument 3 says whether the",
            "block is permanent. Nothing after the first of them is read as an option.",
            "Actions (--act) are off by default and a dry run without --execute.",
            "lfd throws away what the hook prints: 'authaudit hook log' shows what it recorded."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:always (problems go to stderr and the state)"})
public final class LfdBlockCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "authaudit.yaml, as watch reads it: its state,"
            + " rules, tz, host, notice settings, csf_conf, csf_command and csf_timeout; command-line options win over"
            + " it. A file that cannot be used stops the call (exit 0, the reason on stderr and in 'hook log').")
    Path config;

    @Mixin
    StateOptions state = new StateOptions();

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    NoticeOptions notices = new NoticeOptions();

    @Option(names = "--csf-conf", paramLabel = "FILE", description = "csf.conf, for thresholds and open ports.")
    Path csfConf;

    @Option(names = "--act", paramLabel = "LIST", description = "Actions allowed for stale_password and closed_port"
            + " blocks of known customers: lift, allow or lift,allow. Default: none.")
    String act;

    @Option(names = "--allow-ttl", paramLabel = "DURATION", description = "How long --act allow lets the device in.")
    String allowTtl = "1h";

    @Option(names = "--execute", description = "Run csf; without it, actions are recorded as a dry run.")
    boolean execute;

    @Option(names = "--csf", paramLabel = "PATH", description = "The csf command.")
    String csf = "/usr/sbin/csf";

    @Option(names = "--csf-timeout", paramLabel = "DURATION", description = "The longest one csf command may take.")
    String csfTimeout = "3s";

    @Option(names = "--time-limit", paramLabel = "DURATION", description = "Return after this long whatever happens"
            + " (lfd kills the hook at 10 s).")
    String timeLimit = "7s";

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "IP PORTS PERM INOUT TIMEOUT MESSAGE LOGS TRIGGER")
    List<String> lfdArgs = new ArrayList<>();

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Context context;
    private final Csf csfOverride;
    private final Duration budgetOverride;

    public LfdBlockCommand(Context context) {
        this(context, null, null);
    }

    /** For tests: a csf stand-in and a time limit that override the options. */
    LfdBlockCommand(Context context, Csf csf, Duration budget) {
        this.context = context;
        this.csfOverride = csf;
        this.budgetOverride = budget;
    }

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(unmatched);
        args.addAll(lfdArgs);
        // a file that cannot be used stops the call like any other failure: said on stderr and recorded in the
        // state the command line (or the default) names, since the file's own state folder is not known
        ConfigException badFile = null;
        if (config != null) {
            try {
                ConfigOverlay overlay = new ConfigOverlay(ConfigLoader.load(config),
                        spec.commandLine().getParseResult()::hasMatchedOption);
                overlay.apply(input, state, notices);
                overlay.apply(this);
            } catch (ConfigException e) {
                badFile = e;
            }
        }
        ConfigException problem = badFile;
        if (problem != null) {
            // in full here: the failure below is cut to one short line where it is recorded
            spec.commandLine().getErr().println("authaudit: " + dev.authaudit.text.Escape.terminal(problem.getMessage()));
        }
        new BlockHookCall(state.db(), context.clock(), spec.commandLine().getOut(), spec.commandLine().getErr())
                .handle(args, () -> budgetOverride != null ? budgetOverride
                        : bounded(duration("--time-limit", timeLimit), Duration.ofSeconds(9)), () -> {
                            if (problem != null) {
                                throw new IllegalArgumentException("nothing done; fix the file given with --config: "
                                        + problem.getMessage());
                            }
                            return hook();
                        });
        return ExitCodes.OK;
    }

    private BlockHook hook() {
        ActionPolicy policy = new ActionPolicy(ActionKind.parseList(act), duration("--allow-ttl", allowTtl), execute);
        Csf runner = csfOverride != null ? csfOverride : new CsfRunner(csf, Map.of());
        CsfConfig conf = csfConf == null ? CsfConfig.defaults() : CsfConfig.read(csfConf);
        LfdBlockExplainer explainer = new LfdBlockExplainer(input.parser(input.ruleSet()), input.zone(), conf);
        return new BlockHook(explainer, state.db(), notices.enabled() ? notices.settings() : null, policy, runner,
                duration("--csf-timeout", csfTimeout), context.clock());
    }

    private static Duration duration(String option, String value) {
        try {
            return new DurationConverter().convert(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static Duration bounded(Duration d, Duration max) {
        return d.compareTo(max) > 0 ? max : d.isNegative() || d.isZero() ? HookDeadline.DEFAULT_BUDGET : d;
    }

    /**
     * Makes lfd's arguments safe to parse: after the first positional argument nothing is an option (a
     * message reading {@code --act lift} stays text), and unknown options are collected, not errors.
     */
    static final class LfdArguments implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.parser().stopAtPositional(true).unmatchedOptionsArePositionalParams(true);
            return spec;
        }
    }
}
