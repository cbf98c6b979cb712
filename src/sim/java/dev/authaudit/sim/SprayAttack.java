package dev.authaudit.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Password spraying from one address: one or two common passwords against many logins, one attempt
 * every few minutes, so per-address thresholds are rarely reached.
 */
final class SprayAttack implements EventLoop.Actor {
    private final SimContext ctx;
    private final SplittableRandom rng;
    private final String ip;
    private final List<String> logins;
    private final List<String> passwords;
    private final boolean smtp;
    private final int smtpPort;
    private final String helo;
    private int next;
    private int round;

    SprayAttack(SimContext ctx, SplittableRandom rng, String ip, List<String> logins) {
        this.ctx = ctx;
        this.rng = rng;
        this.ip = ip;
        this.logins = logins;
        int year = ctx.time().local(ctx.start()).getYear();
        this.passwords = List.of("Spring" + year + "!", "Welcome" + (rng.nextInt(9) + 1), "Summer" + year);
        this.smtp = rng.nextInt(3) != 0;
        this.smtpPort = ctx.spec().csf().isOpen(587) ? 587 : 465;
        this.helo = Names.BOT_HELO.get(rng.nextInt(Names.BOT_HELO.size()));
        ctx.truth().role(ip, "spray");
    }

    @Override
    public long act(long now) {
        if (next >= logins.size()) {
            round++;
            next = 0;
            if (round >= 2 || rng.nextBoolean()) {
                return EventLoop.DONE;
            }
        }
        String login = logins.get(next++);
        List<String> pw = List.of(passwords.get(round % passwords.size()));
        MailServer.Result r = smtp
                ? ctx.server().submission(now, ip, smtpPort, login, pw, "LOGIN", helo, HitKind.SPRAY, 0, null,
                        ctx.remoteMtas())
                : ctx.server().mailboxSession(now, "imap", ip, login, pw, "PLAIN", HitKind.SPRAY, 2,
                        DovecotFormat.Close.DISCONNECT);
        if (r == MailServer.Result.DROPPED) {
            next--;
            return now + 3600 + rng.nextInt(3600);
        }
        return now + 120 + rng.nextInt(900);
    }
}
