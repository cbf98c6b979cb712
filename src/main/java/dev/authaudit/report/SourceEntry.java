package dev.authaudit.report;

import dev.authaudit.classify.SourceRole;
import dev.authaudit.event.Protocol;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One source address of a login: what it did with that login.
 *
 * @param role what the address is to the login; only {@code customer} sources are the customer's own
 */
public record SourceEntry(String ip, long failures, long successes, List<Protocol> protocols, List<Integer> ports,
                          OffsetDateTime first, OffsetDateTime last, SourceRole role) {
    public SourceEntry {
        protocols = List.copyOf(protocols);
        ports = List.copyOf(ports);
        role = role == null ? SourceRole.UNKNOWN : role;
    }

    /** Returns a source whose role is not known. */
    public SourceEntry(String ip, long failures, long successes, List<Protocol> protocols, List<Integer> ports,
                       OffsetDateTime first, OffsetDateTime last) {
        this(ip, failures, successes, protocols, ports, first, last, SourceRole.UNKNOWN);
    }
}
