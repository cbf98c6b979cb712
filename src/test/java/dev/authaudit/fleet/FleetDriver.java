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
 * steps agree and nothing moves: the latest account, address and block verdicts, and every notice candidate
 * written (in order, with its key: the incident).
 */
record FleetDriver(Map<String, String> accounts, Map<String, String> ips, Map<String, String> blocks,
             List<Map.Entry<String, String>> notices) {
    static final FleetTopology.Topics TOPICS = new FleetTopology.Topics("lines", "events", "fleet.verdicts");

    /**
     * Runs the topology over the events ({host, events-v1 JSON}), each sent {@code passes} times (a re-sent
     * batch must change nothing).
     */
    static FleetDriver run(Path state, CsfConfig csf, List<String[]> events, int passes) {
        RuleSet rules = RuleSet.load(List.of(ReportSchema.repo().resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, null),
                new PasswordRedactor("k".repeat(32).getBytes(StandardCharsets.UTF_8)), true, "fleet-default");
        FleetTopology t = new FleetTopology(TOPICS, () -> parser, new Judge(csf), Duration.ofDays(3),
                Duration.ofDays(30), Duration.ofSeconds(1), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        Properties p = FleetTopology.config("dummy:9092", "fleet-agreement", state.toString());
        List<String[]> sorted = new ArrayList<>(events);
        EventJson json = new EventJson();
        sorted.sort(Comparator.comparing(e -> json.read(e[1]).instant()));
        try (TopologyTestDriver driver = new TopologyTestDriver(t.build(), p, Instant.parse("2026-12-07T00:00:00Z"))) {
            TestInputTopic<String, String> in = driver.createInputTopic("events", new StringSerializer(),
                    new StringSerializer());
            for (int pass = 0; pass < passes; pass++) {
                for (String[] e : sorted) {
                    in.pipeInput(e[0], e[1], json.read(e[1]).instant());
                }
            }
            Map<String, String> accounts = new TreeMap<>();
            Map<String, String> ips = new TreeMap<>();
            Map<String, String> blocks = new TreeMap<>();
            List<Map.Entry<String, String>> notices = new ArrayList<>();
            TestOutputTopic<String, String> a = out(driver, TOPICS.accounts());
            TestOutputTopic<String, String> v = out(driver, TOPICS.verdicts());
            TestOutputTopic<String, String> b = out(driver, TOPICS.blocks());
            TestOutputTopic<String, String> n = out(driver, TOPICS.notices());
            // the steps' links go through topics, as on a broker
            TestOutputTopic<String, String> lf = out(driver, TOPICS.loginFacts());
            TestOutputTopic<String, String> af = out(driver, TOPICS.addressFacts());
            TestInputTopic<String, String> lfIn = driver.createInputTopic(TOPICS.loginFacts(), new StringSerializer(),
                    new StringSerializer());
            TestInputTopic<String, String> afIn = driver.createInputTopic(TOPICS.addressFacts(),
                    new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> cm = out(driver, TOPICS.campaignMembers());
            TestInputTopic<String, String> cmIn = driver.createInputTopic(TOPICS.campaignMembers(),
                    new StringSerializer(), new StringSerializer());
            for (int round = 0; round < 20; round++) {
                driver.advanceWallClockTime(Duration.ofSeconds(2));
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
                n.readKeyValuesToList().forEach(kv -> notices.add(Map.entry(kv.key, kv.value)));
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
                if (moved == 0 && round > 2) {
                    break;
                }
            }
            return new FleetDriver(accounts, ips, blocks, notices);
        }
    }

    private static TestOutputTopic<String, String> out(TopologyTestDriver d, String topic) {
        return d.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }
}
