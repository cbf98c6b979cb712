package dev.authaudit.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A device checking for mail over IMAP or POP3 at its client's rhythm. With an outdated password
 * every check fails the same way, with the same password, until the customer fixes the device;
 * some clients back off after repeated failures, most do not.
 */
final class MailCheckBehaviour implements EventLoop.Actor {
    private final SimContext ctx;
    private final DeviceState state;
    private final Whereabouts where;
    private final SplittableRandom rng;

    MailCheckBehaviour(SimContext ctx, DeviceState state, Whereabouts where, SplittableRandom rng) {
        this.ctx = ctx;
        this.state = state;
        this.where = where;
        this.rng = rng;
    }

    @Override
    public long act(long now) {
        Device d = state.device;
        String ip = where.address(state, now);
        int poll = d.pollSeconds();
        long next = now + poll + jitter(poll);
        if (ip == null) {
            return next;
        }
        boolean failed = false;
        int conns = 1 + (d.profile().connectionsPerCheck > 1 && rng.nextInt(3) == 0 ? 1 : 0);
        for (int c = 0; c < conns; c++) {
            long at = now + c * (1 + rng.nextInt(3));
            List<String> tries = rng.nextInt(8) == 0 ? List.of(state.fetchPassword, state.fetchPassword)
                    : List.of(state.fetchPassword);
            int session = poll >= 900 ? 5 + rng.nextInt(120) : 1 + rng.nextInt(25);
            MailServer.Result r = ctx.server().mailboxSession(at, d.fetch(), ip, d.login(), tries, d.profile().mech,
                    HitKind.STALE, session, close());
            if (r == MailServer.Result.FAILED) {
                failed = true;
            }
            if (r != MailServer.Result.OK) {
                break;
            }
        }
        if (!failed) {
            state.failStreak = 0;
            return next;
        }
        state.failStreak++;
        if (d.profile().backoff > 1.0) {
            double f = Math.pow(d.profile().backoff, Math.min(10, state.failStreak - 1));
            long wait = (long) Math.min(d.profile().backoffCapSeconds, poll * f);
            return now + Math.max(poll, wait) + jitter(poll);
        }
        return next;
    }

    private long jitter(int poll) {
        int span = Math.max(2, poll / 10);
        return rng.nextInt(span) - span / 2;
    }

    private DovecotFormat.Close close() {
        int r = rng.nextInt(100);
        if (r == 0) {
            return DovecotFormat.Close.INACTIVITY;
        }
        switch (state.device.profile()) {
            case IOS_MAIL:
            case APPLE_MAIL:
            case THUNDERBIRD:
                return r < 70 ? DovecotFormat.Close.LOGOUT : DovecotFormat.Close.DISCONNECT;
            default:
                return r < 20 ? DovecotFormat.Close.LOGOUT : DovecotFormat.Close.DISCONNECT;
        }
    }
}
