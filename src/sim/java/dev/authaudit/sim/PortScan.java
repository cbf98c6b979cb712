package dev.authaudit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A port scanner: a fast sweep (many SYNs per second, mostly one source port, as SYN scanners do)
 * or a slow one (a probe every half minute or so, which stays under PS_LIMIT per window). The kernel
 * logs only a rate-limited sample, and lfd counts that sample.
 */
final class PortScan implements EventLoop.Actor {
    private static final int[] COMMON = {21, 22, 23, 25, 53, 80, 81, 110, 111, 135, 139, 143, 389, 443, 445, 465,
        587, 993, 995, 1080, 1433, 1521, 1723, 2049, 2082, 2083, 2222, 3128, 3306, 3389, 5060, 5432, 5900, 5985,
        6379, 7001, 8000, 8080, 8081, 8443, 8888, 9000, 9090, 9200, 10000, 11211, 27017};

    private final SimContext ctx;
    private final SplittableRandom rng;
    private final String ip;
    private final boolean fast;
    private final int rate;
    private final int srcPort;
    private final int ttl;
    private final List<Integer> ports = new ArrayList<>();
    private int next;

    PortScan(SimContext ctx, SplittableRandom rng, String ip) {
        this.ctx = ctx;
        this.rng = rng;
        this.ip = ip;
        this.fast = rng.nextInt(4) != 0;
        this.rate = fast ? 5 + rng.nextInt(60) : 1;
        this.srcPort = 30_000 + rng.nextInt(35_000);
        this.ttl = 40 + rng.nextInt(20);
        for (int p : COMMON) {
            ports.add(p);
        }
        if (fast) {
            int extra = rng.nextInt(800);
            for (int i = 0; i < extra; i++) {
                ports.add(1 + rng.nextInt(65_535));
            }
        } else {
            ports.subList(20, ports.size()).clear();
        }
        for (int i = ports.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            ports.set(i, ports.set(j, ports.get(i)));
        }
        ctx.truth().role(ip, fast ? "port_scan" : "slow_port_scan");
    }

    @Override
    public long act(long now) {
        for (int i = 0; i < rate && next < ports.size(); i++) {
            int sp = fast && rng.nextInt(10) != 0 ? srcPort : 1024 + rng.nextInt(64_000);
            ctx.server().syn(now, ip, sp, ports.get(next++), ttl, rng.nextInt(65536), 1024, HitKind.SCANNER, null);
        }
        if (next >= ports.size()) {
            return EventLoop.DONE;
        }
        return fast ? now + 1 : now + 20 + rng.nextInt(60);
    }
}
