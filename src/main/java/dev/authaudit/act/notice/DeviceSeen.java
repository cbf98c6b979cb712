package dev.authaudit.act.notice;

import static java.util.Objects.requireNonNull;

import dev.authaudit.event.Protocol;
import inet.ipaddr.IPAddressString;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The device that keeps failing, as the logs show it. {@code clientName} comes from the client (SMTP
 * HELO or IMAP ID) and is hostile text: it is escaped wherever it goes.
 *
 * @param ip the client address, as a literal
 * @param network the customer's network the address belongs to, as a prefix ({@code 203.0.113.0/24});
 *     part of the incident key
 * @param protocols the protocols it failed on
 * @param ports the server ports it connected to
 * @param clientName the HELO name or IMAP ID name, or null when none was logged
 * @param lastWorked the latest successful login from this address, or null when none is on record
 */
public record DeviceSeen(String ip, String network, Set<Protocol> protocols, SortedSet<Integer> ports,
                         String clientName, Instant lastWorked) {
    /** Validates the addresses (literals only: nothing here may trigger a DNS lookup). */
    public DeviceSeen {
        requireNonNull(ip, "ip");
        requireNonNull(network, "network");
        if (!new IPAddressString(ip).isIPAddress()) {
            throw new IllegalArgumentException("ip '" + ip + "' is not an IP address literal");
        }
        if (!new IPAddressString(network).isIPAddress()) {
            throw new IllegalArgumentException("network '" + network + "' is not an address or prefix such as"
                    + " 203.0.113.0/24");
        }
        protocols = protocols == null || protocols.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(protocols));
        ports = Collections.unmodifiableSortedSet(ports == null ? new TreeSet<>() : new TreeSet<>(ports));
    }

    /** Returns a device with no successful login on record. */
    public DeviceSeen(String ip, String network, Set<Protocol> protocols, SortedSet<Integer> ports,
                      String clientName) {
        this(ip, network, protocols, ports, clientName, null);
    }

    /** Returns a device seen on one protocol and port, with its address as its own network. */
    public static DeviceSeen of(String ip, Protocol protocol, int port, String clientName) {
        return new DeviceSeen(ip, ip, EnumSet.of(protocol), new TreeSet<>(Set.of(port)), clientName);
    }
}
