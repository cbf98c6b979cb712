package dev.authaudit.fleet;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code authaudit fleet}: many servers together over Kafka. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        header = "Audit many servers together over Kafka (run, report).",
        description = {"Servers send events with 'watch --publish kafka://HOST:PORT/TOPIC', or ship raw log lines",
            "with rsyslog, Vector or Filebeat; 'fleet run' judges them together, 'fleet report' writes the",
            "reports for the whole fleet and for each server; 'fleet mail' sends the customer notices it decided. See",
            "docs/fleet.md."},
        subcommands = {FleetRunCommand.class, FleetReportCommand.class, FleetMailCommand.class, CommandLine.HelpCommand.class})
public final class FleetCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
