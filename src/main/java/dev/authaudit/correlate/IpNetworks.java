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
        // events carry normalized addresses: a dotted quad's /24 is its first three octets, which spares
        // the general parser on every login of a busy host
        int lastDot = ip.lastIndexOf('.');
        if (lastDot > 0 && ip.indexOf(':') < 0 && countDots(ip) == 3) {
            return ip.substring(0, lastDot) + ".0/24";
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

    private static int countDots(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    /** Returns true when the text is an IPv6 address. */
    boolean isV6(String ip) {
        if (ip != null && ip.indexOf(':') < 0) {
            return false;
        }
        IPAddress address = ip == null ? null : new IPAddressString(ip).getAddress();
        return address != null && address.isIPv6();
    }
}
