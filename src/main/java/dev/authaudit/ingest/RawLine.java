package dev.authaudit.ingest;

/**
 * One line of one input, as read.
 *
 * @param file the path as given (or {@code -} for stdin)
 * @param line the 1-based line number within that file
 * @param text the line without its terminator, decoded as UTF-8 (invalid bytes replaced)
 * @param gate what the reader's {@link LineReader.Gate} found in the line's bytes, for the parser to
 *     reuse instead of searching the text again; {@link #UNSCANNED} when the bytes were not searched
 * @param host the server the input is about when the line's own header names none (the host a log
 *     shipper sent the line from); null for the parser's own default
 */
public record RawLine(String file, long line, String text, long gate, String host) {
    public RawLine(String file, long line, String text, long gate) {
        this(file, line, text, gate, null);
    }

    /** The gate answer of a line whose bytes were not searched. */
    public static final long UNSCANNED = -1L;

    public RawLine(String file, long line, String text) {
        this(file, line, text, UNSCANNED);
    }
}
