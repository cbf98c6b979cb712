package dev.authaudit.event;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;

/**
 * A packet the firewall dropped and logged (events-v1 {@code firewall_drop}).
 *
 * @param chain the prefix word, e.g. {@code TCP_IN}, {@code UDP_IN}, {@code PORTFLOOD}, {@code INVALID}
 * @param port the destination port ({@code DPT=}); null for ICMP
 * @param srcPort the source port ({@code SPT=}), used to tell SYN retransmissions from new probes
 * @param proto {@code TCP}, {@code UDP}, {@code ICMP}, ...
 * @param dst the destination address
 * @param inbound true when {@code IN=} was non-empty (lfd only counts inbound hits)
 * @param flags the TCP flags seen (e.g. {@code SYN}), or null
 */
public record FirewallDrop(OffsetDateTime time, Origin origin, String ip, Protocol protocol, Integer port,
                           String chain, Integer srcPort, String proto, String dst, boolean inbound,
                           String flags) implements LogEvent {
    public FirewallDrop {
        requireNonNull(time, "time");
        requireNonNull(origin, "origin");
        requireNonNull(protocol, "protocol");
        requireNonNull(chain, "chain");
    }

    @Override
    public String account() {
        return null;
    }

    @Override
    public EventType type() {
        return EventType.FIREWALL_DROP;
    }
}
