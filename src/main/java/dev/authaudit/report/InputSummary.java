package dev.authaudit.report;

import static java.util.Objects.requireNonNull;

/**
 * One file read.
 *
 * @param format {@code exim}, {@code dovecot}, {@code postfix}, {@code lfd}, {@code kernel}, {@code csf-conf}, ...
 * @param skipped lines of a known format that no rule could read (each a rules gap)
 */
public record InputSummary(String path, String format, long lines, long events, long skipped) {
    public InputSummary {
        requireNonNull(path, "path");
        requireNonNull(format, "format");
    }
}
