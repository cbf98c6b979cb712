package dev.authaudit.event;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;

/**
 * A failed login (events-v1 {@code auth_failure}).
 *
 * @param attempts how many failures this one line stands for (Dovecot's "auth failed, 3 attempts"); at least 1
 * @param detail true for Dovecot's {@code auth:}/{@code auth-worker:} verdict line that accompanies a
 *     primary line for the same attempt; the correlator counts a pair once
 * @param passwordFp Dovecot's "SHA1 of given password" prefix, or a keyed hash of a plaintext password
 *     that a verbose server logged; never the password itself
 * @param session Dovecot's session id, or null
 * @param mech the SASL mechanism or Exim authenticator name, or null
 * @param helo the client's HELO/EHLO name (attacker-controlled text), or null
 * @param localIp the server address the client connected to, or null
 */
public record AuthFailure(OffsetDateTime time, Origin origin, String ip, String account, Protocol protocol,
                          Integer port, FailureReason reason, int attempts, boolean detail, String passwordFp,
                          String session, String mech, String helo, String localIp) implements LogEvent {
    public AuthFailure {
        requireNonNull(time, "time");
        requireNonNull(origin, "origin");
        requireNonNull(protocol, "protocol");
        requireNonNull(reason, "reason");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    @Override
    public EventType type() {
        return EventType.AUTH_FAILURE;
    }
}
