package dev.authaudit.report;

import java.time.OffsetDateTime;

/**
 * The first and last event time seen; both null when no event was read.
 */
public record Period(OffsetDateTime from, OffsetDateTime to) {
}
