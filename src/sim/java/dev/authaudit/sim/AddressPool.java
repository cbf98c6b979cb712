package dev.authaudit.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Hands out unique addresses per {@link AddressRange}, so that one address never plays two roles
 * unless the simulation shares it on purpose (a home or office NAT). Also remembers the reverse DNS
 * name it gave each address.
 */
final class AddressPool {
    /** The server's own address (Dovecot's {@code lip=}, Exim's {@code I=}, the kernel's {@code DST=}). */
    static final String SERVER_IP = "203.0.113.10";

    private static final String[] HOME_ISPS = {"res.broadband.example.net", "dsl.homenet.example",
        "cable.example.net", "fiber.example.org"};
    private static final String[] CLOUDS = {"vps.cloud.example.com", "static.hoster.example",
        "dedicated.example.net"};

    private final SplittableRandom rng;
    private final Set<Integer> used = new HashSet<>();
    private final Map<String, String> rdns = new HashMap<>();

    AddressPool(SplittableRandom rng) {
        this.rng = rng;
        used.add(toInt(SERVER_IP));
    }

    /** Returns a fresh address from the range, with a reverse DNS name where such hosts have one. */
    String allocate(AddressRange range) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int block = rng.nextInt(range.blockCount());
            long size = range.size(block);
            int a = range.base(block) + (int) (1 + rng.nextLong(size - 2));
            int last = a & 0xff;
            if (last == 0 || last == 255 || !used.add(a)) {
                continue;
            }
            String ip = toText(a);
            String name = nameFor(range, ip);
            if (name != null) {
                rdns.put(ip, name);
            }
            return ip;
        }
        throw new IllegalStateException("address range " + range + " is exhausted; lower the number of actors");
    }

    /** Returns the reverse DNS name of an address, or null when it has none. */
    String rdns(String ip) {
        return rdns.get(ip);
    }

    /** Returns {@code 198.51.100.7} for an int. */
    static String toText(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    private static int toInt(String ip) {
        String[] p = ip.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8)
                | Integer.parseInt(p[3]);
    }

    private String nameFor(AddressRange range, String ip) {
        String dashed = ip.replace('.', '-');
        switch (range) {
            case HOME:
                return "cpe-" + dashed + "." + HOME_ISPS[Math.floorMod(ip.hashCode(), HOME_ISPS.length)];
            case OFFICE:
                return rng.nextInt(3) == 0 ? null : "static-" + dashed + ".biz.example.net";
            case MOBILE:
                return null;
            case HOSTILE:
                return rng.nextInt(3) == 0 ? "host-" + dashed + "." + CLOUDS[rng.nextInt(CLOUDS.length)] : null;
            case REMOTE_MTA:
                return "mx" + (1 + rng.nextInt(4)) + ".mail" + rng.nextInt(900) + ".example.org";
            default:
                return null;
        }
    }
}
