package dev.authaudit.correlate;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * Names the network an address belongs to: its /24 for IPv4 and its /48 for IPv6 (the unit Dovecot's
 * own penalty uses), so a customer whose address changes within the provider's range stays recognised.
 * Parses literals only; never resolves names.
 */
final class IpNetworks {
    private static final int V4_PREFIX = 24;
    private static final int V6_PREFIX = 48;

    /** Returns the network of an address as a CIDR string, or the input itself when it is not an address. */
    String networkOf(String ip) {
        if (ip == null) {
            return null;
        }
        IPAddress address = new IPAddressString(ip).getAddress();
        if (address == null) {
            return ip;
        }
        int bits = address.isIPv4() ? V4_PREFIX : V6_PREFIX;
        Integer own = address.getNetworkPrefixLength();
        if (own != null && own < bits) {
            return address.toPrefixBlock().toCanonicalString();
        }
        return address.toPrefixBlock(bits).toCanonicalString();
    }

    /** Returns true when the text is an IPv6 address. */
    boolean isV6(String ip) {
        IPAddress address = ip == null ? null : new IPAddressString(ip).getAddress();
        return address != null && address.isIPv6();
    }
}
