package dev.authaudit.sim;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs one simulation and writes its logs, {@code csf.conf} and {@code truth.json}.
 *
 * <pre>{@code
 * SimulationSpec spec = SimulationSpec.builder().seed(7).days(3).mailboxes(60).build();
 * SimulationResult r = new LogSimulator(spec).run(Path.of("out"));
 * }</pre>
 *
 * <p>Everything random comes from one {@link SplittableRandom} seeded by the spec, split in a fixed
 * order, and time is simulation time only, so equal specs give byte-identical files.
 */
public final class LogSimulator {
    private final SimulationSpec spec;

    /** Creates a simulator for one spec. */
    public LogSimulator(SimulationSpec spec) {
        this.spec = requireNonNull(spec, "spec");
    }

    /**
     * Runs the simulation and writes its files into {@code dir} (created if missing).
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public SimulationResult run(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom swRng = root.split();
        ServerSoftware sw = spec.software() != null ? spec.software() : ServerSoftware.random(swRng);
        long start = spec.start().atZone(spec.zone()).toEpochSecond();
        long end = start + spec.durationSeconds();
        String host = shortHost(spec.hostname());

        TimeFormat time = new TimeFormat(spec.zone());
        RotationPlan rotation = !spec.rotate() ? null : spec.layout() == LogLayout.CPANEL
                ? new RotationPlan(spec.zone(), 3, 11, true) : new RotationPlan(spec.zone(), 6, 25, false);
        LogFiles files = new LogFiles(dir, spec.layout(), sw.exim().syslog(), rotation, start);
        TruthRecorder truth = new TruthRecorder();
        AddressPool pool = new AddressPool(root.split());
        Population population = new PopulationBuilder(root.split(), pool, spec.csf())
                .build(spec.mailboxes(), spec.domains());
        PasswordBook book = new PasswordBook();
        SplittableRandom pwRng = root.split();
        for (Mailbox m : population.mailboxes()) {
            book.set(m.login(), "pw-" + Long.toHexString(pwRng.nextLong()));
            truth.mailbox(m.login());
            truth.role(m.homeIp(), "home_nat");
            if (m.officeIp() != null) {
                truth.role(m.officeIp(), "office_nat");
            }
        }
        List<String> remoteMtas = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String ip = pool.allocate(AddressRange.REMOTE_MTA);
            remoteMtas.add(pool.rdns(ip) + " " + ip);
        }

        SplittableRandom fmtRng = root.split();
        EximFormat exim = new EximFormat(time, sw.exim(), host, fmtRng.split());
        DovecotFormat dovecot = new DovecotFormat(time, sw.dovecot(), host, fmtRng.split());
        KernelFormat kernel = new KernelFormat(time, host, start, fmtRng.split());
        LfdFormat lfdFormat = new LfdFormat(time, host);
        LfdModel lfd = new LfdModel(spec.csf(), lfdFormat, files, new IpDecoration(pool), truth::block, start,
                3000 + fmtRng.nextInt(20_000));
        MailServer server = new MailServer(files, lfd, book, truth, exim, dovecot, kernel, spec.csf(), pool, sw.exim(),
                fmtRng.split());
        EventLoop loop = new EventLoop();
        SimContext ctx = new SimContext(spec, start, end, root.split(), loop, pool, population, book, server, truth,
                time, remoteMtas);
        Whereabouts where = new Whereabouts(time, pool, truth, root.split());

        new Cast(ctx, where, root.split()).place(sw);
        TrafficShape shape = new TrafficShape(time);
        loop.schedule(start, new MailFlowNoise(ctx, files, shape, root.split()));
        loop.schedule(start, new BackgroundNoise(ctx, files, shape, root.split()));

        loop.run(end, t -> {
            lfd.advanceTo(t);
            files.flushBefore(t);
        });
        lfd.advanceTo(end);
        long lines = files.lines();
        Map<String, Long> perFile = new LinkedHashMap<>(files.linesPerFile());
        List<String> written = new ArrayList<>(files.close());
        CsfConfWriter.write(dir.resolve("csf.conf"), spec.csf(), spec.layout(), sw.exim().syslog());
        written.add("csf.conf");
        written.add("truth.json");
        TruthWriter.write(dir.resolve("truth.json"), spec, sw, start, end, time, truth, written, lines);
        return new SimulationResult(dir, written, perFile, lines, truth.blocks().size(), sw);
    }

    private static String shortHost(String h) {
        int dot = h.indexOf('.');
        return dot < 0 ? h : h.substring(0, dot);
    }

    /** Places every actor of the run: customer devices, password changes, typos, attackers. */
    private static final class Cast {
        private final SimContext ctx;
        private final Whereabouts where;
        private final SplittableRandom rng;

