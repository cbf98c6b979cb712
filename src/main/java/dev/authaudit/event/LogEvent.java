package dev.authaudit.event;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One normalized event read from one log line (events-v1). The fields every type shares are on this
 * interface; each record adds its own. Nullable accessors return {@code null} when the line did not
 * carry the value, which the JSON codec writes as {@code null}.
 */
public sealed interface LogEvent permits AuthFailure, AuthSuccess, FirewallDrop, FirewallBlock, FirewallUnblock {

    /** Returns the event time with the offset it was read or resolved in. */
    OffsetDateTime time();

    /** Returns where the event came from. */
    Origin origin();

    /** Returns the remote address, normalized, or null. */
    String ip();

    /** Returns the login, lower-cased, or null for an empty or absent user. */
    String account();

    /** Returns the protocol; never null ({@link Protocol#OTHER} when unknown). */
    Protocol protocol();

    /** Returns the server port, or null when the line does not say. */
    Integer port();

    /** Returns the events-v1 type of this record. */
    EventType type();

    /** Returns {@link #time()} as an instant, the correlator's unit of event time. */
    default Instant instant() {
        return time().toInstant();
    }
}
