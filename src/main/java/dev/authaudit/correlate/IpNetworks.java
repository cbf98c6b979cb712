package dev.authaudit.correlate;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * Names the network an address belongs to: its /24 for IPv4 and its /48 for IPv6 (the unit Dovecot's
 * own penalty uses), so a customer whose address changes within the provider's range stays recognised.
 * Parses literals only; never resolves names. Not thread-safe (it builds names in a buffer of its own):
 * one per correlator.
 */
final class IpNetworks {
    private static final int V4_PREFIX = 24;
    private static final int V6_PREFIX = 48;
    private static final String V4_SUFFIX = ".0/24";
    /** Where {@link #v4Network} builds a network's name (long enough for any dotted quad). */
    private char[] scratch = new char[24];
    /**
     * IPv4 network names made lately, by a hash of their first three octets: the addresses of one /24 (a
     * botnet's, a provider's customers) share one string, where each new address made another. Only a
     * cache of values made again on a miss.
     */
    private final String[] recent = new String[RECENT_NETWORKS];
    /** The {@link DistinctCounter#hash} of each network name in {@link #recent}, made with it. */
    private final long[] recentHashes = new long[RECENT_NETWORKS];
    private static final int RECENT_NETWORKS = 1024;
    /** What {@link #keysOf} worked out besides the network: the address's and the network's counter hashes. */
    private long ipHash;
    private long networkHash;

    /** Returns the network of an address as a CIDR string, or the input itself when it is not an address. */
    String networkOf(String ip) {
        if (ip == null) {
            return null;
        }
        // events carry normalized addresses: a dotted quad's /24 is its first three octets, which spares
        // the general parser on every login of a busy host
        int lastDot = ip.lastIndexOf('.');
        if (lastDot > 0 && ip.indexOf(':') < 0 && countDots(ip) == 3) {
            return v4Network(ip, lastDot);
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

    /**
     * Returns {@code a.b.c.0/24} for {@code a.b.c.d}, built in {@link #scratch}: one string made per new
     * address rather than a substring, a builder and its copy (a botnet's every line is a new address).
     */
    private String v4Network(String ip, int lastDot) {
        int h = 0;
        for (int i = 0; i < lastDot; i++) {
            h = 31 * h + ip.charAt(i);
        }
        return v4Network(ip, lastDot, h);
    }

    /**
     * As {@link #v4Network(String, int)}, given the hash of the address's first {@code lastDot} characters
     * ({@code 31 * h + c} from 0); sets {@link #networkHash} to the name's counter hash, kept with the name.
     */
    private String v4Network(String ip, int lastDot, int h) {
        int slot = (h ^ (h >>> 10)) & (RECENT_NETWORKS - 1);
        String known = recent[slot];
        int length = lastDot + V4_SUFFIX.length();
        if (known != null && known.length() == length && known.regionMatches(0, ip, 0, lastDot)
                && known.charAt(lastDot) == '.') {
            networkHash = recentHashes[slot];
            return known;
        }
        String made = build(ip, lastDot);
        recent[slot] = made;
        networkHash = DistinctCounter.hash(made);
        recentHashes[slot] = networkHash;
        return made;
    }

    /**
     * Returns the network of an address as {@link #networkOf} does, and leaves the {@link DistinctCounter#hash}
     * of the address and of the network (0 for none) in {@link #ipHash()} and {@link #networkHash()}: a new
     * address's keys ({@link SubjectKeys.Address}) need all three, which took six passes over the address and one
     * over the network's name; a dotted quad now takes one, and its network's hash is kept with the name.
     */
    String keysOf(String ip) {
        int n = ip.length();
        long fnv = DistinctCounter.FNV_OFFSET;
        int dots = 0;
        int lastDot = -1;
        int prefix = 0;
        int prefixToLastDot = 0;
        boolean colon = false;
        for (int i = 0; i < n; i++) {
            char c = ip.charAt(i);
            fnv = (fnv ^ c) * DistinctCounter.FNV_PRIME;
            if (c == '.') {
                dots++;
                lastDot = i;
                prefixToLastDot = prefix;
            } else if (c == ':') {
                colon = true;
            }
            prefix = 31 * prefix + c;
        }
        ipHash = DistinctCounter.mix(fnv);
        if (lastDot > 0 && !colon && dots == 3) {
            return v4Network(ip, lastDot, prefixToLastDot);
        }
        String network = networkOf(ip);
        networkHash = network == null ? 0 : DistinctCounter.hash(network);
        return network;
    }

    /** The address's {@link DistinctCounter#hash} as the last {@link #keysOf} worked it out. */
    long ipHash() {
        return ipHash;
    }

    /** The network's {@link DistinctCounter#hash} as the last {@link #keysOf} worked it out (0 for none). */
    long networkHash() {
        return networkHash;
    }

    private String build(String ip, int lastDot) {
        int length = lastDot + V4_SUFFIX.length();
        if (scratch.length < length) {
            scratch = new char[length];
        }
        ip.getChars(0, lastDot, scratch, 0);
        V4_SUFFIX.getChars(0, V4_SUFFIX.length(), scratch, lastDot);
        return new String(scratch, 0, length);
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
