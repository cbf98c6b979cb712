package dev.authaudit.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Distributed credential stuffing: leaked login/password pairs tried from a large pool of addresses,
 * each address failing once or twice, attempts minutes to an hour apart. The same leaked password is
 * retried for a login from different addresses, so its fingerprint repeats, but never from one source.
 */
final class StuffingCampaign implements EventLoop.Actor {
    private final SimContext ctx;
    private final SplittableRandom rng;
    private final List<String> ips;
    private final List<String> logins;
    private final Map<String, String> leaked = new HashMap<>();
    private final Map<String, Integer> usesPerIp = new HashMap<>();
    private final long stopAt;
    private int nextIp;

    StuffingCampaign(SimContext ctx, SplittableRandom rng, List<String> ips, List<String> logins, long stopAt) {
        this.ctx = ctx;
        this.rng = rng;
        this.ips = new ArrayList<>(ips);
        this.logins = new ArrayList<>(logins);
        this.stopAt = stopAt;
        for (String l : logins) {
            leaked.put(l, "leak" + Integer.toHexString(rng.nextInt()) + "!");
        }
        for (String ip : ips) {
            ctx.truth().role(ip, "stuffing");
        }
    }

    @Override
    public long act(long now) {
        if (now >= stopAt || ips.isEmpty()) {
            return EventLoop.DONE;
        }
        String ip = ips.get(nextIp % ips.size());
        nextIp++;
        int used = usesPerIp.merge(ip, 1, Integer::sum);
        if (used >= 2 || rng.nextBoolean()) {
            ips.remove(ip);
        }
        String login = logins.get(rng.nextInt(logins.size()));
        List<String> pw = List.of(leaked.get(login));
        if (rng.nextInt(5) < 2) {
            ctx.server().submission(now, ip, ctx.spec().csf().isOpen(587) ? 587 : 465, login, pw, "LOGIN",
                    Names.BOT_HELO.get(rng.nextInt(Names.BOT_HELO.size())), HitKind.STUFFING, 0, null,
                    ctx.remoteMtas());
        } else {
            ctx.server().mailboxSession(now, "imap", ip, login, pw, "PLAIN", HitKind.STUFFING, 2,
                    DovecotFormat.Close.DISCONNECT);
        }
        return now + 60 + rng.nextInt(rng.nextInt(3) == 0 ? 3600 : 900);
    }
}
