package dev.authaudit.event;

import static java.util.Objects.requireNonNull;

/**
 * Where an event came from: the log format ({@code source}), the id of the rule that read the line,
 * and the file and 1-based line number.
 */
public record Origin(String source, String rule, String file, long line) {
    public Origin {
        requireNonNull(source, "source");
        requireNonNull(rule, "rule");
        requireNonNull(file, "file");
    }
}