        Cast(SimContext ctx, Whereabouts where, SplittableRandom rng) {
            this.ctx = ctx;
            this.where = where;
            this.rng = rng;
        }

        void place(ServerSoftware sw) {
            SimulationSpec spec = ctx.spec();
            List<Mailbox> boxes = ctx.population().mailboxes();
            long start = ctx.start();
            long end = ctx.end();

            // Pick who is special before devices start, so their records can change (closed port).
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < boxes.size(); i++) {
                order.add(i);
            }
            shuffle(order);
            int closed = Math.min(spec.attacks().closedPort(), boxes.size());
            int stale = (int) Math.round(spec.staleShare() * boxes.size());
            stale = Math.min(stale, boxes.size() - closed);
            Set<Integer> closedSet = new HashSet<>(order.subList(0, closed));
            Set<Integer> staleSet = new HashSet<>(order.subList(closed, closed + stale));
            int closedPort = closedPort(spec.csf());

            Map<String, List<DeviceState>> byLogin = new LinkedHashMap<>();
            for (int i = 0; i < boxes.size(); i++) {
                Mailbox m = boxes.get(i);
                List<DeviceState> states = new ArrayList<>();
                String pw = ctx.passwords().password(m.login());
                for (int k = 0; k < m.devices().size(); k++) {
                    Device d = m.devices().get(k);
                    boolean isClosed = closedSet.contains(i) && k == 0;
                    if (isClosed) {
                        d = new Device(d.id(), d.login(), d.kind(), d.profile(), d.fetch(), d.pollSeconds(), closedPort,
                                Math.max(2, d.sendsPerDay()), d.homeIp(), d.officeIp(), d.mobileOnly(), d.helo(),
                                d.phase());
                        ctx.truth().closedPort(m.login(), d.id());
                    }
                    DeviceState s = new DeviceState(d, pw);
                    states.add(s);
                    SplittableRandom r = rng.split();
                    if (!d.fetch().equals("none")) {
                        ctx.loop().schedule(start + d.phase(), new MailCheckBehaviour(ctx, s, where, r.split()));
                    }
                    if (isClosed) {
                        ClosedPortSender c = new ClosedPortSender(ctx, s, where, r.split(), closedPort, start);
                        ctx.loop().schedule(c.first(), c);
                    } else {
                        SendBehaviour sb = new SendBehaviour(ctx, s, where, r.split(), start);
                        ctx.loop().schedule(sb.first(), sb);
                    }
                }
                byLogin.put(m.login(), states);
                if (staleSet.contains(i)) {
                    planStale(m, states, start, end);
                }
            }

            List<String> normal = new ArrayList<>();
            for (int i = 0; i < boxes.size(); i++) {
                if (!staleSet.contains(i) && !closedSet.contains(i)) {
                    normal.add(boxes.get(i).login());
                }
            }
            for (int i = 0; i < spec.typos() && !normal.isEmpty(); i++) {
                List<DeviceState> ds = byLogin.get(normal.get(rng.nextInt(normal.size())));
                DeviceState d = ds.get(rng.nextInt(ds.size()));
                long t = daytime(ctx.between(rng, start, end - 3600));
                ctx.loop().schedule(t, new TypoEpisode(ctx, d, where, rng.split()));
            }

