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

    /** Returns true for a dotted-quad IPv4 literal with no leading zeros (its own canonical form). */
    static boolean isPlainIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int octets = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            int v = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
        }
        return octets == 4 && s.charAt(n - 1) != '.';
    }

    /**
     * Returns the normalized form of an address literal, or null when the text is not exactly one
     * IPv4 or IPv6 address.
     */
    public static String normalize(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (isPlainIpv4(text)) {
            return text; // the common case, already canonical: spare the general parser
        }
        if (text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return null; // dotted but not a plain quad (leading zeros, missing parts): servers never write these
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
