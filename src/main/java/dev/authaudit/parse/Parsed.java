package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;

/**
 * What became of one line.
 *
 * @param status the outcome
 * @param event the event, for {@link Status#EVENT}
 * @param source the source whose gate or rule took the line, or null
 * @param ruleId the rule that matched, or null
 * @param text the line as it may be shown (plaintext passwords redacted)
 * @param problem why a matched line could not be used, for {@link Status#INVALID} and {@link Status#UNTIMED}
 */
public record Parsed(Status status, LogEvent event, String source, String ruleId, String text, String problem) {

    /** The outcome of parsing one line. */
    public enum Status {
        /** No source's gate admitted the line: not our business. */
        UNRELATED,
        /** A rule read the line into an event. */
        EVENT,
        /** A rule recognised the line as known and deliberately not an event. */
        IGNORED,
        /** A source's gate admitted the line but no rule read it: a rules gap. */
        SKIPPED,
        /** A rule matched but a field was unusable (an address that is not one). */
        INVALID,
        /** A rule would apply but the line has no time stamp we can read. */
        UNTIMED
    }

    static final Parsed UNRELATED_LINE = new Parsed(Status.UNRELATED, null, null, null, null, null);
}