            AttackTargets targets = new AttackTargets(ctx.population(), rng.split());
            AttackMix a = spec.attacks();
            for (int i = 0; i < a.bruteForce(); i++) {
                String ip = ctx.pool().allocate(AddressRange.HOSTILE);
                ctx.loop().schedule(ctx.between(rng, start, end - 1800), new BruteForceAttack(ctx, rng.split(), targets,
                        ip, targets.dictionary(1 + rng.nextInt(4)), HitKind.BRUTE_FORCE));
            }
            for (int i = 0; i < a.unknownUser(); i++) {
                String ip = ctx.pool().allocate(AddressRange.HOSTILE);
                ctx.loop().schedule(ctx.between(rng, start, end - 1800), new BruteForceAttack(ctx, rng.split(), targets,
                        ip, targets.nonexistent(10 + rng.nextInt(60)), HitKind.UNKNOWN_USER));
            }
            for (int i = 0; i < a.spraying(); i++) {
                String ip = ctx.pool().allocate(AddressRange.HOSTILE);
                List<String> logins = targets.realLogins(20 + rng.nextInt(60));
                logins.addAll(targets.nonexistent(5 + rng.nextInt(15)));
                targets.shuffle(logins);
                ctx.loop().schedule(ctx.between(rng, start, end - 7200), new SprayAttack(ctx, rng.split(), ip, logins));
            }
            for (int i = 0; i < a.stuffing(); i++) {
                int n = 30 + rng.nextInt(170);
                List<String> ips = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    ips.add(ctx.pool().allocate(AddressRange.HOSTILE));
                }
                List<String> logins = targets.realLogins(10 + rng.nextInt(40));
                logins.addAll(targets.nonexistent(3 + rng.nextInt(12)));
                long t = ctx.between(rng, start, end - 7200);
                long stop = Math.min(end, t + 6 * 3600 + rng.nextLong(3 * 86_400));
                ctx.loop().schedule(t, new StuffingCampaign(ctx, rng.split(), ips, logins, stop));
            }
            for (int i = 0; i < a.portScanners(); i++) {
                String ip = ctx.pool().allocate(AddressRange.HOSTILE);
                ctx.loop().schedule(ctx.between(rng, start, end - 600), new PortScan(ctx, rng.split(), ip));
            }
        }

        private void planStale(Mailbox m, List<DeviceState> states, long start, long end) {
            DeviceState s = states.get(rng.nextInt(states.size()));
            Device d = s.device;
            PasswordChange.Mode mode;
            if (d.fetch().equals("none")) {
                mode = PasswordChange.Mode.SMTP;
            } else {
                int r = rng.nextInt(100);
                mode = r < 45 || d.sendsPerDay() < 1 ? PasswordChange.Mode.FETCH
                        : r < 85 ? PasswordChange.Mode.BOTH : PasswordChange.Mode.SMTP;
            }
            long span = end - start;
            long change = daytime(start + 3600 + (long) (rng.nextDouble() * span * 0.7));
            long fix = rng.nextInt(100) < 35 ? Long.MAX_VALUE : change + 3600 + rng.nextLong(4 * 86_400L);
            String pw = "pw-" + Long.toHexString(rng.nextLong());
            ctx.loop().schedule(change, new PasswordChange(ctx, m.login(), states, s, mode,
                    fix >= end ? Long.MAX_VALUE : daytime(fix), pw));
        }

        /** Moves a time into the customer's waking hours (9:00 to 21:00 local) on the same day. */
        private long daytime(long t) {
            if (t == Long.MAX_VALUE) {
                return t;
            }
            int h = ctx.hour(t);
            if (h >= 9 && h < 21) {
                return t;
            }
            long shift = h < 9 ? (9 - h) * 3600L : -(h - 20) * 3600L;
            return t + shift + rng.nextInt(1800);
        }

        private static int closedPort(CsfSettings csf) {
            if (!csf.isOpen(587)) {
                return 587;
            }
            for (int p : new int[] {2525, 26, 2526}) {
                if (!csf.isOpen(p)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("TCP_IN opens 587, 2525, 26 and 2526; no closed submission port left"
                    + " for closed-port customers; set attacks.closedPort to 0");
        }

        private void shuffle(List<Integer> l) {
            for (int i = l.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                l.set(i, l.set(j, l.get(i)));
            }
        }
    }
}
