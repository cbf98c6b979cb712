package dev.authaudit.act.firewall;

import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * Reads an address or CIDR network strictly: dotted-quad IPv4 or standard IPv6, optionally with a
 * prefix length, nothing else. The lenient forms the library accepts by default ({@code ""} as
 * loopback, {@code 1.2.3}, {@code 0x7f000001}, wildcards, zones) are refused: an argument lfd did not
 * write that way is not trusted.
 */
final class IpLiteral {
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefixOnly(false).allowMask(false)
            .getIPv4AddressParametersBuilder().setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE)
            .allow_inet_aton(false).allowLeadingZeros(false)
            .allowWildcardedSeparator(false).allowPrefixesBeyondAddressSize(false).getParentBuilder()
            .getIPv6AddressParametersBuilder().setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE)
            .allowZone(false).allowWildcardedSeparator(false)
            .allowPrefixesBeyondAddressSize(false).getParentBuilder().toParams();

    private IpLiteral() {
    }

    /** Returns the address or network, or null when {@code s} is not a strict literal. */
    static IPAddress parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        IPAddress a = new IPAddressString(s, STRICT).getAddress();
        if (a == null || a.isMultiple() && !(a.isPrefixed() && a.isSinglePrefixBlock())) {
            return null; // a wildcard or range, not an address or one network
        }
        return a;
    }
}
