package dev.authaudit.cli;

import java.time.Clock;

/** The process entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // 'parse' reads the shipped rules while picocli builds the command line (see RulePreload)
        RulePreload rules = args.length > 0 && "parse".equals(args[0]) ? RulePreload.start(InputOptions.defaultRules())
                : null;
        picocli.CommandLine cl = Cli.create(System.in, Clock.systemUTC(), rules);
        // what picocli would use, with the byte stream kept for output that is UTF-8 already
        cl.setOut(new StdoutWriter(System.out, StdoutWriter.charset()));
        System.exit(cl.execute(args));
    }
}
