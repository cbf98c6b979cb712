package dev.authaudit.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The mail traffic that has nothing to do with authentication and makes up most of a real log:
 * inbound messages from other servers with local deliveries, rejections, reverse-DNS misses and
 * Dovecot's delivery lines. Runs once per simulated hour. With a line target, it sizes each hour's
 * traffic so the run ends near the target, shaped like a day of mail.
 */
final class MailFlowNoise implements EventLoop.Actor {
    private static final List<String> REJECTS = List.of("Unknown user", "relay not permitted",
            "Sender verify failed", "rejected because the sending host is listed in a DNS block list",
            "Unrouteable address");

    private final SimContext ctx;
    private final LogFiles files;
    private final TrafficShape shape;
    private final SplittableRandom rng;
    private final List<Mailbox> boxes;
    private long linesAtLastHour = -1;
    private long noiseLastHour;

    MailFlowNoise(SimContext ctx, LogFiles files, TrafficShape shape, SplittableRandom rng) {
        this.ctx = ctx;
        this.files = files;
        this.shape = shape;
        this.rng = rng;
        this.boxes = ctx.population().mailboxes();
    }

    @Override
    public long act(long now) {
        long budget = budget(now);
        long before = files.lines();
        long written = 0;
        while (written < budget) {
            long t = now + rng.nextInt(3600);
            int r = rng.nextInt(100);
            if (r < 80) {
                inbound(t);
            } else if (r < 95) {
                reject(t);
            } else {
                int pid = ctx.server().exim().pid();
                String mta = mta();
                files.add(LogKind.EXIM, t, ctx.server().exim().noHostName(t, pid, mta.substring(mta.indexOf(' ') + 1)));
            }
            written = files.lines() - before;
        }
        noiseLastHour = written;
        linesAtLastHour = files.lines();
        return now + 3600 < ctx.end() ? now + 3600 : EventLoop.DONE;
    }

    private long budget(long now) {
        SimulationSpec spec = ctx.spec();
        double w = shape.weight(now);
        if (spec.linesTarget() <= 0) {
            // About 25 inbound messages per mailbox per day at noise 1.0, four lines each.
            return (long) (spec.noise() * boxes.size() * 25 * 4 / 24.0 * w);
        }
        long remaining = spec.linesTarget() - files.lines();
        if (remaining <= 0) {
            return 0;
        }
        double rest = shape.sum(now, ctx.end());
        long signal = linesAtLastHour < 0 ? 0 : Math.max(0, files.lines() - linesAtLastHour);
        long expected = (long) (remaining * w / Math.max(w, rest));
        return Math.max(0, expected - signal);
    }

    private void inbound(long t) {
        EximFormat exim = ctx.server().exim();
        Mailbox to = boxes.get(rng.nextInt(boxes.size()));
        String mta = mta();
        String name = mta.substring(0, mta.indexOf(' '));
        String ip = mta.substring(mta.indexOf(' ') + 1);
        String sender = Names.FIRST.get(rng.nextInt(Names.FIRST.size())) + "@" + name.substring(name.indexOf('.') + 1);
        if (rng.nextInt(4) == 0) {
            sender = "bounces+" + Integer.toHexString(rng.nextInt()) + "@" + name.substring(name.indexOf('.') + 1);
        }
        int pid = exim.pid();
        String id = exim.messageId(t);
        files.add(LogKind.EXIM, t, exim.arrival(t, pid, id, sender, ip, 1024 + rng.nextInt(64_000), 25, name, name,
                null, null, 1500 + rng.nextInt(rng.nextInt(8) == 0 ? 3_000_000 : 90_000)));
        long d = t + rng.nextInt(2);
        int dpid = exim.pid();
        files.add(LogKind.EXIM, d, exim.delivery(d, dpid, id, true, to.login(), true, null, null));
        DovecotFormat dc = ctx.server().dovecot();
        files.add(LogKind.MAIL, d, dc.lda(d, to.login(), Long.toHexString(rng.nextLong()) + "@"
                + name.substring(name.indexOf('.') + 1)));
        files.add(LogKind.EXIM, d, exim.completed(d, dpid, id));
    }

    private void reject(long t) {
        EximFormat exim = ctx.server().exim();
        String mta = mta();
        String name = mta.substring(0, mta.indexOf(' '));
        String ip = mta.substring(mta.indexOf(' ') + 1);
        Mailbox to = boxes.get(rng.nextInt(boxes.size()));
        String reason = REJECTS.get(rng.nextInt(REJECTS.size()));
        String rcpt = reason.equals("Unknown user")
                ? Names.FIRST.get(rng.nextInt(Names.FIRST.size())) + rng.nextInt(100) + "@" + to.domain()
                : reason.equals("relay not permitted") ? "user@elsewhere" + rng.nextInt(50) + ".example" : to.login();
        files.add(LogKind.EXIM, t, exim.rejectRcpt(t, exim.pid(), ip, 1024 + rng.nextInt(64_000), name,
                rng.nextBoolean() ? name : "[" + ip + "]", "info@" + name.substring(name.indexOf('.') + 1), rcpt, reason));
    }

    private String mta() {
        List<String> m = ctx.remoteMtas();
        // A few big senders carry most of the mail.
        double u = rng.nextDouble();
        return m.get((int) (m.size() * u * u * u));
    }
}
