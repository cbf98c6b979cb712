package dev.authaudit.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule: a linear-time (RE2) pattern with named groups, the event it emits, constant fields, and
 * the inline examples that prove it.
 *
 * @param require literals that must all occur in the line before the pattern runs (cheap prefilter)
 * @param groups the named groups of the pattern
 */
public record ParserRule(String id, String source, String description, Emits emits, List<String> require,
                         RulePattern pattern, Set<String> groups, Map<String, String> set, String notes,
                         List<Example> examples, List<Example> counterExamples, String file, int yamlLine) {
    public ParserRule {
        require = List.copyOf(require);
        groups = Set.copyOf(groups);
        set = Map.copyOf(set);
        examples = List.copyOf(examples);
        counterExamples = List.copyOf(counterExamples);
    }

    /** Returns true when every required literal occurs in the line. */
    public boolean admits(String line) {
        for (int i = 0, n = require.size(); i < n; i++) {
            if (!line.contains(require.get(i))) {
                return false;
            }
        }
        return true;
    }
}
