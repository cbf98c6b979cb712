package dev.authaudit.run;

import dev.authaudit.act.notice.DispatchResult;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.Observation;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.LiveClock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.Checkpoint;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.ingest.TailSource;
import dev.authaudit.parse.LineParser;
import dev.authaudit.state.SqliteCheckpointStore;
import dev.authaudit.state.StateLock;
import dev.authaudit.text.Escape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code watch}: takes the state lock, opens the checkpoints, the notice ledger and the links to a
 * fleet, wires the auditor to the notice flow and the verdict printer, starts each file where its checkpoint
 * left off, re-reads the look-back before the checkpoints to rebuild the correlator's memory (the warm-up), and
 * then follows the logs ({@link WatchLoop}) until stopped, or reads what is there once.
 */
public final class WatchRun {
    /**
     * What to follow and how.
     *
     * @param files the files to follow ({@link FollowTargets})
     * @param db the state database: checkpoints, the notice ledger and the lock that keeps a second watch out
     * @param stateFolder the state folder, home of the default drafts folder
     * @param pace the poll, checkpoint and look-back settings
     * @param warmUpTime the most wall time spent on the warm-up (halved after each one a restart cut off)
     * @param notices the notice settings, or null to decide no notice
     * @param rulesDir the shipped rules folder, home of the notice templates
     * @param publish where to send each event read live ({@code kafka://HOST:PORT/TOPIC}), or null
     * @param fleetVerdicts where to read the fleet's attacker verdicts from, or null
     * @param fleetAct how to act on them ({@code --fleet-act block}), or null to say what a block hook would do
     * @param traceHandled true to record each line handed over with its checkpoint (the fault-injection harness)
     * @param once true to read what is there, decide, deliver and return (a cron-style run)
     */
    public record Settings(List<Path> files, Path db, Path stateFolder, WatchSettings pace, Duration warmUpTime,
                           NoticeSettings notices, Path rulesDir, String publish, String fleetVerdicts,
                           FleetActSettings fleetAct, boolean traceHandled, boolean once) {
        public Settings {
            files = List.copyOf(files);
            if (fleetAct != null && fleetVerdicts == null) {
                throw new InvalidSetting("--fleet-act needs --fleet-verdicts kafka://HOST:PORT/TOPIC: the verdicts"
                        + " to act on");
            }
        }
    }

    private final Settings settings;
    private final LineParser parser;
    private final ZoneId zone;
    private final CsfConfig csf;
    private final Clock wall;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param zone the server's zone, for the times in notices
     * @param wall the wall clock
     * @param out receives each verdict as it is reached
     * @param err receives what the run says about itself
     */
    public WatchRun(Settings settings, LineParser parser, ZoneId zone, CsfConfig csf, Clock wall, PrintWriter out,
                    PrintWriter err) {
        this.settings = settings;
        this.parser = parser;
        this.zone = zone;
        this.csf = csf;
        this.wall = wall;
        this.out = out;
        this.err = err;
    }

