package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.cli.Cli;
import dev.authaudit.testing.ReportSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * A {@code fleet run} instance killed with SIGKILL mid-run and restarted on its state folder, on a real broker
 * (single-node KRaft, child JVM on 127.0.0.1, stopped by PID), against an uninterrupted run of the same events
 * into a verdict topic of its own: every address's final verdict is the same (none lost), and no address's verdict
 * is written twice in a row saying the same thing (none repeated: exactly_once_v2 aborts what the killed instance
 * had not committed, and its restored stores remember what it had); the same with two instances sharing the work
 * through two rebalances (a second instance joins, then the first is killed); each run writes one notice candidate for each
 * stale-password login, about its device, and the two runs write the same ones. Each run has its own topic prefix
 * ({@code whole.}, {@code killed.}): the steps' linking topics are named after the verdict topic's prefix. The
 * events are a year old by their stamps, as in any replay of old logs: the topics must keep them (the test broker
 * checks retention every second).
 */
class FleetRestartIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static int cli(String... args) {
        CommandLine cl = Cli.create(new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        System.out.println("FleetRestartIT: " + String.join(" ", args).replaceAll("--rules \\S+", "") + ": " + code
                + " " + err.toString().strip());
        return code;
    }

    private static String parse(String... args) {
        CommandLine cl = Cli.create(new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    @Timeout(value = 14, unit = TimeUnit.MINUTES)
    void killedFleetRun_restarted_losesAndRepeatsNoVerdict_againstAnUninterruptedRun() throws Exception {
        Path work = ReportSchema.repo().toAbsolutePath().resolve("target/fleet-restart-it");
        FleetProcesses.deleteTree(work);
        Files.createDirectories(work);
        String rules = ReportSchema.repo().resolve("rules").toString();
        // three simulated servers' day of logs, as events-v1 (the simulator's own seeded traffic: customers,
        // stale phones, guessers, scanners)
        List<String[]> events = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            Path logs = work.resolve("logs-" + h);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
            assertThat(dev.authaudit.sim.SimulateMain.run(new String[] {"--out", logs.toString(), "--days", "1",
                "--mailboxes", "30", "--seed", Integer.toString(200 + h), "--start", "2025-03-10T00:00", "--zone", "UTC"},
                    quiet, quiet)).as(sink.toString()).isZero();
            String host = "mx" + h;
            for (String line : parse("parse", "--tz", "UTC", "--year", "2025", "--host", host, "--rules", rules,
                    logs.toString()).split("\n")) {
                if (!line.isBlank()) {
                    // the simulator's syslog headers name its own server; each simulated server is one host here
                    events.add(new String[] {host, line.replaceFirst("\"host\":\"[^\"]*\"", "\"host\":\"" + host
                            + "\"")});
                }
            }
        }
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"), Duration.ofSeconds(90))) {
            String bs = broker.bootstrap();
            try (KafkaProducer<String, String> p = new KafkaProducer<>(KafkaEventPublisher.config(bs))) {
                for (String[] e : events) {
                    p.send(new ProducerRecord<>("authaudit.events", e[0], e[1]));
                }
                p.flush();
            }
            System.out.println("FleetRestartIT: " + events.size() + " events from 3 simulated servers");
            String[] common = {"--bootstrap", bs, "--grace", "3d", "--retention", "3d", "--judge-every", "500ms",
                "--tz", "UTC", "--rules", rules};

            // the uninterrupted run
            assertThat(cli(concat(new String[] {"fleet", "run", "--app-id", "fleet-whole", "--verdicts-topic",
                "whole.verdicts", "--state-dir", work.resolve("streams-whole").toString(), "--until-caught-up",
                "--timeout", "4m"}, common))).isZero();

            // the interrupted run: a child JVM killed once its first verdicts are committed, then restarted here
            Path state = work.resolve("streams-killed");
            String[] killedArgs = concat(new String[] {"fleet", "run", "--app-id", "fleet-killed", "--verdicts-topic",
                "killed.verdicts", "--state-dir", state.toString()}, common);
            Process child = FleetProcesses.cli(work, work.resolve("killed.log"), killedArgs);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (read(bs, "killed.verdicts").isEmpty()) {
                    assertThat(child.isAlive()).as(Files.readString(work.resolve("killed.log"))).isTrue();
                    assertThat(System.nanoTime()).as("a first verdict within 120 s").isLessThan(deadline);
                    Thread.sleep(200);
                }
            } finally {
                FleetProcesses.kill(child);
            }
            long behind = behind(bs, "fleet-killed");
            int atKill = read(bs, "killed.verdicts").size();
            System.out.println("FleetRestartIT: fleet run (pid " + child.pid() + ") killed with SIGKILL; " + atKill
                    + " verdicts committed, " + behind + " records of its input and repartition topics not yet"
                    + " committed as read");
            assertThat(cli(concat(new String[] {"fleet", "run", "--app-id", "fleet-killed", "--verdicts-topic",
                "killed.verdicts", "--state-dir", state.toString(), "--until-caught-up", "--timeout", "4m"},
                    common))).isZero();

            // two instances sharing the work, with two rebalances: a second instance joins one that runs (some of its
            // tasks move, cleanly), then the first is killed with SIGKILL (its tasks move to the second after the
            // session timeout, restored from the changelogs); the second runs until caught up
            String[] pairArgs = concat(new String[] {"fleet", "run", "--app-id", "fleet-pair", "--verdicts-topic",
                "pair.verdicts", "--session-timeout", "10s"}, common);
            Process first = FleetProcesses.cli(work, work.resolve("pair-first.log"), concat(pairArgs,
                    new String[] {"--state-dir", work.resolve("streams-pair-first").toString()}));
            java.util.concurrent.ExecutorService second = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (read(bs, "pair.verdicts").isEmpty()) {
                    assertThat(first.isAlive()).as(Files.readString(work.resolve("pair-first.log"))).isTrue();
                    assertThat(System.nanoTime()).as("a first verdict within 120 s").isLessThan(deadline);
                    Thread.sleep(200);
                }
                java.util.concurrent.Future<Integer> joined = second.submit(() -> cli(concat(pairArgs, new String[] {
                    "--state-dir", work.resolve("streams-pair-second").toString(), "--until-caught-up", "--timeout",
                    "5m"})));
                while (assigned(bs, "fleet-pair") < 2) {
                    assertThat(first.isAlive()).as(Files.readString(work.resolve("pair-first.log"))).isTrue();
                    assertThat(joined.isDone()).as("the second instance stopped before it joined").isFalse();
                    assertThat(System.nanoTime()).as("both instances hold tasks within 120 s").isLessThan(deadline
                            + TimeUnit.SECONDS.toNanos(120));
                    Thread.sleep(200);
                }
                int atRebalance = read(bs, "pair.verdicts").size();
                FleetProcesses.kill(first);
                System.out.println("FleetRestartIT: a second instance joined fleet-pair (" + atRebalance
                        + " verdicts committed), then the first (pid " + first.pid() + ") was killed with SIGKILL");
                assertThat(joined.get(6, TimeUnit.MINUTES)).as("the second instance caught up").isZero();
            } finally {
                FleetProcesses.kill(first);
                second.shutdownNow();
            }

