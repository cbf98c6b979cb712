package dev.authaudit.cli;

import picocli.CommandLine.Command;

/** {@code authaudit hook}: entry points for other programs' hooks (lfd's BLOCK_REPORT). */
@Command(name = "hook", mixinStandardHelpOptions = true, header = "Hooks other programs call (lfd's BLOCK_REPORT), and what they recorded.",
        subcommands = {LfdBlockCommand.class, HookLogCommand.class})
public final class HookCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
