package dev.authaudit.fleet;

import picocli.CommandLine.Option;

/** The broker and topic names both fleet commands use. */
public final class FleetTopicOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", required = true,
            description = "Kafka brokers to start from (comma-separated).")
    String bootstrap;

    @Option(names = "--events-topic", paramLabel = "TOPIC", description = "events-v1 JSON, keyed by host"
            + " (what 'watch --publish' sends).")
    String events = "authaudit.events";

    @Option(names = "--lines-topic", paramLabel = "TOPIC", description = "Raw log lines shipped by rsyslog,"
            + " Vector or Filebeat (JSON).")
    String lines = "authaudit.lines";

    @Option(names = "--verdicts-topic", paramLabel = "TOPIC", description = "The fleet's address verdicts"
            + " (compacted, keyed by address). The other topics of the run are named after its prefix (the part"
            + " before its last dot): PREFIX.accounts, .blocks, .notices and the steps' linking topics; give two"
            + " fleets on one cluster different prefixes.")
    String verdicts = "authaudit.verdicts";

    FleetTopology.Topics topics() {
        return new FleetTopology.Topics(lines, events, verdicts);
    }
}
