package dev.authaudit.run;

import dev.authaudit.act.notice.DispatchResult;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.classify.Auditor;
import dev.authaudit.correlate.LiveClock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.Checkpoint;
import dev.authaudit.ingest.CheckpointStore;
import dev.authaudit.ingest.HandledLine;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.ingest.TailSource;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import dev.authaudit.parse.RepeatExpander;
import dev.authaudit.text.Escape;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The live loop of {@code watch}: polls every followed log, parses the complete lines, hands their
 * events to the auditor in event-time order, lets time pass ({@link Auditor#tick}) so pairing windows
 * close without new lines, delivers due notices, and saves checkpoints at least every
 * {@link WatchSettings#checkpointEvery()} once their lines were handed over. {@link #pollOnce} is one
 * step (tests drive it); {@link #run} repeats it until {@link #stop}.
 */
public final class WatchLoop {
    private static final Logger log = LoggerFactory.getLogger(WatchLoop.class);

    private final List<TailSource> sources;
    private final Instant[] lastEvent;
    /** Per followed file: syslog's repeat lines refer to that file's previous line. */
    private final RepeatExpander[] repeats;
    private final LineParser parser;
    private final Auditor auditor;
    private final LiveClock clock;
    private final Clock wall;
    private final Consumer<LogEvent> tap;
    private final NoticeDispatcher dispatcher;
    /** What the dispatches so far did: sums, except retrying and held, which are the latest state. */
    private DispatchResult dispatched = new DispatchResult(0, 0, 0, 0, 0, List.of());
    private final CheckpointStore store;
    private final WatchSettings settings;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private List<HandledLine> handled;
    /** Where the events read live go on ({@code --publish}), or null. */
    private dev.authaudit.publish.EventPublisher publisher;
    private Instant lastSave = Instant.EPOCH;
    private boolean dirty = true;
    private boolean behind;
    private long lines;
    private int unusableNamed;
    private long events;

    /** One event waiting in a poll's batch. */
    private record Pending(LogEvent event, int source, long seq) {
    }

    /**
     * @param tap sees each event after the auditor (the notice flow's block watch), or null
     * @param dispatcher delivers due notices after each poll, or null without {@code --notify}
     */
    public WatchLoop(List<TailSource> sources, LineParser parser, Auditor auditor, LiveClock clock, Clock wall,
              Consumer<LogEvent> tap, NoticeDispatcher dispatcher, CheckpointStore store, WatchSettings settings) {
        this.sources = List.copyOf(sources);
        this.lastEvent = new Instant[sources.size()];
        this.repeats = new RepeatExpander[sources.size()];
        for (int i = 0; i < repeats.length; i++) {
            repeats[i] = new RepeatExpander();
        }
        this.parser = parser;
        this.auditor = auditor;
        this.clock = clock;
        this.wall = wall;
        this.tap = tap;
        this.dispatcher = dispatcher;
        this.store = store;
        this.settings = settings;
    }

    /**
     * Polls every log once and hands over what was read; then ticks, dispatches and saves checkpoints
     * when due.
     *
     * @return the number of lines read
     */
    int pollOnce() {
        List<Pending> batch = new ArrayList<>();
        Instant yearRef = wall.instant();
        boolean more = false;
        int read = 0;
        long seq = 0;
        for (int i = 0; i < sources.size(); i++) {
            TailSource s = sources.get(i);
            List<RawLine> got = s.poll(settings.batchLines());
            more |= got.size() >= settings.batchLines();
            read += got.size();
            if (got.isEmpty()) {
                continue;
            }
            try (var m = MDC.putCloseable("file", s.path().toString())) {
                for (RawLine l : got) {
                    log.trace("line {}: {}", l.line(), l.text());
                    Parsed p = parser.parse(l, yearRef);
                    if ((p.status() == Parsed.Status.INVALID || p.status() == Parsed.Status.UNTIMED)
                            && unusableNamed < 20) {
                        unusableNamed++;
                        log.warn("{} line {}: not used: {}{}", Escape.terminal(l.file()), l.line(),
                                Escape.terminal(String.valueOf(p.problem())),
                                unusableNamed == 20 ? " (further unusable lines are not named)" : "");
                    }
                    List<LogEvent> got1 = repeats[i].events(p, l.file(), l.line());
                    for (LogEvent e : got1) {
                        batch.add(new Pending(e, i, seq++));
                    }
                    if (handled != null) {
                        handled.add(new HandledLine(l.file(), l.text(), got1.size()));
                    }
                }
            }
        }
        // lines from several files arrive together; within one poll, hand them over by event time
        batch.sort(Comparator.comparing((Pending p) -> p.event().instant()).thenComparingLong(Pending::seq));
        clock.replaying(true);
        for (Pending p : batch) {
            clock.advanceTo(p.event().instant());
            auditor.accept(p.event());
            if (tap != null) {
                tap.accept(p.event());
            }
            if (publisher != null) {
                publisher.send(p.event());
            }
            Instant t = p.event().instant();
            if (lastEvent[p.source()] == null || t.isAfter(lastEvent[p.source()])) {
                lastEvent[p.source()] = t;
            }
        }
        behind = more;
        clock.replaying(more);
        auditor.tick();
        lines += read;
        events += batch.size();
        dirty |= read > 0;
        dispatch();
        save(false);
        return read;
    }

    /**
     * Sends every event read live (not the warm-up's, already sent by the run that read them first) to the
     * publisher; each checkpoint is saved only after the publisher has stored the events before it.
     */
    public void publishTo(dev.authaudit.publish.EventPublisher p) {
        this.publisher = p;
    }

    /** Records every line handed over with the checkpoint that covers it (the fault-injection harness). */
    public void traceHandled() {
        handled = new ArrayList<>();
    }

    /** Returns true when the last poll stopped at the batch size: a backlog is still being read. */
    boolean behind() {
        return behind;
    }

    /** Polls until {@link #stop} is called, pausing between polls while caught up; then saves checkpoints. */
    public void run() {
        try {
            while (stop.getCount() > 0) {
                pollOnce();
                if (!behind && stop.await(settings.poll().toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish();
        }
    }

    /** Polls until every log is caught up, then saves checkpoints (a cron-style run). */
    /** Reads what is there, decides, dispatches due notices, and returns what all dispatches of the run did. */
    public DispatchResult runOnce() {
        try {
            do {
                pollOnce();
            } while (behind && stop.getCount() > 0);
            clock.replaying(false);
            auditor.tick();
            dispatch();
            return dispatched;
        } finally {
            finish();
        }
    }

    /** Asks {@link #run} to end after the current poll. Safe from any thread (a signal handler). */
    public void stop() {
        stop.countDown();
    }

    /** Waits up to {@code timeout} for the loop to have saved its last checkpoints; returns true when it has. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the lines and events handed over so far. */
    public long[] counts() {
        return new long[] {lines, events};
    }

    private void finish() {
        try {
            save(true);
            log.info("stopped after {} lines, {} events; checkpoints saved", lines, events);
        } finally {
            sources.forEach(TailSource::close);
            stopped.countDown();
        }
    }

    private void dispatch() {
        if (dispatcher == null) {
            return;
        }
        DispatchResult d = dispatcher.dispatchDue(clock.instant());
        d.problems().forEach(p -> log.warn("notice: {}", p));
        List<String> problems = new ArrayList<>(dispatched.problems());
        problems.addAll(d.problems());
        dispatched = new DispatchResult(dispatched.sent() + d.sent(), dispatched.drafted() + d.drafted(),
                d.retrying(), dispatched.failed() + d.failed(), d.held(), problems);
    }

    /** Saves every followed file's checkpoint when lines came in and the interval passed, or when forced. */
    public void save(boolean force) {
        Instant now = wall.instant();
        if (!force && (!dirty || Duration.between(lastSave, now).compareTo(settings.checkpointEvery()) < 0)) {
            return;
        }
        if (publisher != null) {
            // nothing lost: a checkpoint covers only lines whose events the other side has stored
            publisher.flush();
        }
        List<Checkpoint> cps = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            TailSource s = sources.get(i);
            if (s.size() < 0) {
                continue; // not there (yet): nothing to resume from
            }
            cps.add(s.checkpoint().withEvent(lastEvent[i]));
        }
        if (handled == null) {
            store.save(cps, now);
        } else {
            store.save(cps, now, handled);
            handled.clear();
        }
        lastSave = now;
        dirty = false;
    }
}
