package dev.authaudit.event;

import static java.util.Objects.requireNonNull;

/**
 * Where an event came from: the log format ({@code source}), the id of the rule that read the line,
 * the file and 1-based line number, and the server the line is about ({@code host}: the syslog header's
 * host name, else the name configured for the input; null in events read from files written before
 * events-v1 had it), and whether the file interleaves several processes' lines ({@code interleaved}:
 * syslog, where one process's next line can come many lines later; written to events-v1 JSON as
 * {@code "interleaved": true}, a field added to the spec's, and false when absent).
 */
public record Origin(String source, String rule, String file, long line, String host, boolean interleaved) {
    public Origin {
        requireNonNull(source, "source");
        requireNonNull(rule, "rule");
        requireNonNull(file, "file");
    }

    /** An origin in a file of one program's lines (not syslog). */
    public Origin(String source, String rule, String file, long line, String host) {
        this(source, rule, file, line, host, false);
    }

    /** An origin whose server is not known. */
    public Origin(String source, String rule, String file, long line) {
        this(source, rule, file, line, null);
    }
}