            List<ConsumerRecord<String, String>> whole = read(bs, "whole.verdicts");
            List<ConsumerRecord<String, String>> killed = read(bs, "killed.verdicts");
            List<ConsumerRecord<String, String>> pair = read(bs, "pair.verdicts");
            System.out.println("FleetRestartIT: uninterrupted " + whole.size() + " verdict records, killed and"
                    + " restarted " + killed.size() + ", two instances and two rebalances " + pair.size());
            // the linking topics keep their year-old records until read, and the runs delete what they read
            for (String run : List.of("whole", "killed", "pair")) {
                assertThat(startOffsets(bs, run + ".address-facts")).as(run + ": read address facts deleted")
                        .anySatisfy(o -> assertThat(o).isPositive());
            }
            assertThat(atKill).as("killed mid-run: most verdicts were still to come").isLessThan(killed.size() / 2);
            assertThat(latest(killed)).as("every address's final verdict, none lost").isEqualTo(latest(whole))
                    .isNotEmpty();
            assertThat(latest(pair)).as("every address's final verdict across two rebalances, none lost")
                    .isEqualTo(latest(whole));
            for (List<ConsumerRecord<String, String>> run : List.of(killed, pair)) {
                Map<String, String> last = new HashMap<>();
                for (ConsumerRecord<String, String> r : run) {
                    String said = says(r.value());
                    assertThat(said).as("a verdict written again saying the same: " + r.key()).isNotEqualTo(
                            last.get(r.key()));
                    last.put(r.key(), said);
                }
            }

