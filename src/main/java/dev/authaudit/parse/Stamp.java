package dev.authaudit.parse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A time stamp as the line wrote it: a local date-time that may lack its year or zone, or an absolute
 * instant (TAI64N). {@link TimeResolver} turns it into an event time.
 *
 * @param local the date-time as written; for a year-less syslog stamp the year is a placeholder
 * @param hasYear false for classic syslog stamps ({@code Mar 31 11:29:35})
 * @param offset the offset the line carried, or null
 * @param instant the absolute time (TAI64N), or null
 * @param end the index just past the stamp (and the space after it) in the line; 0 for a stamp that
 *     is not at the start of the line (CSF state files), where the whole line is the message
 */
public record Stamp(LocalDateTime local, boolean hasYear, ZoneOffset offset, Instant instant, int end) {
}
