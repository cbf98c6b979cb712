package dev.authaudit.rules;

import java.util.List;

/**
 * One source's rules, as loaded from one YAML file.
 *
 * @param source the events' {@code source} word ({@code exim}, {@code dovecot}, ...)
 * @param gate literals of which a line must contain at least one for these rules to be tried; a gated
 *     line that no rule reads is a skipped line (a rules gap)
 */
public record RuleFile(String source, String description, List<String> gate, List<ParserRule> rules, String file) {
    public RuleFile {
        gate = List.copyOf(gate);
        rules = List.copyOf(rules);
    }
}
