package dev.authaudit.cli;

import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.Observation;
import dev.authaudit.config.ConfigLoader;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.LiveClock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.Checkpoint;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.ingest.TailSource;
import dev.authaudit.parse.LineParser;
import dev.authaudit.run.FleetVerdictHook;
import dev.authaudit.run.FollowTargets;
import dev.authaudit.run.NoticeFlow;
import dev.authaudit.run.ShutdownSignal;
import dev.authaudit.run.WarmUp;
import dev.authaudit.run.WatchLoop;
import dev.authaudit.run.WatchSettings;
import dev.authaudit.state.SqliteCheckpointStore;
import dev.authaudit.state.StateLock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit watch}: follow the logs live, decide verdicts and notices as lines are written. */
@Command(name = "watch", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Follow the logs live: verdicts and customer notices as the lines are written.",
        description = {"Follows Exim, Dovecot, lfd and kernel logs through rotation (rename and re-create, and",
            "copytruncate), runs the same correlator as scan, prints each verdict as it is reached and, with",
            "--notify, decides and sends notices. Positions are checkpointed in the state database, so a",
            "restart neither re-reads nor skips a line; SIGTERM saves them and exits 0.",
            "Without PATHs it follows the logs of the config file, else the shipped defaults."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {
            "0:stopped cleanly (SIGTERM, SIGINT, or --once done)", "1:internal error (rerun with --debug)",
            "2:usage error", "3:configuration or rule invalid", "5:a notice could not be sent (--once)"})
public final class WatchCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "authaudit.yaml; command-line options win over it.")
    Path config;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    StateOptions state = new StateOptions();

    @Mixin
    NoticeOptions notices = new NoticeOptions();

    @Option(names = "--csf-conf", paramLabel = "FILE",
            description = "The server's csf.conf. Default: /etc/csf/csf.conf when it exists.")
    Path csfConf;

    @Option(names = "--poll", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Pause between polls while caught up.")
    Duration poll = WatchSettings.defaults().poll();

    @Option(names = "--checkpoint-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest time between checkpoint saves while lines come in.")
    Duration checkpointEvery = WatchSettings.defaults().checkpointEvery();

    @Option(names = "--look-back", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Log time re-read before the checkpoints at start, to rebuild the correlator's memory.")
    Duration lookBack = WatchSettings.defaults().lookBack();

    @Option(names = "--look-back-bytes", paramLabel = "BYTES",
            description = "At most this many bytes of one file are re-read for the look-back.")
    long lookBackBytes = WatchSettings.defaults().lookBackBytes();

    @Option(names = "--warm-up-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Most wall time spent re-reading the look-back at start; the newest part is read first."
                    + " After each warm-up that did not finish (a restart loop) the next one gets half, down to 2s.")
    Duration warmUpTime = Duration.ofSeconds(30);

    @Option(names = "--trace-handled", hidden = true, description = "Record each line handed over, with the"
            + " checkpoint that covers it, in the state's watch_trace table (for the fault-injection harness).")
    boolean traceHandled;

    @Option(names = "--publish", paramLabel = "URI", description = "Also send each event read live to a fleet:"
            + " kafka://HOST:PORT/TOPIC (events-v1 JSON keyed by host; needs the fleet jar). A checkpoint is saved"
            + " only after the broker has stored the events before it.")
    String publish;

    @Option(names = "--fleet-verdicts", paramLabel = "URI", description = "Also read the fleet's attacker verdicts:"
            + " kafka://HOST:PORT/TOPIC (the verdict topic of 'fleet run'; needs the fleet jar). A dry run: says what"
            + " a block hook would do with each, runs nothing.")
    String fleetVerdicts;

    @Option(names = "--once", description = "Read what is there (new lines since the checkpoints), decide and"
            + " deliver, save checkpoints and exit: a cron-style run.")
    boolean once;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Log files or folders to follow.")
    List<String> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public WatchCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config != null) {
            picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            ConfigOverlay overlay = new ConfigOverlay(ConfigLoader.load(config), parsed::hasMatchedOption);
            overlay.apply(input, state, notices);
            overlay.apply(this);
        }
        WatchSettings settings = new WatchSettings(poll, checkpointEvery, lookBack, lookBackBytes,
                WatchSettings.defaults().batchLines());
        List<String> problems = new ArrayList<>();
        List<Path> files = FollowTargets.of(paths.isEmpty() ? dev.authaudit.config.LogDefaults.detect().paths() : paths,
                problems);
        problems.forEach(p -> err.println("authaudit: " + p));
        if (files.isEmpty()) {
            throw new Cli.UsageProblem("no log to follow; pass PATHs or set logs: in the config file");
        }
        if (warmUpTime.isNegative()) {
            throw new Cli.UsageProblem("--warm-up-time must not be negative");
        }
        // from here on SIGTERM saves and exits 0, also during the set-up and the warm-up
        Stopper stopper = new Stopper();
        try (ShutdownSignal.Installed signals = ShutdownSignal.install(stopper::stop, stopper::awaitDone)) {
            return follow(files, settings, stopper, out, err);
        } finally {
            stopper.done();
        }
    }

    private int follow(List<Path> files, WatchSettings settings, Stopper stopper, PrintWriter out, PrintWriter err) {
        ZoneId zone = input.zone();
        CsfConfig csf = csf();
        LineParser parser = input.parser(input.ruleSet());
        LiveClock clock = new LiveClock(context.clock());
        Duration keep = lookBack.plus(Duration.ofHours(1));
        try (StateLock lock = StateLock.take(state.db(), "watch", "authaudit watch", Duration.ZERO);
             SqliteCheckpointStore store = SqliteCheckpointStore.open(state.db(), Duration.ofMinutes(1), keep);
             NoticeLedger ledger = notices.enabled() ? NoticeLedger.open(state.db()) : null;
             dev.authaudit.publish.EventPublisher publisher = publish == null ? null
                     : new dev.authaudit.publish.Publishers(WatchCommand.class.getClassLoader()).open(publish);
             dev.authaudit.publish.FleetVerdictFeed feed = fleetVerdicts == null ? null
                     : dev.authaudit.publish.FleetVerdictFeed.open(fleetVerdicts, WatchCommand.class.getClassLoader())) {
            FleetVerdictHook fleet = feed == null ? null : new FleetVerdictHook(feed, err);
            AtomicReference<Auditor> self = new AtomicReference<>();
            NoticeDispatcher dispatcher = ledger == null ? null
                    : notices.settings().dispatcher(ledger, input.rulesDir(), zone, state.state());
            NoticeFlow flow = ledger == null ? null : new NoticeFlow(ledger, notices.settings(), clock, self::get, null);
            // the look-back re-decides what the last run already printed; only new verdicts are news
            java.util.concurrent.atomic.AtomicBoolean warming = new java.util.concurrent.atomic.AtomicBoolean(true);
            Consumer<Observation> printer = o -> {
                if (!warming.get()) {
                    printVerdict(out, o);
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
            Path rebuilds = state.db().toAbsolutePath().getParent().resolve("rebuild");
            int left = dev.authaudit.ingest.RotatedSibling.cleanLeftovers(rebuilds);
            if (left > 0) {
                LoggerFactory.getLogger(WatchCommand.class).info("deleted {} temporary rebuild{} left in {} by a run"
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
                LoggerFactory.getLogger(WatchCommand.class).info("following {} ({})", f,
                        how.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                sources.add(s);
            }
            WatchLoop loop = new WatchLoop(sources, parser, auditor, clock, context.clock(), tap, dispatcher, store,
                    settings);
            if (traceHandled) {
                loop.traceHandled();
            }
            if (publisher != null) {
                loop.publishTo(publisher);
            }
            // where live reading starts is saved before the warm-up: whatever stops this run from here on,
            // the next one reads the lines after it as new (a first start no longer leaves nothing behind)
            loop.save(true);
            stopper.attach(loop::stop);
            warmUp(windows, parser, auditor, clock, tap, store, stopper);
            warming.set(false);
            if (once) {
                dev.authaudit.act.notice.DispatchResult d = loop.runOnce();
                if (fleet != null) {
                    fleet.poll(Duration.ofSeconds(30));
                }
                long[] n = loop.counts();
                err.println("authaudit: --once read " + n[0] + " new line" + (n[0] == 1 ? "" : "s") + " ("
                        + n[1] + " event" + (n[1] == 1 ? "" : "s") + ")" + (dispatcher == null
                        ? "; no notices (--notify not given)" : "; notices: " + d.drafted() + " drafted"
                        + (d.drafted() > 0 ? " into " + notices.settings().draftsDir(state.state()) : "") + ", " + d.sent() + " sent, "
                        + d.retrying() + " to retry, " + d.failed() + " failed, " + d.held() + " held"));
                err.flush();
                out.flush();
                if (d.failed() > 0 || d.retrying() > 0) {
                    return ExitCodes.ACTION;
                }
            } else {
                if (!stopper.requested()) {
                    err.println("authaudit: following " + files.size() + " log" + (files.size() == 1 ? "" : "s")
                            + "; state in " + state.db());
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
        return ExitCodes.OK;
    }

    /** Re-reads the look-back within the time budget, halved after each warm-up a restart cut off. */
    private void warmUp(List<WarmUp.Window> windows, LineParser parser, Auditor auditor, LiveClock clock,
                        Consumer<LogEvent> tap, SqliteCheckpointStore store, Stopper stopper) {
        if (windows.isEmpty() || stopper.requested()) {
            windows.stream().filter(WarmUp.Window::temporary).forEach(w -> dev.authaudit.ingest.RotatedSibling.delete(
                    w.path()));
            return;
        }
        int interrupted = store.warmUpStarted();
        // never below 2 s: a short warm-up of the newest lines keeps most of the memory a notice needs
        Duration floor = warmUpTime.compareTo(Duration.ofSeconds(2)) < 0 ? warmUpTime : Duration.ofSeconds(2);
        Duration halved = warmUpTime.dividedBy(1L << Math.min(interrupted, 20));
        Duration budget = halved.compareTo(floor) < 0 ? floor : halved;
        if (interrupted > 0) {
            LoggerFactory.getLogger(WatchCommand.class).warn("the last {} warm-up{} did not finish (a restart loop?);"
                    + " this one gets {} s", interrupted, interrupted == 1 ? "" : "s", budget.toMillis() / 1000.0);
        }
        long bytes = windows.stream().mapToLong(w -> Math.max(0, w.to() - w.from().offset())).sum();
        // said before it starts: an admin watching a slow start knows what it is doing and for how long at most
        LoggerFactory.getLogger(WatchCommand.class).info("warm-up: re-reading up to {} KiB of log before the"
                + " checkpoints, newest first, for at most {} s, to rebuild the correlator's memory", bytes / 1024,
                budget.toMillis() / 1000.0);
        new WarmUp(parser, lookBack, budget, context.clock(), stopper::requested).run(windows, auditor, clock, tap,
                context.clock().instant());
        store.warmUpFinished(); // a stop request is a clean end, not a crash
    }

    /**
     * A stop request that can come before the loop exists (SIGTERM during the warm-up): remembered,
     * and passed to the loop once it is attached.
     */
    static final class Stopper {
        private final java.util.concurrent.atomic.AtomicBoolean requested =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private volatile Runnable target = () -> { };

        void stop() {
            requested.set(true);
            target.run();
        }

        boolean requested() {
            return requested.get();
        }

        void attach(Runnable stopLoop) {
            target = stopLoop;
            if (requested.get()) {
                stopLoop.run();
            }
        }

        void done() {
            done.countDown();
        }

        boolean awaitDone(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private CsfConfig csf() {
        if (csfConf != null) {
            if (!Files.isReadable(csfConf)) {
                throw new dev.authaudit.config.ConfigException(csfConf.toString(), "csf_conf", "cannot read "
                        + csfConf + "; pass the server's csf.conf (usually /etc/csf/csf.conf)");
            }
            return CsfConfig.read(csfConf);
        }
        Path shipped = Path.of("/etc/csf/csf.conf");
        return Files.isReadable(shipped) ? CsfConfig.read(shipped) : CsfConfig.defaults();
    }

    /**
     * Prints a verdict as it is reached, on one line for journalctl and grep: wall time, kind, subject,
     * verdict, confidence, evidence time, and the first reason.
     */
    private void printVerdict(PrintWriter out, Observation o) {
        out.println(context.clock().instant() + "  " + o.kind().name().toLowerCase(Locale.ROOT) + "  "
                + Terminal.safe(o.subject()) + "  " + o.verdict() + String.format(Locale.ROOT, "  %.2f", o.confidence())
                + "  detected_at=" + o.detectedAt()
                + (o.reasons().isEmpty() ? "" : "  because: " + dev.authaudit.text.Escape.line(o.reasons().get(0), 200)));
        out.flush();
    }
}
