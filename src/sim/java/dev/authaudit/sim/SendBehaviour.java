package dev.authaudit.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A device submitting mail over SMTP with AUTH. Messages arrive in the outbox at the owner's pace,
 * mostly in the day; when AUTH fails (an outdated SMTP password) the client keeps the message and
 * retries at its sync rhythm until the owner gives up on it a day or two later.
 */
final class SendBehaviour implements EventLoop.Actor {
    private static final long GIVE_UP = 36 * 3600;

    private final SimContext ctx;
    private final DeviceState state;
    private final Whereabouts where;
    private final SplittableRandom rng;
    private long nextNewMessage;

    SendBehaviour(SimContext ctx, DeviceState state, Whereabouts where, SplittableRandom rng, long start) {
        this.ctx = ctx;
        this.state = state;
        this.where = where;
        this.rng = rng;
        this.nextNewMessage = start + gap();
    }

    /** Returns when this actor first wants to run. */
    long first() {
        return nextNewMessage;
    }

    @Override
    public long act(long now) {
        Device d = state.device;
        if (now >= nextNewMessage) {
            nextNewMessage = now + gap();
            int h = ctx.hour(now);
            boolean awake = h >= 7 && h < 23;
            if (awake || rng.nextInt(10) == 0) {
                if (state.outbox == 0) {
                    state.outboxSince = now;
                }
                state.outbox++;
            }
        }
        if (state.outbox > 0 && now - state.outboxSince > GIVE_UP) {
            state.outbox = 0;
        }
        if (state.outbox == 0) {
            return nextNewMessage;
        }
        String ip = where.address(state, now);
        long retry = now + Math.max(120, d.pollSeconds()) + rng.nextInt(60);
        if (ip == null) {
            return Math.min(retry, nextNewMessage);
        }
        long at = now;
        while (state.outbox > 0) {
            List<String> tries = List.of(state.smtpPassword);
            MailServer.Result r = ctx.server().submission(at, ip, d.smtpPort(), d.login(), tries, d.profile().mech,
                    d.helo(), HitKind.STALE, 1 + (rng.nextInt(4) == 0 ? rng.nextInt(4) : 0), null, ctx.remoteMtas());
            if (r != MailServer.Result.OK) {
                return Math.min(retry, nextNewMessage);
            }
            state.outbox--;
            at += 2 + rng.nextInt(5);
        }
        return nextNewMessage;
    }

    private long gap() {
        double mean = 86_400.0 / Math.max(0.1, state.device.sendsPerDay());
        return 1 + (long) (-Math.log(1 - rng.nextDouble()) * mean);
    }
}