            // the login step's notice candidates, decided in event time (with --grace 3d no period closes before the
            // end of the input, which decides every login over all of its events): in both runs, exactly one for each
            // login the run's account verdicts call stale_password, about the device they name, never an address the
            // run calls an attacker, none written twice; and the same candidates in both runs. (The uninterrupted run
            // used to lose some or all of them in fast runs: the broker deleted the notices, stamped with the logs'
            // event time, a year old, at its first retention check; TopicPlan.)
            Map<String, Set<String>> candidates = new TreeMap<>();
            for (String run : List.of("whole", "killed", "pair")) {
                List<ConsumerRecord<String, String>> notices = read(bs, run + ".notices");
                Map<String, String> accounts = new TreeMap<>();
                read(bs, run + ".accounts").forEach(r -> accounts.put(r.key(), r.value()));
                Map<String, String> verdicts = latest(read(bs, run + ".verdicts"));
                List<String> keys = notices.stream().map(ConsumerRecord::key).toList();
                assertThat(keys).as(run + ": no incident written twice").doesNotHaveDuplicates();
                Set<String> stale = new TreeSet<>();
                for (Map.Entry<String, String> e : accounts.entrySet()) {
                    JsonNode v = MAPPER.readTree(e.getValue());
                    if (v.path("verdict").asText().equals("stale_password") && !v.path("device").isNull()) {
                        stale.add(e.getKey() + " " + v.path("device").asText());
                    }
                }
                NoticeCandidateJson codec = new NoticeCandidateJson();
                Set<String> got = new TreeSet<>();
                Set<String> noticed = new TreeSet<>();
                for (ConsumerRecord<String, String> r : notices) {
                    var c = codec.read(r.key(), r.value());
                    got.add(c.incidentKey() + " " + c.account() + " " + c.device().ip());
                    noticed.add(c.account() + " " + c.device().ip());
                    assertThat(verdicts.getOrDefault(c.device().ip(), "")).as(run + ": device " + c.device().ip())
                            .doesNotStartWith("attacker");
                }
                System.out.println("FleetRestartIT: " + run + ": " + got.size() + " notice candidates " + got
                        + "; stale_password logins " + stale);
                assertThat(stale).as(run + ": each candidate about a stale-password login and its device")
                        .containsAll(noticed).isNotEmpty();
                assertThat(noticed).as(run + ": a candidate for each stale-password login and its device")
                        .isEqualTo(stale);
                candidates.put(run, got);
            }
            assertThat(candidates.get("whole")).as("the same candidates in every run").isEqualTo(
                    candidates.get("killed")).isEqualTo(candidates.get("pair"));

