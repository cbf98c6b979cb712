package dev.authaudit.rules;

import java.util.Map;

/**
 * A rule's inline sample: a full log line and the fields it must give (for {@code examples}), or a
 * line the rule must not match (for {@code counter_examples}, with {@code expect} empty and
 * {@code why} saying what it guards against).
 */
public record Example(String line, Map<String, String> expect, String why, int yamlLine) {
    public Example {
        expect = expect == null ? Map.of() : Map.copyOf(expect);
    }
}
