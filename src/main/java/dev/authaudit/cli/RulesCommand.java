package dev.authaudit.cli;

import picocli.CommandLine.Command;

/** {@code authaudit rules}: check rules against logs, and run the rules' own examples. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        header = "Check the parser rules against logs, or run their inline examples.",
        subcommands = {RulesCheckCommand.class, RulesTestCommand.class})
public final class RulesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
