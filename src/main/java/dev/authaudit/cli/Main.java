package dev.authaudit.cli;

import java.time.Clock;
import java.util.Set;

/** The process entry point. */
public final class Main {
    /** The commands that read the rules (as a replay or a parse) before anything else of note. */
    private static final Set<String> PRELOAD = Set.of("parse", "scan", "explain", "tune", "blocks");

    private Main() {
    }

    /** Whether the arguments only ask for help or the version, which read no rules. */
    private static boolean help(String[] args) {
        for (String a : args) {
            if ("--help".equals(a) || "-h".equals(a) || "--version".equals(a) || "-V".equals(a)) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        // the commands that read logs read the shipped rules while picocli builds the command line (RulePreload)
        RulePreload rules = args.length > 0 && PRELOAD.contains(args[0]) && !help(args)
                ? RulePreload.start(InputOptions.defaultRules()) : null;
        picocli.CommandLine cl = Cli.create(System.in, Clock.systemUTC(), rules, args);
        // what picocli would use, with the byte stream kept for output that is UTF-8 already
        cl.setOut(new StdoutWriter(System.out, StdoutWriter.charset()));
        System.exit(cl.execute(args));
    }
}
