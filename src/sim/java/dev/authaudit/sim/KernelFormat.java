package dev.authaudit.sim;

import java.util.SplittableRandom;

/** Writes csf's kernel firewall log lines (field notes 1.9). */
final class KernelFormat {
    private final TimeFormat time;
    private final String host;
    private final long bootTime;
    private final SplittableRandom rng;
    private final String mac;

    KernelFormat(TimeFormat time, String host, long start, SplittableRandom rng) {
        this.time = time;
        this.host = host;
        this.rng = rng;
        this.bootTime = start - 86_400L * (3 + rng.nextInt(200)) - rng.nextInt(86_400);
        this.mac = "00:16:3e:5a:" + hex2(rng.nextInt(256)) + ":" + hex2(rng.nextInt(256)) + ":f2:3c:91:"
                + hex2(rng.nextInt(256)) + ":" + hex2(rng.nextInt(256)) + ":" + hex2(rng.nextInt(256)) + ":08:00";
    }

    /**
     * {@code Firewall: *TCP_IN Blocked* ...} for one TCP SYN.
     *
     * @param ipId the IP header id (0 for Linux SYNs with DF)
     */
    String tcpIn(long t, String src, int srcPort, int dstPort, int ttl, int ipId, int window) {
        StringBuilder b = prefix(t);
        b.append("Firewall: *TCP_IN Blocked* IN=eth0 OUT= MAC=").append(mac).append(" SRC=").append(src)
                .append(" DST=").append(AddressPool.SERVER_IP).append(" LEN=").append(window > 60000 ? 64 : 60)
                .append(" TOS=0x00 PREC=0x00 TTL=").append(ttl).append(" ID=").append(ipId)
                .append(ipId == 0 || rng.nextBoolean() ? " DF" : "").append(" PROTO=TCP SPT=").append(srcPort)
                .append(" DPT=").append(dstPort).append(" WINDOW=").append(window).append(" RES=0x00 SYN URGP=0");
        return b.toString();
    }

    /** {@code Firewall: *UDP_IN Blocked* ...}. */
    String udpIn(long t, String src, int srcPort, int dstPort, int ttl) {
        StringBuilder b = prefix(t);
        int len = 28 + rng.nextInt(400);
        b.append("Firewall: *UDP_IN Blocked* IN=eth0 OUT= MAC=").append(mac).append(" SRC=").append(src)
                .append(" DST=").append(AddressPool.SERVER_IP).append(" LEN=").append(len)
                .append(" TOS=0x00 PREC=0x00 TTL=").append(ttl).append(" ID=").append(rng.nextInt(65536))
                .append(" PROTO=UDP SPT=").append(srcPort).append(" DPT=").append(dstPort).append(" LEN=")
                .append(len - 20);
        return b.toString();
    }

    private StringBuilder prefix(long t) {
        StringBuilder b = new StringBuilder(300);
        time.syslog(b, t);
        long up = Math.max(1, t - bootTime);
        b.append(' ').append(host).append(" kernel: [").append(up).append('.');
        String micro = Integer.toString(rng.nextInt(1_000_000));
        for (int i = micro.length(); i < 6; i++) {
            b.append('0');
        }
        b.append(micro).append("] ");
        return b;
    }

    private static String hex2(int v) {
        String s = Integer.toHexString(v);
        return s.length() == 1 ? "0" + s : s;
    }
}
