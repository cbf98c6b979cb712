package dev.authaudit.fleet;

import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address-keyed step of the fleet, on records keyed by source network: keeps each network's events
 * (all servers) in a state store for the retention in event time, drops events later than the grace
 * period, and on a punctuator judges every network that got events since its last judgement with the
 * one correlator ({@link Judge}); an address whose verdict changed is written to the verdict topic.
 * All state is in the three stores (changelogged, restored after a crash; exactly_once_v2 makes a store
 * update and its output one transaction).
 */
final class NetworkJudge implements Processor<String, String, String, String> {
    static final String EVENTS = "network-events";
    static final String DIRTY = "network-dirty";
    static final String VERDICTS = "address-verdicts";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkJudge.class);

    private final Judge judge;
    private final Duration grace;
    private final Duration retention;
    private final Duration judgeEvery;
    private final EventJson json = new EventJson();
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> events;
    private KeyValueStore<String, String> dirty;
    private KeyValueStore<String, String> verdicts;
    private long late;

    NetworkJudge(Judge judge, Duration grace, Duration retention, Duration judgeEvery) {
        this.judge = judge;
        this.grace = grace;
        this.retention = retention;
        this.judgeEvery = judgeEvery;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.events = context.getStateStore(EVENTS);
        this.dirty = context.getStateStore(DIRTY);
        this.verdicts = context.getStateStore(VERDICTS);
        context.schedule(judgeEvery, PunctuationType.WALL_CLOCK_TIME, now -> judgeDirty());
        // pruning scans the store: once per 1/24 of the retention of event time (an hour for a day), not per minute
        Duration every = retention.dividedBy(24);
        context.schedule(every.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : every,
                PunctuationType.STREAM_TIME, this::prune);
    }

    @Override
    public void process(Record<String, String> r) {
        String network = r.key();
        if (network == null || r.value() == null) {
            return;
        }
        long streamTime = context.currentStreamTimeMs();
        if (r.timestamp() < streamTime - grace.toMillis()) {
            late++;
            if (late == 1 || late % 1000 == 0) {
                LOG.warn("{} event(s) arrived later than the grace period of {} behind event time and were not"
                        + " judged", late, grace);
            }
            return;
        }
        // one entry per event: network, event time, where it came from (so a re-read record overwrites itself)
        String at = String.format("%s|%015d|%s", network, Math.max(0, r.timestamp()), java.util.UUID.nameUUIDFromBytes(
                r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        events.put(at, r.value());
        dirty.put(network, "");
    }

    private void judgeDirty() {
        List<String> networks = new ArrayList<>();
        try (KeyValueIterator<String, String> it = dirty.all()) {
            it.forEachRemaining(kv -> networks.add(kv.key));
        }
        for (String network : networks) {
            judge(network);
            dirty.delete(network);
        }
    }

    private void judge(String network) {
        List<LogEvent> got = new ArrayList<>();
        try (KeyValueIterator<String, String> it = events.prefixScan(network + "|", new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                got.add(json.read(kv.value));
            }
        }
        long now = context.currentStreamTimeMs();
        for (FleetVerdict v : judge.verdicts(got)) {
            String before = verdicts.get(v.ip());
            if (before == null || !v.sameAs(FleetVerdict.read(before))) {
                String text = v.toJson();
                verdicts.put(v.ip(), text);
                context.forward(new Record<>(v.ip(), text, Math.max(0, now)));
            }
        }
    }

    private void prune(long streamTime) {
        long cutoff = streamTime - retention.toMillis();
        if (cutoff <= 0) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> it = events.all()) {
            while (it.hasNext()) {
                String k = it.next().key;
                int a = k.indexOf('|');
                long t = Long.parseLong(k.substring(a + 1, a + 16));
                if (t < cutoff) {
                    old.add(k);
                }
            }
        }
        old.forEach(events::delete);
    }
}
