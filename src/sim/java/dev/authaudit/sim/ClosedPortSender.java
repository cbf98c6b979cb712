package dev.authaudit.sim;

import java.util.SplittableRandom;

/**
 * A customer's client set to submit on a port the firewall does not open (the 2013 case). Each send
 * attempt is a TCP connect that gets no answer: the SYN goes out again after 1, 2, 4, 8 and 16 seconds
 * with the same source port, then the client tries a new connection, and later the whole send again.
 * Every logged SYN is a port-scan hit for lfd, so a few attempts in one PS_INTERVAL block the customer.
 */
final class ClosedPortSender implements EventLoop.Actor {
    private static final int[] RETRANSMIT = {0, 1, 3, 7, 15, 31};

    private final SimContext ctx;
    private final DeviceState state;
    private final Whereabouts where;
    private final SplittableRandom rng;
    private final int port;
    private final int ttl;
    private long nextNewMessage;
    private int connectsLeft;
    private int packet;
    private int srcPort;
    private String ip;
    private int retriesLeft;

    ClosedPortSender(SimContext ctx, DeviceState state, Whereabouts where, SplittableRandom rng, int port, long start) {
        this.ctx = ctx;
        this.state = state;
        this.where = where;
        this.rng = rng;
        this.port = port;
        this.ttl = state.device.profile().mobile() ? 50 + rng.nextInt(14) : 110 + rng.nextInt(18);
        this.nextNewMessage = start + gap();
    }

    /** Returns when this actor first wants to run. */
    long first() {
        return nextNewMessage;
    }

    @Override
    public long act(long now) {
        if (connectsLeft > 0) {
            return packet(now);
        }
        if (now >= nextNewMessage) {
            nextNewMessage = now + gap();
            retriesLeft = 2 + rng.nextInt(6);
        }
        if (retriesLeft <= 0) {
            return nextNewMessage;
        }
        ip = where.address(state, now);
        if (ip == null) {
            return now + 1800;
        }
        retriesLeft--;
        connectsLeft = 1 + rng.nextInt(3);
        packet = 0;
        srcPort = 49152 + rng.nextInt(16_000);
        return packet(now);
    }

    private long packet(long now) {
        int window = state.device.profile().mobile() ? 65535 : 64240;
        ctx.server().syn(now, ip, srcPort, port, ttl, rng.nextInt(65536), window, HitKind.CLOSED_PORT,
                state.device.login());
        packet++;
        if (packet < RETRANSMIT.length) {
            return now + RETRANSMIT[packet] - RETRANSMIT[packet - 1];
        }
        connectsLeft--;
        packet = 0;
        srcPort = 49152 + rng.nextInt(16_000);
        if (connectsLeft > 0) {
            return now + 30 + rng.nextInt(30);
        }
        // The client gives up on this send and tries again at its next sync.
        return Math.min(nextNewMessage, now + 300 + rng.nextInt(900));
    }

    private long gap() {
        double mean = 86_400.0 / Math.max(0.5, state.device.sendsPerDay());
        return 1 + (long) (-Math.log(1 - rng.nextDouble()) * mean);
    }
}
