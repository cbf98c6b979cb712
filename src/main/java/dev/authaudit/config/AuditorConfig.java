package dev.authaudit.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of {@code authaudit.yaml}, as an immutable tree. A null value means "not set": the
 * command line or the built-in default applies. Command-line options always win over the file.
 *
 * @param file where the settings were read from
 * @param logs the logs {@code watch} follows (files or folders)
 */
public record AuditorConfig(Path file, List<String> logs, Input input, State state, Watch watch,
                            Notices notices) {
    public AuditorConfig {
        logs = logs == null ? null : List.copyOf(logs);
    }

    /** Returns a configuration with nothing set. */
    public static AuditorConfig empty() {
        return new AuditorConfig(null, null, new Input(null, null, null, null, null), new State(null, null),
                new Watch(null, null, null, null), new Notices(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, new Smtp(null, null, null, null, null, null, null, null)));
    }

    /**
     * How lines are read: zone, year, rules, the firewall's configuration, and the server name of events
     * whose line names none ({@code host:}), the file of the fleet's fingerprint key ({@code fingerprint_key_file:}).
     */
    public record Input(String tz, Integer year, Path rules, List<Path> rulesDirs, Path csfConf, String host,
                        Path fingerprintKeyFile) {
        public Input {
            rulesDirs = rulesDirs == null ? null : List.copyOf(rulesDirs);
        }

        public Input(String tz, Integer year, Path rules, List<Path> rulesDirs, Path csfConf) {
            this(tz, year, rules, rulesDirs, csfConf, null, null);
        }
    }

    /** Where state is kept: the folder and the SQLite database. */
    public record State(Path dir, Path db) {
    }

    /** How {@code watch} paces itself. */
    public record Watch(Duration poll, Duration checkpointEvery, Duration lookBack, Long lookBackBytes) {
    }

    /** Customer notices: mode ({@code drafts} or {@code send}), content, recipients and limits. */
    public record Notices(String mode, Path outbox, String from, String serverName, String helpUrl, String lang,
                          String cc, Path contacts, Boolean cpanel, Path cpanelUserdomains, Path cpanelUsers,
                          Boolean mailbox, Double minConfidence, Integer limit, Smtp smtp) {
    }

    /** The SMTP server for {@code mode: send}; the password comes from an environment variable or a file. */
    public record Smtp(String host, Integer port, String security, String user, String passwordEnv,
                       Path passwordFile, Duration connectTimeout, Duration readTimeout) {
    }
}
