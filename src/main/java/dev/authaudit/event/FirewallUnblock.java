package dev.authaudit.event;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;

/**
 * A block was lifted (events-v1 {@code firewall_unblock}): lfd's "temporary block removed" or a
 * fail2ban Unban.
 *
 * @param trigger the fail2ban jail, or null when the line does not say
 */
public record FirewallUnblock(OffsetDateTime time, Origin origin, String ip, Protocol protocol, Integer port,
                              String trigger) implements LogEvent {
    public FirewallUnblock {
        requireNonNull(time, "time");
        requireNonNull(origin, "origin");
        requireNonNull(protocol, "protocol");
    }

    @Override
    public String account() {
        return null;
    }

    @Override
    public EventType type() {
        return EventType.FIREWALL_UNBLOCK;
    }
}
