package dev.authaudit.sim;

import java.util.List;

/** Produces lfd's {@code CC/Country/rdns} decoration for a simulated address. */
final class IpDecoration {
    private static final List<String> HOSTILE = List.of("CN/China", "RU/Russia", "BR/Brazil", "VN/Vietnam",
            "US/United States", "NL/Netherlands", "IN/India", "DE/Germany", "ID/Indonesia", "KR/South Korea");

    private final AddressPool pool;

    IpDecoration(AddressPool pool) {
        this.pool = pool;
    }

    /** Returns the text lfd puts in parentheses after the address. */
    String of(String ip) {
        String rdns = pool.rdns(ip);
        String country = ip.startsWith("198.18.") || ip.startsWith("198.19.") || ip.startsWith("192.0.2.")
                ? HOSTILE.get(Math.floorMod(ip.hashCode(), HOSTILE.size())) : "US/United States";
        return country + "/" + (rdns == null ? "-" : rdns);
    }
}
