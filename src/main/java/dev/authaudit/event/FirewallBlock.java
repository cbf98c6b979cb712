package dev.authaudit.event;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The firewall blocked an address (events-v1 {@code firewall_block}): an lfd block, a fail2ban Ban,
 * a csf.deny or csf.tempban entry.
 *
 * @param trigger the firewall's own rule name ({@code LF_SMTPAUTH}, {@code PS_LIMIT}, a fail2ban jail)
 * @param hits the count the firewall stated, or null
 * @param intervalS the window the firewall stated ("in the last 3600 secs"), or null
 * @param durationS the block's length in seconds, or null when permanent or unknown
 * @param permanent true for a permanent block
 * @param ports the ports blocked (LF_SELECT's {@code port=587}); empty for all ports
 * @param app lfd's application tag ({@code smtpauth}, {@code imapd}), or null
 * @param account the login a distributed-attack block names ({@code [acct]}), or null
 * @param message the firewall's own text for the block (attacker-influenced; escape before display)
 */
public record FirewallBlock(OffsetDateTime time, Origin origin, String ip, String account, Protocol protocol,
                            Integer port, String trigger, Integer hits, Integer intervalS, Long durationS,
                            boolean permanent, List<Integer> ports, String app, String message)
        implements LogEvent {
    public FirewallBlock {
        requireNonNull(time, "time");
        requireNonNull(origin, "origin");
        requireNonNull(protocol, "protocol");
        requireNonNull(trigger, "trigger");
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    @Override
    public EventType type() {
        return EventType.FIREWALL_BLOCK;
    }
}
