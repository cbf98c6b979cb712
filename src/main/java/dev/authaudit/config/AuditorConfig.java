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
 * @param csf how csf is run ({@code csf_command}, {@code csf_timeout}, {@code csf_tempban}, beside {@code csf_conf})
 * @param fail2ban how fail2ban is run ({@code fail2ban_client}, {@code fail2ban_timeout}, {@code fail2ban_conf})
 * @param fleet the links to a fleet ({@code fleet:}): where events go, where verdicts come from, what is done with them
 */
public record AuditorConfig(Path file, List<String> logs, Input input, State state, Watch watch,
                            Notices notices, Csf csf, Fail2ban fail2ban, Fleet fleet) {
    public AuditorConfig {
        logs = logs == null ? null : List.copyOf(logs);
    }

    /** Returns a configuration with nothing set. */
    public static AuditorConfig empty() {
        return new AuditorConfig(null, null, new Input(null, null, null, null, null), new State(null, null),
                new Watch(null, null, null, null), new Notices(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, new Smtp(null, null, null, null, null, null, null, null)), new Csf(null, null, null),
                new Fail2ban(null, null, null), new Fleet(null, null, new FleetAct(null, null, null, null)));
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

    /**
     * How csf is run by {@code watch}'s fleet act: the command, the longest one run may take, and csf's temporary
     * blocks file, read before a block is lifted.
     */
    public record Csf(String command, Duration timeout, Path tempban) {
    }

    /**
     * How fail2ban is run by {@code watch}'s fleet act with {@code fleet.act.with: fail2ban}: the fail2ban-client
     * command, the longest one run may take, and fail2ban's folder (its {@code ignoreip} lists are never banned).
     */
    public record Fail2ban(String client, Duration timeout, Path conf) {
    }

    /**
     * The links of {@code watch} to a fleet.
     *
     * @param publish where each event read live is sent ({@code kafka://HOST:PORT/TOPIC}, as {@code --publish})
     * @param verdicts where the fleet's verdicts are read from (as {@code --fleet-verdicts})
     * @param act what is done with them
     */
    public record Fleet(String publish, String verdicts, FleetAct act) {
    }

    /**
     * What {@code watch} does with the fleet's attacker verdicts (as {@code --fleet-act}, {@code --execute},
     * {@code --fleet-block-ttl}, {@code --fleet-block-max}, {@code --fleet-act-with}, {@code --fail2ban-jail}).
     *
     * @param mode {@code block} or {@code none}
     * @param execute true only when the file says {@code execute: true}: run the firewall; otherwise each block is a
     *     dry run
     * @param with what blocks: {@code csf} or {@code fail2ban}
     * @param jail the fail2ban jail of the fleet's bans (only beside {@code with: fail2ban})
     */
    public record FleetAct(String mode, Boolean execute, Duration blockTtl, Integer blockMax, String with,
                           String jail) {
        /** What csf's fleet act is set to, with neither {@code with} nor {@code jail}. */
        public FleetAct(String mode, Boolean execute, Duration blockTtl, Integer blockMax) {
            this(mode, execute, blockTtl, blockMax, null, null);
        }
    }
}
