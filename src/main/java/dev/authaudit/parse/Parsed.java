package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;
import java.time.OffsetDateTime;

/**
 * What became of one line.
 *
 * @param status the outcome
 * @param event the event, for {@link Status#EVENT}
 * @param source the source whose gate or rule took the line, or null
 * @param ruleId the rule that matched, or null
 * @param text the line as it may be shown (plaintext passwords redacted)
 * @param problem why a matched line could not be used, for {@link Status#INVALID} and {@link Status#UNTIMED}
 * @param repeat how many times syslog says the line was written (rsyslog's {@code message repeated N
 *     times: [...]}, syslogd's {@code last message repeated N times}); 1 for an ordinary line
 * @param repeatAt for {@link Status#REPEAT}, the time of the repeat line; otherwise null
 */
public record Parsed(Status status, LogEvent event, String source, String ruleId, String text, String problem,
                     int repeat, OffsetDateTime repeatAt) {

    /** An ordinary line's outcome (written once). */
    public Parsed(Status status, LogEvent event, String source, String ruleId, String text, String problem) {
        this(status, event, source, ruleId, text, problem, 1, null);
    }

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
        UNTIMED,
        /**
         * syslogd's {@code last message repeated N times}: the file's previous line again, {@link #repeat}
         * more times, at {@link #repeatAt} ({@link RepeatExpander} turns it into events).
         */
        REPEAT
    }

    static final Parsed UNRELATED_LINE = new Parsed(Status.UNRELATED, null, null, null, null, null);
}
