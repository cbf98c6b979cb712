package dev.authaudit.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The first skipped lines of one input: lines a source's gate admitted but no rule read (rules gaps),
 * as the parser shows them (plaintext passwords redacted).
 *
 * @param file the input as the report names it ({@link InputSummary#path()})
 * @param source the source whose gate took the first sampled line
 */
public record SkippedSample(String file, String source, List<String> lines) {
    public SkippedSample {
        requireNonNull(file, "file");
        lines = List.copyOf(lines);
    }
}
