package dev.authaudit.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A customer types a wrong password once to three times (setting up a device, or a client prompting
 * after a restart), each a slightly different typo, then gets it right, all from the same address.
 */
final class TypoEpisode implements EventLoop.Actor {
    private final SimContext ctx;
    private final DeviceState device;
    private final Whereabouts where;
    private final SplittableRandom rng;
    private final boolean smtp;
    private int wrongLeft;
    private String ip;

    TypoEpisode(SimContext ctx, DeviceState device, Whereabouts where, SplittableRandom rng) {
        this.ctx = ctx;
        this.device = device;
        this.where = where;
        this.rng = rng;
        this.smtp = device.device.fetch().equals("none") || rng.nextInt(4) == 0;
        this.wrongLeft = 1 + rng.nextInt(3);
    }

    @Override
    public long act(long now) {
        Device d = device.device;
        if (ip == null) {
            ip = where.address(device, now);
            if (ip == null) {
                ip = d.homeIp();
            }
        }
        String right = ctx.passwords().password(d.login());
        boolean wrong = wrongLeft > 0;
        String pw = wrong ? typo(right) : right;
        HitKind kind = HitKind.TYPO;
        if (smtp) {
            ctx.server().submission(now, ip, d.smtpPort(), d.login(), List.of(pw), d.profile().mech, d.helo(), kind,
                    wrong ? 0 : 1, null, ctx.remoteMtas());
        } else {
            ctx.server().mailboxSession(now, d.fetch(), ip, d.login(), List.of(pw), d.profile().mech, kind,
                    3 + rng.nextInt(60), DovecotFormat.Close.DISCONNECT);
        }
        if (!wrong) {
            return EventLoop.DONE;
        }
        wrongLeft--;
        return now + 8 + rng.nextInt(70);
    }

    private String typo(String right) {
        int i = rng.nextInt(right.length());
        char c = right.charAt(i);
        char swapped = Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.isLowerCase(c) ? Character.toUpperCase(c) : (char) ('a' + rng.nextInt(26));
        return right.substring(0, i) + swapped + right.substring(i + 1) + (rng.nextInt(3) == 0 ? "1" : "");
    }
}
