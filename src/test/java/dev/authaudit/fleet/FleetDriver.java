package dev.authaudit.fleet;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.event.EventJson;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.testing.ReportSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The fleet topology over events of several servers in a TopologyTestDriver (no broker), pumped until its
 * steps agree and nothing moves, then told that the input is finished (as {@code fleet run --until-caught-up}
 * does) and pumped again: the latest account, address and block verdicts, and every notice candidate written (in
 * order, with its key: the incident).
 */
record FleetDriver(Map<String, String> accounts, Map<String, String> ips, Map<String, String> blocks,
             List<Map.Entry<String, String>> notices) {
    static final FleetTopology.Topics TOPICS = new FleetTopology.Topics("lines", "events", "fleet.verdicts");

    /**
     * How the input reaches the topology: in time order or in the order given (a file or server after the other), in chunks of
     * {@code chunk} events, with {@code advance} of wall-clock time (the judgements' punctuator) after each chunk
     * and the steps' linking topics carried over after each chunk or only at the end.
     */
    record Schedule(boolean timeOrder, int chunk, Duration advance, boolean linkEachChunk, Duration grace) {
        /** Everything in time order at once, then the judgements: what {@link #run} does. */
        static Schedule whole() {
            return new Schedule(true, Integer.MAX_VALUE, Duration.ofSeconds(2), true, Duration.ofDays(3));
        }

        @Override
        public String toString() {
            return (timeOrder ? "time order" : "as given (file after file, server after server)") + ", chunks of " + (chunk == Integer.MAX_VALUE
                    ? "all" : Integer.toString(chunk)) + ", " + advance.toMillis() + " ms of wall clock after each, links "
                    + (linkEachChunk ? "after each chunk" : "at the end") + ", grace " + grace;
        }
    }

    /**
     * Runs the topology over the events ({host, events-v1 JSON}), each sent {@code passes} times (a re-sent
     * batch must change nothing).
     */
    static FleetDriver run(Path state, CsfConfig csf, List<String[]> events, int passes) {
        List<String[]> again = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            again.addAll(events);
        }
        return run(state, csf, again, Schedule.whole());
    }

    /** Runs the topology over the events ({host, events-v1 JSON}) as the schedule says. */
    static FleetDriver run(Path state, CsfConfig csf, List<String[]> events, Schedule schedule) {
        RuleSet rules = RuleSet.load(List.of(ReportSchema.repo().resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, null),
                new PasswordRedactor("k".repeat(32).getBytes(StandardCharsets.UTF_8)), true, "fleet-default");
        FleetTopology t = new FleetTopology(TOPICS, () -> parser, new Judge(csf), schedule.grace(),
                Duration.ofDays(30), Duration.ofSeconds(1), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        Properties p = FleetTopology.config("dummy:9092", "fleet-agreement", state.toString());
        List<String[]> sorted = new ArrayList<>(events);
        EventJson json = new EventJson();
        if (schedule.timeOrder()) {
            sorted.sort(Comparator.comparing(e -> json.read(e[1]).instant()));
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(t.build(), p, Instant.parse("2026-12-07T00:00:00Z"))) {
            Pump pump = new Pump(driver);
            TestInputTopic<String, String> in = driver.createInputTopic("events", new StringSerializer(),
                    new StringSerializer());
            for (int i = 0; i < sorted.size(); ) {
                int end = (int) Math.min(sorted.size(), (long) i + schedule.chunk());
                for (; i < end; i++) {
                    in.pipeInput(sorted.get(i)[0], sorted.get(i)[1], json.read(sorted.get(i)[1]).instant());
                }
                driver.advanceWallClockTime(schedule.advance());
                pump.read(schedule.linkEachChunk());
            }
            pump.settle();
            t.endOfInput().end();
            pump.settle();
            return new FleetDriver(pump.accounts, pump.ips, pump.blocks, pump.notices);
        }
    }

    /** Reads the outputs and carries the steps' links over (through topics, as on a broker). */
    private static final class Pump {
        final Map<String, String> accounts = new TreeMap<>();
        final Map<String, String> ips = new TreeMap<>();
        final Map<String, String> blocks = new TreeMap<>();
        final List<Map.Entry<String, String>> notices = new ArrayList<>();
        private final TopologyTestDriver driver;
        private final TestOutputTopic<String, String> a;
        private final TestOutputTopic<String, String> v;
        private final TestOutputTopic<String, String> b;
        private final TestOutputTopic<String, String> n;
        private final TestOutputTopic<String, String> lf;
        private final TestOutputTopic<String, String> af;
        private final TestOutputTopic<String, String> cm;
        private final TestInputTopic<String, String> lfIn;
        private final TestInputTopic<String, String> afIn;
        private final TestInputTopic<String, String> cmIn;

        Pump(TopologyTestDriver driver) {
            this.driver = driver;
            a = out(driver, TOPICS.accounts());
            v = out(driver, TOPICS.verdicts());
            b = out(driver, TOPICS.blocks());
            n = out(driver, TOPICS.notices());
            lf = out(driver, TOPICS.loginFacts());
            af = out(driver, TOPICS.addressFacts());
            cm = out(driver, TOPICS.campaignMembers());
            lfIn = driver.createInputTopic(TOPICS.loginFacts(), new StringSerializer(), new StringSerializer());
            afIn = driver.createInputTopic(TOPICS.addressFacts(), new StringSerializer(), new StringSerializer());
            cmIn = driver.createInputTopic(TOPICS.campaignMembers(), new StringSerializer(), new StringSerializer());
        }

        /** Judges until nothing moves (at most 20 rounds of 2 s of wall clock). */
        void settle() {
            for (int round = 0; round < 20; round++) {
                driver.advanceWallClockTime(Duration.ofSeconds(2));
                if (read(true) == 0 && round > 2) {
                    break;
                }
            }
        }

        /** Reads what was written; with {@code link}, carries the links over. How many records moved. */
        int read(boolean link) {
            int moved = 0;
            for (KeyValue<String, String> kv : a.readKeyValuesToList()) {
                accounts.put(kv.key, FleetAccountVerdict.read(kv.value).verdict());
                moved++;
            }
            for (KeyValue<String, String> kv : v.readKeyValuesToList()) {
                ips.put(kv.key, FleetVerdict.read(kv.value).verdict());
                moved++;
            }
            for (KeyValue<String, String> kv : b.readKeyValuesToList()) {
                FleetBlockVerdict x = FleetBlockVerdict.read(kv.value);
                blocks.put(x.host() + "|" + x.ip() + "|" + Instant.parse(x.at()), x.cause());
                moved++;
            }
            for (KeyValue<String, String> kv : n.readKeyValuesToList()) {
                notices.add(Map.entry(kv.key, kv.value));
                moved++;
            }
            if (link) {
                // (with the records' own timestamps: the steps' event time, as a broker would keep them)
                for (var r : lf.readRecordsToList()) {
                    lfIn.pipeInput(r);
                    moved++;
                }
                for (var r : af.readRecordsToList()) {
                    afIn.pipeInput(r);
                    moved++;
                }
                for (var r : cm.readRecordsToList()) {
                    cmIn.pipeInput(r);
                    moved++;
                }
            }
            return moved;
        }
    }

    private static TestOutputTopic<String, String> out(TopologyTestDriver d, String topic) {
        return d.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }
}
