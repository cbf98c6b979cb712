package dev.authaudit.parse;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * Validates and normalizes IP address literals with the IPAddress library: never DNS, no masks,
 * prefixes or {@code inet_aton} shorthands. IPv4-mapped IPv6 ({@code ::ffff:192.0.2.1}, as Courier
 * and dual-stack sockets log it) becomes plain IPv4, so one client has one key.
 */
public final class Addresses {
    private static final IPAddressStringParameters LITERAL_ONLY = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowPrefix(false).allowMask(false).allowSingleSegment(false)
            .getIPv4AddressParametersBuilder().allow_inet_aton(false).getParentBuilder()
            .toParams();

    private Addresses() {
    }

    /**
     * Returns the normalized form of an address literal, or null when the text is not exactly one
     * IPv4 or IPv6 address.
     */
    public static String normalize(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        String t = text;
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        IPAddress a = new IPAddressString(t, LITERAL_ONLY).getAddress();
        if (a == null || a.isMultiple() || a.isPrefixed()) {
            return null;
        }
        if (a.isIPv6()) {
            IPv6Address v6 = a.toIPv6();
            if (v6.isIPv4Mapped()) {
                return v6.getEmbeddedIPv4Address().toCanonicalString();
            }
            return v6.toCanonicalString();
        }
        return a.toCanonicalString();
    }
}
