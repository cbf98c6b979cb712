package dev.authaudit.run;

import dev.authaudit.classify.Auditor;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import dev.authaudit.parse.RepeatExpander;
import dev.authaudit.report.InputSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live engine in its smallest form: lines arrive as they are written (the lab hands each line
 * over), one thread parses them with the lab clock as "now" and feeds the auditor, whose observer
 * (the notice flow) acts at once; between lines the auditor is ticked so that time passing counts
 * too. It stands in for {@code watch}, which follows files instead; nothing
 * else depends on it. The auditor is only touched by this thread until {@link #close} returns.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final BlockingQueue<RawLine> queue = new LinkedBlockingQueue<>();
    private final LineParser parser;
    private final Auditor auditor;
    private final Consumer<LogEvent> tap;
    private final Clock clock;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    /** Per file, on the feed's thread: syslog's repeat lines refer to that file's previous line. */
    private final Map<String, RepeatExpander> repeats = new HashMap<>();
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param tap sees every event after the auditor (the notice flow's block notes)
     * @param clock the live clock; year-less stamps are read against it
     */
    public LiveFeed(LineParser parser, Auditor auditor, Consumer<LogEvent> tap, Clock clock) {
        this.parser = parser;
        this.auditor = auditor;
        this.tap = tap;
        this.clock = clock;
        this.thread = new Thread(this::loop, "authaudit-live");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns a line listener for {@code file}: every line it receives is queued for the engine. */
    public Consumer<String> follow(String file) {
        synchronized (counts) {
            counts.putIfAbsent(file, new long[3]);
        }
        AtomicLong n = new AtomicLong();
        return line -> queue.add(new RawLine(file, n.incrementAndGet(), line));
    }

    /** Drains what is queued, stops the thread and returns once the auditor is free. */
    public void drain() {
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #drain}; calling both is harmless. */
    @Override
    public void close() {
        drain();
    }

    /** Returns lines, events and skipped lines per file, for the report's inputs. */
    public List<InputSummary> inputs(String format) {
        List<InputSummary> out = new ArrayList<>();
        synchronized (counts) {
            counts.forEach((f, c) -> out.add(new InputSummary(f, format, c[0], c[1], c[2])));
        }
        return out;
    }

    private void loop() {
        while (!closing || !queue.isEmpty()) {
            RawLine l;
            try {
                l = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                if (l != null) {
                    handle(l);
                }
                // lines wait for a possible Dovecot detail partner; time passing closes that window
                auditor.tick();
            } catch (RuntimeException e) {
                log.warn("{}: {}", l == null ? "tick" : l.file() + ":" + l.line(), e.toString()); // never stop
            }
        }
    }

    private void handle(RawLine l) {
        Parsed p = parser.parse(l, clock.instant());
        long[] c;
        synchronized (counts) {
            c = counts.get(l.file());
        }
        c[0]++;
        if (p.status() == Parsed.Status.SKIPPED) {
            c[2]++;
        }
        for (LogEvent e : repeats.computeIfAbsent(l.file(), f -> new RepeatExpander()).events(p, l.file(), l.line())) {
            c[1]++;
            auditor.accept(e);
            tap.accept(e);
        }
    }
}
