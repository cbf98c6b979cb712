package dev.authaudit.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule: a linear-time (RE2) pattern with named groups, the event it emits, constant fields, and
 * the inline examples that prove it.
 *
 * @param require literals that must all occur in the line before the pattern runs (cheap prefilter)
 * @param requireAny literals of which at least one must occur (empty: no such condition)
 * @param groups the named groups of the pattern
 * @param templates field templates tried, in order, before the pattern (empty: the pattern alone); the
 *     pattern remains the rule's definition and the checker of its templates
 */
public record ParserRule(String id, String source, String description, Emits emits, List<String> require,
                         List<String> requireAny, RulePattern pattern, Set<String> groups, Map<String, String> set, String notes,
                         List<Example> examples, List<Example> counterExamples, String file, int yamlLine,
                         List<FieldTemplate> templates) {
    public ParserRule {
        templates = List.copyOf(templates);
        require = List.copyOf(require);
        requireAny = List.copyOf(requireAny);
        groups = Set.copyOf(groups);
        set = Map.copyOf(set);
        examples = List.copyOf(examples);
        counterExamples = List.copyOf(counterExamples);
    }

    /**
     * Returns true when every {@code require} literal and at least one {@code require_any} literal (if
     * there are any) occur in the line: the cheap test that spares most lines the regex.
     */
    public boolean admits(String line) {
        for (int i = 0, n = require.size(); i < n; i++) {
            if (!line.contains(require.get(i))) {
                return false;
            }
        }
        if (requireAny.isEmpty()) {
            return true;
        }
        for (int i = 0, n = requireAny.size(); i < n; i++) {
            if (line.contains(requireAny.get(i))) {
                return true;
            }
        }
        return false;
    }
}
