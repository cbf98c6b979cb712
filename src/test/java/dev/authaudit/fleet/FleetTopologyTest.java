package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.testing.ReportSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet topology without a broker: shipped lines in, parsed, repartitioned by network, judged. */
class FleetTopologyTest {
    private static final String ATTACKER = "198.51.100.23";
    /** When the shippers sent the lines (the records' broker time; the judging step reads event time). */
    private static final Instant SHIPPED_AT = Instant.parse("2026-12-06T10:04:00Z");
    private static final FleetTopology.Topics TOPICS = new FleetTopology.Topics("lines", "events", "verdicts");

    @TempDir
    Path state;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> lines;
    private TestInputTopic<String, String> events;
    private TestOutputTopic<String, String> verdicts;
    private TestOutputTopic<String, String> parsedEvents;

    @BeforeEach
    void start() {
        RuleSet rules = RuleSet.load(List.of(ReportSchema.repo().resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, null),
                new PasswordRedactor("k".repeat(32).getBytes(StandardCharsets.UTF_8)), true, "fleet-default");
        FleetTopology t = new FleetTopology(TOPICS, () -> parser, new Judge(CsfConfig.defaults()), Duration.ofMinutes(10),
                Duration.ofHours(24), Duration.ofSeconds(1), java.time.Clock.fixed(SHIPPED_AT, ZoneOffset.UTC));
        Properties p = FleetTopology.config("dummy:9092", "fleet-test", state.toString());
        driver = new TopologyTestDriver(t.build(), p, Instant.parse("2026-12-07T00:00:00Z"));
        lines = driver.createInputTopic("lines", new StringSerializer(), new StringSerializer());
        events = driver.createInputTopic("events", new StringSerializer(), new StringSerializer());
        verdicts = driver.createOutputTopic("verdicts", new StringDeserializer(), new StringDeserializer());
        parsedEvents = driver.createOutputTopic("events", new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static String fail(String stamp, int pid, String ip, String login) {
        return stamp + " [" + pid + "] dovecot_login authenticator failed for (win7) [" + ip + "]:" + (40000 + pid)
                + " I=[203.0.113.10]:465 Ci=" + pid + ": 535 Incorrect authentication data (set_id=" + login + ")";
    }

    private static String json(String... kv) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            b.append(i == 0 ? "" : ",").append('"').append(kv[i]).append("\":").append(kv[i + 1]);
        }
        return b.append('}').toString();
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Map<String, FleetVerdict> latest() {
        Map<String, FleetVerdict> got = new LinkedHashMap<>();
        verdicts.readKeyValuesToList().forEach(kv -> got.put(kv.key, FleetVerdict.read(kv.value)));
        return got;
    }

    @Test
    void threeShippers_twoFailuresEach_oneAttackerAcrossThreeHosts() {
        for (int i = 0; i < 2; i++) {
            lines.pipeInput(null, json("timestamp", q("2026-12-06T10:01:0" + i + "+00:00"), "host", q("hostB"), "file",
                    q("imuxsock"), "message", q("2026-12-06T10:01:0" + i + "+00:00 hostB exim[43" + i + "]: "
                            + fail("2026-12-06 10:01:0" + i, 430 + i, ATTACKER, "bob@example.com").substring(27))), SHIPPED_AT);
            lines.pipeInput(null, json("file", q("/var/log/exim_mainlog"), "host", q("hostC"), "message",
                    q(fail("2026-12-06 10:02:0" + i, 440 + i, ATTACKER, "dave@example.com")), "timestamp",
                    q("2026-12-06T10:05:00Z")), SHIPPED_AT);
            lines.pipeInput(null, json("@timestamp", q("2026-12-06T10:05:00.123Z"), "message",
                    q(fail("2026-12-06 10:03:0" + i, 450 + i, ATTACKER, "frank@example.com")), "host",
                    "{\"name\":\"hostD\"}", "log", "{\"file\":{\"path\":\"/var/log/exim_mainlog\"},\"offset\":7}"), SHIPPED_AT);
        }
        // the parse step's output is the events topic, which the broker would hand to the judging step
        List<org.apache.kafka.streams.KeyValue<String, String>> parsed = parsedEvents.readKeyValuesToList();
        assertThat(parsed).hasSize(6).allSatisfy(kv -> assertThat(kv.value).contains("\"host\":\"" + kv.key + "\""));
        parsed.forEach(kv -> events.pipeInput(kv.key, kv.value));
        assertThat(verdicts.isEmpty()).as("nothing judged before the punctuator").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        FleetVerdict v = latest().get(ATTACKER);
        assertThat(v).isNotNull();
        assertThat(v.verdict()).isEqualTo("attacker");
        assertThat(v.hostsSeen()).containsExactly("hostB", "hostC", "hostD");
        assertThat(v.failuresByHost()).containsEntry("hostB", 2L).containsEntry("hostC", 2L).containsEntry("hostD", 2L);
        assertThat(v.network()).isEqualTo("198.51.100.0/24");
        // judged again with nothing new: no record (the topic holds changes only)
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(verdicts.isEmpty()).isTrue();
    }

    @Test
    void guesserSpreadOverFiftyServers_twoTriesEach_unknownOnEveryServer_attackerFleetWide() {
        Judge judge = new Judge(CsfConfig.defaults());
        for (int h = 1; h <= 50; h++) {
            List<dev.authaudit.event.LogEvent> own = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String e = "{\"time\":\"2026-12-06T10:" + String.format("%02d:%02d", h, t * 20) + "Z\",\"type\":\"auth_failure\","
                        + "\"source\":\"exim\",\"rule\":\"exim.auth-failed\",\"ip\":\"" + ATTACKER + "\",\"account\":\"c.alvarez"
                        + h + "@site" + h + ".example\",\"protocol\":\"smtp\",\"port\":465,\"file\":\"exim_mainlog\",\"line\":"
                        + (t + 1) + ",\"host\":\"mx" + h + "\",\"reason\":\"password_mismatch\",\"attempts\":1,\"detail\":false}";
                events.pipeInput("mx" + h, e);
                own.add(new dev.authaudit.event.EventJson().read(e));
            }
            assertThat(judge.verdicts(own)).singleElement().extracting(FleetVerdict::verdict).as("mx" + h)
                    .isEqualTo("unknown");
        }
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        FleetVerdict v = latest().get(ATTACKER);
        assertThat(v.verdict()).isEqualTo("attacker");
        assertThat(v.hostsSeen()).hasSize(50);
        assertThat(v.failures()).isEqualTo(100);
    }

