package dev.authaudit.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Internet background radiation and system chatter, once per simulated hour: single blocked packets
 * from passing addresses, TLS probes that never authenticate, bots sending AUTH on plain port 25,
 * and systemd lines in cPanel's {@code messages}.
 */
final class BackgroundNoise implements EventLoop.Actor {
    private static final int[] TCP = {23, 1433, 3389, 5900, 6379, 8080, 8443, 8888, 9200, 2375, 5555, 7547, 81};
    private static final int[] UDP = {123, 161, 1900, 5060, 11211, 19, 69, 5353};
    private static final List<String> SYSTEM = List.of("Started Session %d of user root.",
            "Starting Cleanup of Temporary Directories...", "Started Cleanup of Temporary Directories.",
            "Created slice User Slice of cpanelsolr.", "Started Session c%d of user cpanelsolr.",
            "Removed slice User Slice of cpanelsolr.");

    private final SimContext ctx;
    private final LogFiles files;
    private final TrafficShape shape;
    private final SplittableRandom rng;
    private final String host;
    private int session = 1000;

    BackgroundNoise(SimContext ctx, LogFiles files, TrafficShape shape, SplittableRandom rng) {
        this.ctx = ctx;
        this.files = files;
        this.shape = shape;
        this.rng = rng;
        String h = ctx.spec().hostname();
        this.host = h.indexOf('.') < 0 ? h : h.substring(0, h.indexOf('.'));
    }

    @Override
    public long act(long now) {
        int packets = (int) ((4 + rng.nextInt(20)) * Math.max(0.2, ctx.spec().noise()));
        for (int i = 0; i < packets; i++) {
            long t = now + rng.nextInt(3600);
            String ip = ctx.pool().allocate(AddressRange.HOSTILE);
            int sport = 1024 + rng.nextInt(60_000);
            int ttl = 40 + rng.nextInt(80);
            // Packets go through the event loop at their own time: the kernel's log limit is a
            // token bucket and must see packets in time order.
            if (rng.nextInt(3) == 0) {
                int port = UDP[rng.nextInt(UDP.length)];
                ctx.loop().schedule(t, at -> {
                    ctx.server().udp(at, ip, sport, port, ttl, HitKind.BACKGROUND);
                    return EventLoop.DONE;
                });
            } else {
                int port = TCP[rng.nextInt(TCP.length)];
                int id = rng.nextInt(65536);
                int window = 1024 + rng.nextInt(64_000);
                ctx.loop().schedule(t, at -> {
                    ctx.server().syn(at, ip, sport, port, ttl, id, window, HitKind.BACKGROUND, null);
                    return EventLoop.DONE;
                });
            }
        }
        int probes = (int) (2 + rng.nextInt(8) * shape.weight(now));
        DovecotFormat dc = ctx.server().dovecot();
        for (int i = 0; i < probes; i++) {
            long t = now + rng.nextInt(3600);
            String ip = ctx.pool().allocate(AddressRange.HOSTILE);
            files.add(LogKind.MAIL, t, dc.noAuth(t, rng.nextInt(4) == 0 ? "pop3" : "imap", ip, rng.nextInt(3),
                    dc.session()));
        }
        if (rng.nextInt(3) == 0) {
            long t = now + rng.nextInt(3600);
            EximFormat exim = ctx.server().exim();
            String ip = ctx.pool().allocate(AddressRange.HOSTILE);
            files.add(LogKind.EXIM, t, exim.authNotAdvertised(t, exim.pid(), ip, 1024 + rng.nextInt(60_000),
                    Names.BOT_HELO.get(rng.nextInt(Names.BOT_HELO.size()))));
        }
        if (files.has(LogKind.SYSTEM)) {
            int n = 2 + rng.nextInt(6);
            for (int i = 0; i < n; i++) {
                long t = now + rng.nextInt(3600);
                StringBuilder b = new StringBuilder(100);
                ctx.time().syslog(b, t);
                String msg = SYSTEM.get(rng.nextInt(SYSTEM.size()));
                b.append(' ').append(host).append(" systemd[1]: ").append(msg.contains("%d")
                        ? msg.replace("%d", Integer.toString(session++)) : msg);
                files.add(LogKind.SYSTEM, t, b.toString());
            }
        }
        return now + 3600 < ctx.end() ? now + 3600 : EventLoop.DONE;
    }
}
