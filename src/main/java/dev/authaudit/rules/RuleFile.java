package dev.authaudit.rules;

import java.util.List;
import java.util.Map;

/**
 * One source's rules, as loaded from one YAML file.
 *
 * @param source the events' {@code source} word ({@code exim}, {@code dovecot}, ...)
 * @param gate literals of which a line must contain at least one for these rules to be tried; a gated
 *     line that no rule reads is a skipped line (a rules gap)
 * @param programs the syslog / journal / multilog program tags whose lines these rules read, the tag
 *     without its {@code [pid]} ({@code dovecot}, {@code lfd}); {@code *} stands for any run of
 *     characters ({@code *}{@code /smtpd}). The message the rules see starts after the tag.
 * @param processes the process names that begin a line of the daemon's own log file, right after
 *     the time stamp and with no host ({@code imap-login}, {@code fail2ban.*}); the message the rules
 *     see starts at the name
 * @param containers formats read without any program name: {@code exim-mainlog} (Exim's own log:
 *     the message starts after the stamp and an optional {@code [pid]}) and {@code csf-state}
 * @param attackerControlled the fields whose text a remote client chooses, each with where it is in the
 *     line; the generated injection test smuggles whole lines into them
 */
public record RuleFile(String source, String description, List<String> gate, List<String> programs,
                       List<String> processes, List<String> containers, Map<String, String> attackerControlled,
                       List<ParserRule> rules, String file) {
    /** The container words a rule file may name. */
    public static final List<String> CONTAINERS = List.of("exim-mainlog", "csf-state");

    public RuleFile {
        gate = List.copyOf(gate);
        programs = List.copyOf(programs);
        processes = List.copyOf(processes);
        containers = List.copyOf(containers);
        attackerControlled = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attackerControlled));
        rules = List.copyOf(rules);
    }
}
