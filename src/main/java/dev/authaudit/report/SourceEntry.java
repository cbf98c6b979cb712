package dev.authaudit.report;

import dev.authaudit.event.Protocol;
import java.time.OffsetDateTime;
import java.util.List;

/** One source address of a login: what it did with that login. */
public record SourceEntry(String ip, long failures, long successes, List<Protocol> protocols, List<Integer> ports,
                          OffsetDateTime first, OffsetDateTime last) {
    public SourceEntry {
        protocols = List.copyOf(protocols);
        ports = List.copyOf(ports);
    }
}
