package dev.authaudit.ingest;

/**
 * One line of one input, as read.
 *
 * @param file the path as given (or {@code -} for stdin)
 * @param line the 1-based line number within that file
 * @param text the line without its terminator, decoded as UTF-8 (invalid bytes replaced)
 */
public record RawLine(String file, long line, String text) {
}
