package dev.authaudit.cli;

import dev.authaudit.config.ConfigException;
import dev.authaudit.rules.RuleException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The top-level {@code authaudit} command. */
@Command(name = "authaudit", mixinStandardHelpOptions = true, version = "authaudit 0.1.0",
        header = "Mail-submission authentication auditor: explains firewall blocks, finds stale-password clients.",
        description = {"Reads Exim, Dovecot, Postfix, lfd, kernel firewall and fail2ban logs (plain or .gz),",
            "correlates auth failures with firewall blocks, and explains them."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {
            "0:done (findings are in the output)",
            "1:internal error (a bug: rerun with --debug and report it)",
            "2:usage error",
            "3:configuration or rule invalid",
            "4:an input log could not be read (the rest was still read)",
            "5:an action failed (the report is still written)",
            "10:findings present (only with --exit-code-on-findings)"},
        footer = "%nSee 'authaudit help <command>' for a command's options.")
public final class Cli implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of internal errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The subcommands in the order help lists them (the optional ones of {@link OptionalCommands} follow).
     * Each is built from its annotations only when the command line needs it: reflecting over the whole
     * tree is about a tenth of a CPU second of every cold start, and picocli's classes are too old a
     * class-file version for the class-data archive to hold them.
     */
    static final List<Class<?>> COMMANDS = List.of(ScanCommand.class, ReportCommand.class, TuneCommand.class,
            ExplainCommand.class, ParseCommand.class, RulesCommand.class,
            NoticesCommand.class, BlocksCommand.class,
            WatchCommand.class, StatusCommand.class, ConfigCommand.class,
            HookCommand.class,
            CommandLine.HelpCommand.class);

    /** Their names, in the same order (a test checks them against the annotations). */
    static final List<String> NAMES = List.of("scan", "report", "tune", "explain", "parse", "rules",
            "notices", "blocks", "watch", "status", "config", "hook", "help");

    /**
     * Builds the command line with all its subcommands bound to a context.
     */
    public static CommandLine create(InputStream stdin, Clock clock) {
        return create(stdin, clock, null);
    }

    /** As {@link #create(InputStream, Clock)}, with the shipped rules being read ahead (or null). */
    public static CommandLine create(InputStream stdin, Clock clock, RulePreload rules) {
        return create(stdin, clock, rules, null);
    }

    /**
     * As {@link #create(InputStream, Clock, RulePreload)}, for the arguments {@code args}: when the first
     * names a subcommand (other than {@code help}), only that one is built, since nothing else of the tree
     * can be reached; any other first argument (none, an option, {@code help}, a mistyped name) gets the
     * whole tree, so the top-level help, the suggestions for a mistyped name and {@code help <command>}
     * read as before; {@code --version} alone gets none. Null builds the whole tree.
     */
    public static CommandLine create(InputStream stdin, Clock clock, RulePreload rules, String[] args) {
        Context context = new Context(stdin, clock, rules);
        CommandLine cl = new CommandLine(new Cli(), new ContextFactory(context));
        String only = args == null || args.length == 0 || "help".equals(args[0]) ? null : args[0];
        int at = only == null ? -1 : NAMES.indexOf(only);
        // the version alone reads nothing of the subcommands
        boolean versionOnly = args != null && args.length == 1 && ("--version".equals(only) || "-V".equals(only));
        if (at >= 0) {
            cl.addSubcommand(COMMANDS.get(at));
        } else if (only != null && OptionalCommands.named(only)) {
            OptionalCommands.addTo(cl, Cli.class.getClassLoader(), only);
        } else if (!versionOnly) {
            for (Class<?> c : COMMANDS) {
                cl.addSubcommand(c);
            }
            OptionalCommands.addTo(cl, Cli.class.getClassLoader());
        }
        cl.setExecutionExceptionHandler(new Handler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        HelpStyle.apply(cl);
        return cl;
    }

    /** Creates command objects, handing the context to those that take one. */
    private record ContextFactory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Context.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** Prints errors for people: the message, and a stack trace only with --debug. */
    private static final class Handler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
            boolean debug = parsed.hasMatchedOption("--debug")
                    || (parsed.subcommand() != null && anyDebug(parsed));
            if (ex instanceof RuleException || ex instanceof ConfigException) {
                cl.getErr().println("authaudit: " + ex.getMessage());
                if (debug) {
                    ex.printStackTrace(cl.getErr());
                }
                return ExitCodes.CONFIG;
            }
            if (ex instanceof dev.authaudit.act.ActionException) {
                cl.getErr().println("authaudit: " + ex.getMessage());
                if (debug) {
                    ex.printStackTrace(cl.getErr());
                }
                return ExitCodes.ACTION;
            }
            if (ex instanceof RuntimeException r && dev.authaudit.state.StateDatabase.damaged(r)) {
                cl.getErr().println("authaudit: " + ex.getMessage());
                return ExitCodes.CONFIG;
            }
            if (ex instanceof dev.authaudit.publish.PublishException) {
                cl.getErr().println("authaudit: " + ex.getMessage());
                if (debug) {
                    ex.printStackTrace(cl.getErr());
                }
                return ExitCodes.ACTION;
            }
            if (ex instanceof dev.authaudit.run.InvalidSetting) { // a UsageProblem, or a setting 'run' refused
                cl.getErr().println("authaudit: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            cl.getErr().println("authaudit: internal error: " + ex + (debug ? "" : " (rerun with --debug for details"
                    + " and report it)"));
            if (debug) {
                ex.printStackTrace(cl.getErr());
            }
            return ExitCodes.SOFTWARE;
        }

        private static boolean anyDebug(ParseResult p) {
            for (ParseResult r = p; r != null; r = r.subcommand()) {
                if (r.hasMatchedOption("--debug")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A usage mistake found after parsing (a bad --tz, say), reported with exit code 2. */
    public static final class UsageProblem extends dev.authaudit.run.InvalidSetting {
        private static final long serialVersionUID = 1L;

        public UsageProblem(String message) {
            super(message);
        }
    }
}
