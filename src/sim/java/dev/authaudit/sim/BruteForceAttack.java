package dev.authaudit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A dictionary attack from one address: role names and harvested logins, a new password each try,
 * a connection every few seconds. Once blocked it comes back every so often, and quits after
 * hours of silence from the firewall.
 */
final class BruteForceAttack implements EventLoop.Actor {
    private final SimContext ctx;
    private final SplittableRandom rng;
    private final AttackTargets targets;
    private final String ip;
    private final List<String> logins;
    private final String proto;
    private final int smtpPort;
    private final String helo;
    private final String mech;
    private final HitKind kind;
    private int next;
    private int budget;
    private long droppedSince = Long.MIN_VALUE;

    BruteForceAttack(SimContext ctx, SplittableRandom rng, AttackTargets targets, String ip, List<String> logins,
                     HitKind kind) {
        this.ctx = ctx;
        this.rng = rng;
        this.targets = targets;
        this.ip = ip;
        this.logins = logins;
        this.kind = kind;
        int p = rng.nextInt(100);
        this.proto = p < 75 ? "smtp" : p < 92 ? "imap" : "pop3";
        CsfSettings csf = ctx.spec().csf();
        this.smtpPort = csf.isOpen(587) && rng.nextBoolean() ? 587 : csf.isOpen(465) && rng.nextBoolean() ? 465 : 25;
        this.helo = rng.nextInt(5) == 0 ? "[" + ip + "]" : Names.BOT_HELO.get(rng.nextInt(Names.BOT_HELO.size()));
        this.mech = rng.nextInt(4) == 0 ? "PLAIN" : "LOGIN";
        this.budget = 40 + rng.nextInt(rng.nextInt(4) == 0 ? 3000 : 400);
        ctx.truth().role(ip, kind == HitKind.UNKNOWN_USER ? "unknown_user_probe" : "brute_force");
    }

    @Override
    public long act(long now) {
        if (budget <= 0 || logins.isEmpty()) {
            return EventLoop.DONE;
        }
        String login = logins.get(next++ % logins.size());
        int tries = 1 + rng.nextInt(3);
        List<String> pw = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            pw.add(targets.guess());
        }
        MailServer.Result r;
        if (proto.equals("smtp")) {
            r = ctx.server().submission(now, ip, smtpPort, login, pw, mech, helo, kind, 0, null, ctx.remoteMtas());
        } else {
            r = ctx.server().mailboxSession(now, proto, ip, login, pw, mech, kind, 2,
                    rng.nextInt(10) == 0 ? DovecotFormat.Close.INACTIVITY : DovecotFormat.Close.DISCONNECT);
        }
        if (r == MailServer.Result.DROPPED) {
            next--;
            if (droppedSince == Long.MIN_VALUE) {
                droppedSince = now;
            }
            if (now - droppedSince > 6 * 3600) {
                return EventLoop.DONE;
            }
            return now + 600 + rng.nextInt(1800);
        }
        droppedSince = Long.MIN_VALUE;
        budget -= tries;
        return now + 2 + rng.nextInt(12);
    }
}