    @Test
    void eventLaterThanTheGrace_isNotJudged_andARepeatedEventCountsOnce() {
        String a = "{\"time\":\"2026-12-06T12:00:00Z\",\"type\":\"auth_failure\",\"source\":\"exim\",\"rule\":\"exim.auth-failed\","
                + "\"ip\":\"192.0.2.9\",\"account\":\"a@example.com\",\"protocol\":\"smtp\",\"port\":465,\"file\":\"x\","
                + "\"line\":1,\"host\":\"h1\",\"reason\":\"password_mismatch\",\"attempts\":1,\"detail\":false}";
        events.pipeInput("h1", a);
        events.pipeInput("h1", a); // watch --publish sends a line again after a crash before its checkpoint
        events.pipeInput("h2", a.replace("12:00:00", "10:00:00").replace("\"h1\"", "\"h2\"")); // 2 h late
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        FleetVerdict v = latest().get("192.0.2.9");
        assertThat(v.failuresByHost()).containsExactly(Map.entry("h1", 1L));
        assertThat(v.hostsSeen()).containsExactly("h1");
    }

    private static String auth(String type, String time, String host, String ip, String login) {
        String common = "{\"time\":\"" + time + "\",\"type\":\"" + type + "\",\"source\":\"dovecot\",\"rule\":\"dovecot."
                + type + "\",\"ip\":\"" + ip + "\",\"account\":\"" + login + "\",\"protocol\":\"imap\",\"port\":993,"
                + "\"file\":\"maillog\",\"line\":1,\"host\":\"" + host + "\"";
        return common + (type.equals("auth_failure") ? ",\"reason\":\"password_mismatch\",\"attempts\":1,\"detail\":false}"
                : "}");
    }

    @Test
    void officeNatSharedAcrossServers_isACustomerFleetWide_andTheGuesserBesideItAnAttacker() {
        String office = "192.0.2.50";
        List<String[]> in = new java.util.ArrayList<>();
        // the office's mailboxes live on three servers: they log in on hostA, two colleagues mistype on B and C
        for (int m = 0; m < 6; m++) {
            in.add(new String[] {"hostA", auth("auth_success", String.format("2026-12-06T09:%02d:00Z", m * 5), "hostA",
                    office, "alice@office.example")});
        }
        in.add(new String[] {"hostB", auth("auth_failure", "2026-12-06T09:07:00Z", "hostB", office, "bob@office.example")});
        in.add(new String[] {"hostB", auth("auth_success", "2026-12-06T09:08:00Z", "hostB", office, "bob@office.example")});
        in.add(new String[] {"hostC", auth("auth_failure", "2026-12-06T09:12:00Z", "hostC", office, "carol@office.example")});
        in.add(new String[] {"hostC", auth("auth_failure", "2026-12-06T09:13:00Z", "hostC", office, "carol@office.example")});
        in.add(new String[] {"hostC", auth("auth_success", "2026-12-06T09:14:00Z", "hostC", office, "carol@office.example")});
        // a guesser in the same network, two tries on each server, never a success
        for (String h : List.of("hostA", "hostB", "hostC")) {
            for (int t = 0; t < 2; t++) {
                in.add(new String[] {h, auth("auth_failure", "2026-12-06T09:2" + t + ":0" + h.charAt(4) % 10 + "Z", h,
                        "192.0.2.99", "admin" + t + "@" + h.toLowerCase() + ".example")});
            }
        }
        FleetDriver fleet = FleetDriver.run(state.resolve("nat"), CsfConfig.defaults(), in, 1);
        assertThat(fleet.ips()).containsEntry(office, "customer").containsEntry("192.0.2.99", "attacker");
        assertThat(fleet.accounts()).containsKeys("bob@office.example", "carol@office.example");
        assertThat(fleet.accounts().get("carol@office.example")).isNotIn("targeted", "unknown_user");
    }
}
