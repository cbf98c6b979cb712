package dev.authaudit.cli;

import picocli.CommandLine.Command;

/** {@code authaudit config}: write a starting config file, or show the effective settings. */
@Command(name = "config", mixinStandardHelpOptions = true,
        header = "Write a commented authaudit.yaml for this host, or show the effective settings.",
        subcommands = {ConfigInitCommand.class, ConfigShowCommand.class})
public final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
