package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.event.EventJson;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.sim.LogSimulator;
import dev.authaudit.sim.SimulationSpec;
import dev.authaudit.testing.CliCall;
import dev.authaudit.testing.ReportSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge cache ({@link EventCache}) changes no record the fleet writes: the same input through the topology with
 * the cache off (0 events), on (the default) and so small that keys keep falling out of it gives the same records,
 * in the same order, with the same timestamps, on every output topic (verdicts, blocks, accounts, notices and the
 * steps' linking topics). The input has what the cache must follow: events out of order within the grace period,
 * events later than it, a repeated batch, a retention shorter than the logs (pruning), and halfway a fresh topology
 * whose stores are loaded with everything the first one's held (as a task restored on another instance: the cache
 * empty, the stores full).
 */
class FleetJudgeCacheTest {
    private static final FleetTopology.Topics TOPICS = new FleetTopology.Topics("events-in-lines", "events",
            "cache.verdicts");
    private static final String[] OUT = {TOPICS.verdicts(), TOPICS.blocks(), TOPICS.accounts(), TOPICS.notices(),
        TOPICS.loginFacts(), TOPICS.addressFacts(), TOPICS.campaignMembers()};
    private static final String[] LINKS = {TOPICS.loginFacts(), TOPICS.addressFacts(), TOPICS.campaignMembers()};

    @TempDir
    static Path work;
    private static List<String[]> input;
    /** The run with the cache and the live auditors off (every judgement re-audits): what both tests compare with. */
    private static Run reference;