    /**
     * Follows the logs until {@code stopper} is asked to stop (or once, with {@link Settings#once}).
     *
     * @return true when a run with {@link Settings#once} left a notice failed or waiting for a retry
     */
    public boolean run(Stopper stopper) {
        List<Path> files = settings.files();
        WatchSettings pace = settings.pace();
        Duration lookBack = pace.lookBack();
        long lookBackBytes = pace.lookBackBytes();
        Path db = settings.db();
        NoticeSettings notices = settings.notices();
        LiveClock clock = new LiveClock(wall);
        Duration keep = lookBack.plus(Duration.ofHours(1));
        try (StateLock lock = StateLock.take(db, "watch", "authaudit watch", Duration.ZERO);
             SqliteCheckpointStore store = SqliteCheckpointStore.open(db, Duration.ofMinutes(1), keep);
             NoticeLedger ledger = notices != null ? NoticeLedger.open(db) : null;
             dev.authaudit.publish.EventPublisher publisher = settings.publish() == null ? null
                     : new dev.authaudit.publish.Publishers(WatchRun.class.getClassLoader()).open(settings.publish());
             dev.authaudit.publish.FleetVerdictFeed feed = settings.fleetVerdicts() == null ? null
                     : dev.authaudit.publish.FleetVerdictFeed.open(settings.fleetVerdicts(),
                     WatchRun.class.getClassLoader());
             FleetActionStore fleetActions = settings.fleetAct() == null ? null : FleetActionStore.open(db);
             dev.authaudit.act.firewall.FirewallStore lfdHook = settings.fleetAct() == null ? null
                     : dev.authaudit.act.firewall.FirewallStore.open(db);
             NoticeLedger customers = settings.fleetAct() == null ? null : NoticeLedger.open(db)) {
            FleetVerdictHook fleet = feed == null ? null : new FleetVerdictHook(feed, err,
                    fleetActions == null ? null : fleetBlocker(settings.fleetAct(), fleetActions, lfdHook, customers));
            AtomicReference<Auditor> self = new AtomicReference<>();
            NoticeDispatcher dispatcher = ledger == null ? null
                    : notices.dispatcher(ledger, settings.rulesDir(), zone, settings.stateFolder());
            NoticeFlow flow = ledger == null ? null : new NoticeFlow(ledger, notices, clock, self::get, null);
            // the look-back re-decides what the last run already printed; only new verdicts are news
            AtomicBoolean warming = new AtomicBoolean(true);
            Consumer<Observation> printer = o -> {
                if (!warming.get()) {
                    printVerdict(o);
                }
            };
            Auditor auditor = Auditor.builder().clock(clock).csf(csf).live(true)
                    .observer(flow == null ? printer : printer.andThen(flow)).build();
            self.set(auditor);
            Consumer<LogEvent> tap = flow == null ? null : flow::onEvent;
            if (fleet != null) {
                tap = tap == null ? fleet::onEvent : tap.andThen(fleet::onEvent);
            }

            // rebuilds of compressed rotated files live in the state's own folder; a kill -9 leaves them
            // behind, and with the lock held no other run can be reading one
            Path rebuilds = db.toAbsolutePath().getParent().resolve("rebuild");
            int left = dev.authaudit.ingest.RotatedSibling.cleanLeftovers(rebuilds);
            if (left > 0) {
                LoggerFactory.getLogger(WatchRun.class).info("deleted {} temporary rebuild{} left in {} by a run"
                        + " that was killed", left, left == 1 ? "" : "s", rebuilds);
            }
            List<TailSource> sources = new ArrayList<>();
            List<WarmUp.Window> windows = new ArrayList<>();
            for (Path f : files) {
                TailSource s = new TailSource(f, f.toString(), new InputStats(f.toString()));
                s.tempDir(rebuilds);
                Checkpoint cp = store.load(f.toString()).orElse(null);
                s.keepBefore(lookBackBytes);
                TailSource.Start how = s.start(cp, cp == null ? null : store.savedAt(f.toString()).orElse(null));
                if (how == TailSource.Start.NEW || how == TailSource.Start.RESUMED) {
                    if (how == TailSource.Start.NEW) {
                        cp = s.skipToEnd(); // a log never followed: what is there is history, re-read as warm-up
                    }
                    WarmUp.Window w = WarmUp.window(f, cp, store, lookBack, lookBackBytes);
                    windows.add(w);
                    // a young file: the one rotated away before it holds the rest of the look-back
                    WarmUp.previous(f, cp.inode(), w.to() - w.from().offset(), lookBackBytes, rebuilds)
                            .ifPresent(windows::add);
                } else if (how == TailSource.Start.ROTATED_WHILE_DOWN && s.readingSibling() != null) {
                    WarmUp.inSibling(s.readingSibling(), cp, lookBackBytes).ifPresent(windows::add);
                }
                // looked up here rather than held in a static: picocli creates every command at start-up,
                // and logging's set-up would cost every other command a fifth of a second
                LoggerFactory.getLogger(WatchRun.class).info("following {} ({})", f,
                        how.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                sources.add(s);
            }
            WatchLoop loop = new WatchLoop(sources, parser, auditor, clock, wall, tap, dispatcher, store, pace);
            if (settings.traceHandled()) {
                loop.traceHandled();
            }
            if (publisher != null) {
                loop.publishTo(publisher);
            }
            // where live reading starts is saved before the warm-up: whatever stops this run from here on,
            // the next one reads the lines after it as new (a first start no longer leaves nothing behind)
            loop.save(true);
            stopper.attach(loop::stop);
            warmUp(windows, auditor, clock, tap, store, stopper);
            warming.set(false);
            if (settings.once()) {
                DispatchResult d = loop.runOnce();
                if (fleet != null) {
                    fleet.poll(Duration.ofSeconds(30));
                }
                long[] n = loop.counts();
                err.println("authaudit: --once read " + n[0] + " new line" + (n[0] == 1 ? "" : "s") + " ("
                        + n[1] + " event" + (n[1] == 1 ? "" : "s") + ")" + (dispatcher == null
                        ? "; no notices (--notify not given)" : "; notices: " + d.drafted() + " drafted"
                        + (d.drafted() > 0 ? " into " + notices.draftsDir(settings.stateFolder()) : "") + ", "
                        + d.sent() + " sent, " + d.retrying() + " to retry, " + d.failed() + " failed, " + d.held()
                        + " held"));
                err.flush();
                out.flush();
                if (d.failed() > 0 || d.retrying() > 0) {
                    return true;
                }
            } else {
                if (!stopper.requested()) {
                    err.println("authaudit: following " + files.size() + " log" + (files.size() == 1 ? "" : "s")
                            + "; state in " + db);
                    err.flush();
                }
                if (fleet != null) {
                    fleet.start(Duration.ofSeconds(5));
                }
                try {
                    loop.run();
                } finally {
                    if (fleet != null) {
                        fleet.stop();
                    }
                }
            }
            out.flush();
        }
        return false;
    }

    /** Makes the blocker of {@code --fleet-act block} and says how it acts, once, at start. */
    private FleetBlocker fleetBlocker(FleetActSettings act, FleetActionStore store,
                                      dev.authaudit.act.firewall.FirewallStore lfdHook, NoticeLedger customers) {
        Fail2banSettings f2b = act.fail2ban();
        Fail2banIgnoreIp ignoreIp = f2b == null ? null : new Fail2banIgnoreIp(f2b.conf(), f2b.jail());
        FleetNeverBlock never = new FleetNeverBlock(act.never(), ignoreIp, FleetNeverBlock.interfaceAddresses());
        never.problems().forEach(p -> err.println("authaudit: fleet act: " + p));
        FleetFirewall firewall;
        String runs;
        if (f2b == null) {
            firewall = new CsfFleetFirewall(new dev.authaudit.act.firewall.CsfRunner(act.csf(), java.util.Map.of()),
                    act.csfTimeout(), act.csfTempban());
            runs = act.execute() ? "runs " + act.csf() : "a dry run (no --execute): records what it would run";
        } else {
            Fail2banFleetFirewall jail = Fail2banFleetFirewall.of(f2b);
            firewall = jail;
            act = act.execute() ? withBantime(act, jail) : act;
            runs = (act.execute() ? "runs " + f2b.client() + " set " + f2b.jail() + " banip" : "a dry run (no"
                    + " --execute): records what it would run; the jail's bantime decides how long a ban lasts")
                    + "; never an address in fail2ban's ignoreip ([DEFAULT] and [" + f2b.jail() + "] under "
                    + f2b.conf() + ")";
        }
        err.println("authaudit: fleet act: blocks attacker verdicts for " + FleetBlocker.DurationWords.of(act.ttl())
                + " each, at most " + act.maxPerHour() + " an hour, never an address in " + act.never().stream()
                .map(Path::toString).collect(java.util.stream.Collectors.joining(" or ")) + ", private, or this"
                + " server's own; " + runs + "; records in " + settings.db() + " (table fleet_action)");
        err.flush();
        return new FleetBlocker(act, store, never, lfdHook, customers, firewall, wall);
    }

    /**
     * Returns {@code act} with the fail2ban jail's bantime as the TTL (each ban lasts it), asked of the running
     * fail2ban; when it cannot be asked (fail2ban down, no such jail), says so and keeps {@code --fleet-block-ttl}.
     *
     * @throws InvalidSetting when the jail bans for ever or for less than a minute or more than 7 days
     */
    private FleetActSettings withBantime(FleetActSettings act, Fail2banFleetFirewall jail) {
        Fail2banFleetFirewall.Bantime b = jail.bantime();
        String name = act.fail2ban().jail();
        if (b.seconds() == null) {
            err.println("authaudit: fleet act: cannot read the bantime of fail2ban jail " + name + " (" + b.problem()
                    + "); each ban fails until fail2ban runs the jail (docs/fleet.md has its jail.d file); assuming"
                    + " bans of " + FleetBlocker.DurationWords.of(act.ttl()) + " (--fleet-block-ttl)");
            return act;
        }
        long s = b.seconds();
        if (s < 60 || s > dev.authaudit.act.firewall.FirewallAction.MAX_TTL.toSeconds()) {
            throw new InvalidSetting("fail2ban jail " + name + " bans for " + (s < 0 ? "ever (bantime " + s + ")"
                    : s + " s") + "; --fleet-act makes temporary blocks only, from 1m to 7d: set bantime = 1d in the"
                    + " jail's [" + name + "] section (/etc/fail2ban/jail.d/" + name + ".conf) and reload fail2ban");
        }
        return act.withTtl(java.time.Duration.ofSeconds(s));
    }

    /** Re-reads the look-back within the time budget, halved after each warm-up a restart cut off. */
    private void warmUp(List<WarmUp.Window> windows, Auditor auditor, LiveClock clock, Consumer<LogEvent> tap,
                        SqliteCheckpointStore store, Stopper stopper) {
        if (windows.isEmpty() || stopper.requested()) {
            windows.stream().filter(WarmUp.Window::temporary).forEach(w -> dev.authaudit.ingest.RotatedSibling.delete(
                    w.path()));
            return;
        }
        Duration warmUpTime = settings.warmUpTime();
        int interrupted = store.warmUpStarted();
        // never below 2 s: a short warm-up of the newest lines keeps most of the memory a notice needs
        Duration floor = warmUpTime.compareTo(Duration.ofSeconds(2)) < 0 ? warmUpTime : Duration.ofSeconds(2);
        Duration halved = warmUpTime.dividedBy(1L << Math.min(interrupted, 20));
        Duration budget = halved.compareTo(floor) < 0 ? floor : halved;
        if (interrupted > 0) {
            LoggerFactory.getLogger(WatchRun.class).warn("the last {} warm-up{} did not finish (a restart loop?);"
                    + " this one gets {} s", interrupted, interrupted == 1 ? "" : "s", budget.toMillis() / 1000.0);
        }
        long bytes = windows.stream().mapToLong(w -> Math.max(0, w.to() - w.from().offset())).sum();
        // said before it starts: an admin watching a slow start knows what it is doing and for how long at most
        LoggerFactory.getLogger(WatchRun.class).info("warm-up: re-reading up to {} KiB of log before the"
                + " checkpoints, newest first, for at most {} s, to rebuild the correlator's memory", bytes / 1024,
                budget.toMillis() / 1000.0);
        new WarmUp(parser, settings.pace().lookBack(), budget, wall, stopper::requested).run(windows, auditor, clock,
                tap, wall.instant());
        store.warmUpFinished(); // a stop request is a clean end, not a crash
    }

    /**
     * Prints a verdict as it is reached, on one line for journalctl and grep: wall time, kind, subject,
     * verdict, confidence, evidence time, and the first reason.
     */
    private void printVerdict(Observation o) {
        out.println(wall.instant() + "  " + o.kind().name().toLowerCase(Locale.ROOT) + "  "
                + Escape.terminal(o.subject()) + "  " + o.verdict() + String.format(Locale.ROOT, "  %.2f",
                o.confidence()) + "  detected_at=" + o.detectedAt()
                + (o.reasons().isEmpty() ? "" : "  because: " + Escape.line(o.reasons().get(0), 200)));
        out.flush();
    }

    /**
     * A stop request that can come before the loop exists (SIGTERM during the set-up or the warm-up):
     * remembered, and passed to the loop once it is attached.
     */
    public static final class Stopper {
        private final AtomicBoolean requested = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Runnable target = () -> { };

        /** Asks the run to stop. Safe from any thread (a signal handler). */
        public void stop() {
            requested.set(true);
            target.run();
        }

        /** Returns true once a stop was asked for. */
        public boolean requested() {
            return requested.get();
        }

        void attach(Runnable stopLoop) {
            target = stopLoop;
            if (requested.get()) {
                stopLoop.run();
            }
        }

        /** Says the run has ended (its last checkpoints are saved). */
        public void done() {
            done.countDown();
        }

        /** Waits up to {@code timeout} for {@link #done}; returns true when it came. */
        public boolean awaitDone(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