            // a server's watch reads the fleet's attacker verdicts (a dry run), with two hostile records on the
            // topic and one of the fleet's attackers a customer on this server
            List<String> attackers = latest(whole).entrySet().stream().filter(e -> e.getValue().startsWith("attacker"))
                    .map(Map.Entry::getKey).toList();
            assertThat(attackers).as("the simulated guessers").isNotEmpty();
            String local = attackers.get(0);
            try (KafkaProducer<String, String> p = new KafkaProducer<>(KafkaEventPublisher.config(bs))) {
                p.send(new ProducerRecord<>("whole.verdicts", "203.0.113.66", "{\"ip\":\"mail.evil.example\","
                        + "\"verdict\":\"attacker\"}"));
                p.send(new ProducerRecord<>("whole.verdicts", "203.0.113.67", "not json"));
                p.flush();
            }
            Path hostLogs = Files.createDirectories(work.resolve("watch-host"));
            Path mainlog = hostLogs.resolve("exim_mainlog");
            String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(
                    java.time.ZoneOffset.UTC).format(java.time.Instant.now().minusSeconds(60));
            Files.writeString(mainlog, stamp + " [4000] 1trVB3-0000Hv-kzVL <= carol@example.com H=(office) ["
                    + local + "]:1168 I=[203.0.113.10]:465 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no"
                    + " A=dovecot_plain:carol@example.com S=6038 id=1@example.com\n");
            CommandLine cl = Cli.create(new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("watch", "--once", "--fleet-verdicts", "kafka://" + bs + "/whole.verdicts", "--state",
                    work.resolve("watch-state").toString(), "--host", "hostX", "--tz", "UTC", "--rules", rules,
                    mainlog.toString());
            assertThat(code).as(err.toString()).isZero();
            List<String> lines = err.toString().lines().filter(l -> l.startsWith("authaudit: fleet verdict: ")).toList();
            System.out.println("FleetRestartIT: watch --once --fleet-verdicts said " + lines.size() + " fleet verdicts,"
                    + " e.g.\n" + String.join("\n", lines.subList(0, Math.min(3, lines.size()))));
            assertThat(lines.stream().map(l -> l.split(" ")[3]).toList()).as("every attacker, nothing else")
                    .containsExactlyInAnyOrderElementsOf(attackers);
            assertThat(lines).filteredOn(l -> l.contains(" " + local + " ")).singleElement().asString()
                    .contains("not acted on: it logged in successfully on this server").doesNotContain("csf -d");
            assertThat(lines).filteredOn(l -> !l.contains(" " + local + " ")).allSatisfy(l -> assertThat(l)
                    .contains("dry run: a block hook would block it (csf -d ").contains("nothing was run"));
            assertThat(err.toString()).contains("2 record(s) on the verdict topic were not verdicts and were dropped");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** What a verdict record says: its word, its servers and the failures on each (last_event etc. aside). */
    private static String says(String json) throws Exception {
        JsonNode n = MAPPER.readTree(json);
        return n.path("verdict").asText() + " " + n.path("hosts") + " " + n.path("failures_by_host");
    }

    private static Map<String, String> latest(List<ConsumerRecord<String, String>> records) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (ConsumerRecord<String, String> r : records) {
            out.put(r.key(), says(r.value()));
        }
        return out;
    }

    /** Every committed record of {@code topic}, in partition order. */
    private static List<ConsumerRecord<String, String>> read(String bs, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bs);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // asking for a topic that fleet run has not made yet must not make it (with the broker's defaults, whose
        // time retention would delete the year-old verdicts of the simulated logs)
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            var info = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (info == null || info.isEmpty()) {
                return out;
            }
            info.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** How many members of the consumer group {@code group} hold partitions. */
    private static int assigned(String bs, String group) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bs);
        try (Admin admin = Admin.create(p)) {
            var d = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            return (int) d.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    /** The first offset each partition of {@code topic} still holds. */
    private static List<Long> startOffsets(String bs, String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bs);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(i -> ask.put(new TopicPartition(topic, i.partition()), OffsetSpec.earliest()));
            List<Long> out = new ArrayList<>();
            admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).values().forEach(i -> out.add(i.offset()));
            return out;
        }
    }

    /** How many records of the topics it reads (input and repartition) the application had not committed as read. */
    private static long behind(String bs, String group) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bs);
        try (Admin admin = Admin.create(p)) {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30,
                    TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            committed.keySet().forEach(tp -> ask.put(tp, OffsetSpec.latest()));
            long sum = 0;
            for (var e : admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).entrySet()) {
                var c = committed.get(e.getKey());
                sum += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return sum;
        }
    }
}
