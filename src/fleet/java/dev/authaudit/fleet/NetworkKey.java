package dev.authaudit.fleet;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * The partition key of the address-keyed side: an address's source network (the /24 of an IPv4 address,
 * the /48 of an IPv6 one), so a network's history sits with its addresses.
 */
final class NetworkKey {
    private NetworkKey() {
    }

    /** Returns the network of an address, or null when the text is not one. */
    static String of(String ip) {
        if (ip == null) {
            return null;
        }
        IPAddress a = new IPAddressString(ip).getAddress();
        if (a == null) {
            return null;
        }
        int bits = a.isIPv4() ? 24 : 48;
        return a.toPrefixBlock(bits).toCanonicalString();
    }
}