    @BeforeAll
    static void simulate() throws IOException {
        String rules = ReportSchema.repo().resolve("rules").toString();
        Path key = work.resolve("fingerprint.key");
        java.nio.file.Files.writeString(key, "fleet-cache-test-key-0123456789", StandardCharsets.UTF_8);
        List<String[]> events = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            String host = "mx" + h;
            Path dir = work.resolve("host" + h);
            new LogSimulator(SimulationSpec.builder().seed(9100 + h).days(1).mailboxes(10).zone(ZoneOffset.UTC)
                    .hostname(host).build()).run(dir);
            for (String line : CliCall.run(CliCall.FIXED, "parse", "--tz", "UTC", "--year", "2025", "--host", host,
                    "--rules", rules, "--fingerprint-key", key.toString(), dir.toString()).outIfExited(0, 10)
                    .split("\n")) {
                if (!line.isBlank()) {
                    events.add(new String[] {host, line});
                }
            }
        }
        EventJson json = new EventJson();
        events.sort(Comparator.comparing(e -> json.read(e[1]).instant()));
        // out of order within the grace period: every 5th event swapped with the one 3 places before it
        for (int i = 5; i < events.size(); i += 5) {
            String[] x = events.get(i);
            events.set(i, events.get(i - 3));
            events.set(i - 3, x);
        }
        // later than the grace period: a few early events again at the end of each quarter
        List<String[]> out = new ArrayList<>();
        int quarter = events.size() / 4;
        for (int i = 0; i < events.size(); i++) {
            out.add(events.get(i));
            if (i > 0 && i % quarter == 0) {
                out.addAll(events.subList(i / 10, i / 10 + 20));
            }
        }
        input = out;
        reference = run(0, 0, "off");
    }

    @Test
    void cacheOffOnAndTiny_sameRecordsOnEveryTopic_acrossOutOfOrderLatePrunedAndRestoredStores() {
        Run off = reference;
        Run on = run(EventCache.DEFAULT_EVENTS, 0, "on");
        Run tiny = run(300, 0, "tiny");
        assertThat(off.records).as("the run wrote something on each verdict topic").anySatisfy(
                r -> assertThat(r).startsWith(TOPICS.verdicts())).anySatisfy(
                r -> assertThat(r).startsWith(TOPICS.accounts())).anySatisfy(
                r -> assertThat(r).startsWith(TOPICS.blocks()));
        assertThat(on.records).as("cache on").containsExactlyElementsOf(off.records);
        assertThat(tiny.records).as("a cache that keys keep falling out of").containsExactlyElementsOf(off.records);
        assertThat(off.held).isZero();
        assertThat(on.held).as("the cache held the keys' events after the restore").isPositive();
        assertThat(tiny.held).isLessThanOrEqualTo(300L);
        System.out.println("judge cache: " + input.size() + " events in, " + off.records.size()
                + " records out, the same with the cache off, on and tiny; held at the end: on " + on.held
                + ", tiny " + tiny.held);
    }

    /**
     * Live auditors ({@link LiveAuditors}) change no record either: judged through them (for every key of 40 events
     * or more, so most keys have one, and in a bound so small that they keep falling out) the same input gives the
     * same records as every judgement re-auditing its key's events, across the same adversities (late and
     * out-of-order events, pruning, a re-sent batch, stores restored into a fresh topology).
     */
    @Test
    void liveAuditorsOnOffAndTiny_sameRecordsOnEveryTopic_acrossOutOfOrderLatePrunedAndRestoredStores() {
        Run off = reference;
        Run on = run(EventCache.DEFAULT_EVENTS, LiveAuditors.DEFAULT_EVENTS, "live-on");
        Run tiny = run(EventCache.DEFAULT_EVENTS, 3_000, "live-tiny");
        assertThat(on.liveJudgements).as("judgements through a live auditor").isPositive();
        assertThat(on.liveJudgements - on.rebuilds).as("judgements that fed a live auditor only new events")
                .isGreaterThan(on.liveJudgements / 2);
        assertThat(tiny.liveJudgements).isPositive();
        assertThat(on.records).as("live auditors on").containsExactlyElementsOf(off.records);
        assertThat(tiny.records).as("live auditors that keep falling out").containsExactlyElementsOf(off.records);
        System.out.println("live auditors: " + input.size() + " events in, " + off.records.size()
                + " records out, the same with live auditors off, on and tiny; judgements through one: on "
                + on.liveJudgements + " (" + on.rebuilds + " made again), tiny " + tiny.liveJudgements + " ("
                + tiny.rebuilds + " made again)");
    }

    /**
     * What a run wrote (topic, key, timestamp, value; in order), the events its cache held at the end, and the
     * judgements through a live auditor (and how many of them made it again by a re-audit).
     */
    private record Run(List<String> records, long held, long liveJudgements, long rebuilds) {
    }

    private static Run run(long cacheEvents, long liveEvents, String name) {
        List<String> records = new ArrayList<>();
        int half = input.size() / 2;
        Map<String, List<KeyValue<String, String>>> stores;
        long judgements = 0;
        long rebuilds = 0;
        try (Driven a = new Driven(cacheEvents, liveEvents, work.resolve(name + "-a"))) {
            a.feed(input.subList(0, half), records);
            stores = a.stores();
            judgements += a.topology.liveAuditors().judgements();
            rebuilds += a.topology.liveAuditors().rebuilds();
        }
        try (Driven b = new Driven(cacheEvents, liveEvents, work.resolve(name + "-b"))) {
            b.load(stores);
            b.feed(input.subList(half, input.size()), records);
            b.feed(input.subList(half, half + 500), records); // a re-sent batch changes nothing
            b.settle(records);
            b.topology.endOfInput().end();
            b.settle(records);
            return new Run(records, b.topology.judgeCache().events(),
                    judgements + b.topology.liveAuditors().judgements(),
                    rebuilds + b.topology.liveAuditors().rebuilds());
        }
    }

    /** One topology in a TopologyTestDriver, its links carried over as a broker would. */
    private static final class Driven implements AutoCloseable {
        final FleetTopology topology;
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> events;
        final Map<String, TestOutputTopic<String, String>> out = new LinkedHashMap<>();
        final Map<String, TestInputTopic<String, String>> links = new LinkedHashMap<>();
        final EventJson json = new EventJson();

        Driven(long cacheEvents, long liveEvents, Path state) {
            RuleSet rules = RuleSet.load(List.of(ReportSchema.repo().resolve("rules")));
            LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, null),
                    new PasswordRedactor("k".repeat(32).getBytes(StandardCharsets.UTF_8)), true, "fleet-default");
            // grace 30 min, retention 6 h over a day of logs: events are pruned while the run goes on
            topology = new FleetTopology(TOPICS, () -> parser, new Judge(CsfConfig.defaults()), Duration.ofMinutes(30),
                    Duration.ofHours(6), Duration.ofSeconds(1), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                    .judgeCache(cacheEvents).liveJudge(liveEvents, 40);
            Properties p = FleetTopology.config("dummy:9092", "fleet-cache", state.toString());
            driver = new TopologyTestDriver(topology.build(), p, Instant.parse("2026-12-07T00:00:00Z"));
            events = driver.createInputTopic(TOPICS.events(), new StringSerializer(), new StringSerializer());
            for (String t : OUT) {
                out.put(t, driver.createOutputTopic(t, new StringDeserializer(), new StringDeserializer()));
            }
            for (String t : LINKS) {
                links.put(t, driver.createInputTopic(t, new StringSerializer(), new StringSerializer()));
            }
        }

        /** Sends the events in chunks of 150, a judgement (1 s of wall clock) and the links after each. */
        void feed(List<String[]> batch, List<String> records) {
            for (int i = 0; i < batch.size(); i++) {
                String[] e = batch.get(i);
                events.pipeInput(e[0], e[1], json.read(e[1]).instant());
                if (i % 150 == 149 || i == batch.size() - 1) {
                    driver.advanceWallClockTime(Duration.ofSeconds(1));
                    read(records);
                }
            }
        }

        /** Judges until nothing moves. */
        void settle(List<String> records) {
            for (int round = 0; round < 20; round++) {
                driver.advanceWallClockTime(Duration.ofSeconds(2));
                if (read(records) == 0 && round > 2) {
                    return;
                }
            }
        }

        int read(List<String> records) {
            int moved = 0;
            for (String t : OUT) {
                for (var r : out.get(t).readRecordsToList()) {
                    records.add(t + " " + r.key() + " " + r.timestamp() + " " + r.value());
                    moved++;
                    if (links.containsKey(t)) {
                        links.get(t).pipeInput(r);
                    }
                }
            }
            return moved;
        }

        /** Everything the steps' stores hold. */
        Map<String, List<KeyValue<String, String>>> stores() {
            Map<String, List<KeyValue<String, String>>> all = new LinkedHashMap<>();
            for (String s : names()) {
                List<KeyValue<String, String>> kvs = new ArrayList<>();
                KeyValueStore<String, String> store = driver.getKeyValueStore(s);
                try (KeyValueIterator<String, String> it = store.all()) {
                    it.forEachRemaining(kvs::add);
                }
                all.put(s, kvs);
            }
            assertThat(all.get(NetworkJudge.EVENTS)).isNotEmpty();
            return all;
        }

        /** Fills this topology's stores with another's (a task restored from its changelogs). */
        void load(Map<String, List<KeyValue<String, String>>> stores) {
            stores.forEach((s, kvs) -> {
                KeyValueStore<String, String> store = driver.getKeyValueStore(s);
                kvs.forEach(kv -> store.put(kv.key, kv.value));
            });
        }

        private static List<String> names() {
            return Stream.of(NetworkJudge.STORES, LoginJudge.STORES, CampaignJudge.STORES).flatMap(Stream::of)
                    .toList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
