package dev.authaudit.event;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;

/**
 * A login that succeeded (events-v1 {@code auth_success}): Exim's {@code <= ... A=authenticator:login}
 * or Dovecot's {@code Login:}.
 */
public record AuthSuccess(OffsetDateTime time, Origin origin, String ip, String account, Protocol protocol,
                          Integer port, String session, String mech, String helo, String localIp)
        implements LogEvent {
    public AuthSuccess {
        requireNonNull(time, "time");
        requireNonNull(origin, "origin");
        requireNonNull(protocol, "protocol");
    }

    @Override
    public EventType type() {
        return EventType.AUTH_SUCCESS;
    }
}
