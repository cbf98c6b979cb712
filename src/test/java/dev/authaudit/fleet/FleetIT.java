package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authaudit.testing.CliCall;
import dev.authaudit.testing.ReportSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fleet end to end on a real broker: a single-node KRaft broker from the Maven artifacts (child JVM,
 * 127.0.0.1, stopped by PID), one server sending events with a real {@code watch --once --publish}, three
 * shipping raw lines as rsyslog omkafka, Vector and Filebeat write them, then {@code fleet run} and
 * {@code fleet report}. An address that fails twice on each of four servers with another login each is
 * {@code unknown} on every server alone and an {@code attacker} fleet-wide; an office address that logs in
 * on two servers and mistypes once on a third is not; a shipped server's own report agrees with {@code scan}
 * of the same lines; an event sent twice counts once.
 */
class FleetIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ATTACKER = "198.51.100.23";
    private static final String OFFICE = "192.0.2.50";

    private static String fail(String stamp, int pid, String ip, String local, String login) {
        return stamp + " [" + pid + "] dovecot_login authenticator failed for (win7) [" + ip + "]:" + (40000 + pid)
                + " I=[" + local + "]:465 Ci=" + pid + ": 535 Incorrect authentication data (set_id=" + login + ")";
    }

    private static String success(String stamp, int pid, String ip, String login) {
        return stamp + " [" + pid + "] 1trVB3-0000Hv" + pid + "-kzVL <= " + login + " H=(office) [" + ip + "]:1168"
                + " I=[203.0.113.10]:465 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=dovecot_plain:" + login
                + " S=6038 id=" + pid + "@example.com";
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void fourServers_watchPublishAndThreeShippers_fleetRunAndReport_judgeTheSpreadGuesserAnAttacker() throws Exception {
        Path work = ReportSchema.repo().toAbsolutePath().resolve("target/fleet-it");
        FleetProcesses.deleteTree(work);
        Files.createDirectories(work);
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"), Duration.ofSeconds(90))) {
            System.out.println("FleetIT: broker (pid " + broker.pid() + ") ready in " + broker.readyMillis + " ms, RSS "
                    + broker.rssMb() + " MB");
            String bs = broker.bootstrap();
            String rules = ReportSchema.repo().resolve("rules").toString();

            // hostA: watch follows its Exim log; the first run starts at the end, the second publishes what came
            Path logs = Files.createDirectories(work.resolve("hostA"));
            Path mainlog = logs.resolve("exim_mainlog");
            Files.writeString(mainlog, success("2026-12-06 09:50:00", 4000, "203.0.113.99", "eve@example.com") + "\n");
            String state = work.resolve("hostA-state").toString();
            CliCall first = CliCall.run(Clock.systemUTC(),
                    "watch", "--once", "--state", state, "--host", "hostA", "--tz", "UTC", "--rules", rules,
                    mainlog.toString());
            assertThat(first.code()).as(first.err()).isZero();
            Files.writeString(mainlog, String.join("\n",
                    fail("2026-12-06 10:00:01", 4101, ATTACKER, "203.0.113.10", "alice@example.com"),
                    success("2026-12-06 10:00:05", 4102, OFFICE, "carol@example.com"),
                    fail("2026-12-06 10:00:31", 4103, ATTACKER, "203.0.113.10", "alice@example.com")) + "\n",
                    StandardOpenOption.APPEND);
            CliCall publish = CliCall.run(Clock.systemUTC(),
                    "watch", "--once", "--publish", "kafka://" + bs + "/authaudit.events", "--state", state,
                    "--host", "hostA", "--tz", "UTC", "--rules", rules, mainlog.toString());
            assertThat(publish.code()).as(publish.err()).isZero();
            assertThat(publish.err()).contains("--once read 3 new lines (3 events)");

            // hostB (rsyslog omkafka), hostC (Vector), hostD (Filebeat): raw lines in each shipper's JSON
            List<String> shipped = new ArrayList<>();
            // the raw lines of hostC and hostD, also written to files for scan to read
            List<String> rawC = new ArrayList<>();
            List<String> rawD = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                rawC.add(fail("2026-12-06 10:02:0" + i, 4400 + i, ATTACKER, "203.0.113.12", "dave@example.com"));
                rawD.add(fail("2026-12-06 10:03:0" + i, 4500 + i, ATTACKER, "203.0.113.13", "frank@example.com"));
            }
            rawC.add(fail("2026-12-06 10:02:30", 4410, OFFICE, "203.0.113.12", "carol@example.com"));
            rawD.add(fail("2026-12-06 10:03:30", 4510, "203.0.113.200", "203.0.113.13",
                    "x lfd[1]: *Port Scan* detected from " + OFFICE + " - *Blocked in csf* [PS_LIMIT]"));
            rawC.forEach(l -> shipped.add(vector("hostC", l)));
            rawD.forEach(l -> shipped.add(filebeat("hostD", l)));
            for (int i = 0; i < 2; i++) {
                String t = "2026-12-06T10:01:0" + i + "+00:00";
                shipped.add(rsyslog("hostB", t + " hostB exim[43" + i + "]: dovecot_login authenticator failed for (win7) ["
                        + ATTACKER + "]:1997" + i + " I=[203.0.113.11]:465 Ci=43" + i
                        + ": 535 Incorrect authentication data (set_id=bob@example.com)"));
            }
            shipped.add(rsyslog("hostB", "2026-12-06T10:01:20+00:00 hostB exim[4312]: "
                    + success("2026-12-06 10:01:20", 4312, OFFICE, "dave@example.com").substring(27)));
            // another program's line, and a record that is no shipper's JSON: neither is an event
            shipped.add(rsyslog("hostB", "2026-12-06T10:01:30+00:00 hostB sshd[77]: Failed password for root from "
                    + ATTACKER + " port 22 ssh2"));
            shipped.add("not json");
            // what a restarted watch sends again after a crash before its checkpoint: the same event, once more
            CliCall parsed = CliCall.run(Clock.systemUTC(),
                    "parse", "--host", "hostA", "--tz", "UTC", "--rules", rules, mainlog.toString());
            String again = parsed.out().lines().filter(l -> l.contains("\"line\":2,")).findFirst().orElseThrow();
            try (KafkaProducer<String, String> p = new KafkaProducer<>(producer(bs))) {
                for (String s : shipped) {
                    p.send(new ProducerRecord<>("authaudit.lines", null, s)).get(30, TimeUnit.SECONDS);
                }
                p.send(new ProducerRecord<>("authaudit.events", "hostA", again)).get(30, TimeUnit.SECONDS);
            }

            long t0 = System.nanoTime();
            CliCall run = CliCall.run(Clock.systemUTC(),
                    "fleet", "run", "--bootstrap", bs, "--app-id", "authaudit-fleet-it", "--state-dir",
                    work.resolve("streams").toString(), "--judge-every", "500ms", "--until-caught-up", "--timeout", "3m",
                    "--tz", "UTC", "--rules", rules);
            System.out.println("FleetIT: fleet run --until-caught-up took "
                    + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms; " + run.err().strip());
            assertThat(run.code()).as(run.err()).isZero();

            Path out = work.resolve("report");
            CliCall report = CliCall.run(Clock.systemUTC(),
                    "fleet", "report", "--bootstrap", bs, "--out", out.toString(), "--html", "--tz", "UTC");
            System.out.println("FleetIT: " + report.out().strip());
            assertThat(report.code()).as(report.err()).isZero();
            assertThat(report.out()).contains("fleet: 12 events from 4 servers",
                    ATTACKER + ": attacker fleet-wide, seen on 4 servers (8 failures: hostA 2, hostB 2, hostC 2, hostD 2)");

            // the whole fleet: one correlator over every server's events
            JsonNode fleet = ReportSchema.assertValid(Files.readString(out.resolve("fleet.json")));
            assertThat(verdict(fleet, ATTACKER)).isEqualTo("attacker");
            assertThat(verdict(fleet, OFFICE)).isNotEqualTo("attacker");
            assertThat(fleet.path("blocks")).isEmpty();
            // each server alone, as scan of its own logs: two failures of one login say nothing
            for (String h : List.of("hostA", "hostB", "hostC", "hostD")) {
                JsonNode one = ReportSchema.assertValid(Files.readString(out.resolve("hosts/" + h + ".json")));
                assertThat(verdict(one, ATTACKER)).as(h).isEqualTo("unknown");
                assertThat(Files.readString(out.resolve("hosts/" + h + ".html"))).contains("<html");
            }
            // a shipped server's report says what scan of the same lines in a file says
            for (String h : List.of("hostC", "hostD")) {
                Path file = Files.createDirectories(work.resolve("scan-" + h)).resolve("exim_mainlog");
                Files.write(file, h.equals("hostC") ? rawC : rawD);
                CliCall scan = CliCall.run(Clock.systemUTC(),
                        "scan", "--no-history", "--no-progress", "--format", "json", "--tz", "UTC", "--rules", rules,
                        file.toString());
                assertThat(scan.code()).as(scan.err()).isZero();
                JsonNode byScan = MAPPER.readTree(scan.out());
                JsonNode byFleet = MAPPER.readTree(Files.readString(out.resolve("hosts/" + h + ".json")));
                assertThat(verdicts(byFleet, "ips", "ip")).as(h).isEqualTo(verdicts(byScan, "ips", "ip")).isNotEmpty();
                assertThat(verdicts(byFleet, "accounts", "account")).as(h).isEqualTo(verdicts(byScan, "accounts", "account"));
            }
            // the Streams app's own verdict topic agrees
            JsonNode verdicts = MAPPER.readTree(Files.readString(out.resolve("fleet-verdicts.json")));
            JsonNode a = null;
            for (JsonNode v : verdicts) {
                if (ATTACKER.equals(v.path("ip").asText())) {
                    a = v;
                }
                assertThat(v.path("ip").asText()).as("an address from a hostile login").isNotEqualTo(OFFICE + " ");
            }
            assertThat(a).as(verdicts.toString()).isNotNull();
            assertThat(a.path("verdict").asText()).isEqualTo("attacker");
            assertThat(a.path("hosts").toString()).isEqualTo("[\"hostA\",\"hostB\",\"hostC\",\"hostD\"]");
            assertThat(a.path("failures").asLong()).isEqualTo(8);
            assertThat(a.path("network").asText()).isEqualTo("198.51.100.0/24");
            for (JsonNode v : verdicts) {
                if (OFFICE.equals(v.path("ip").asText())) {
                    assertThat(v.path("verdict").asText()).isNotEqualTo("attacker");
                }
            }
            // the login step's account-verdict topic says what one correlator over every server's events says
            java.util.Map<String, String> accounts = new java.util.TreeMap<>();
            TopicReader.latest(bs, "authaudit.accounts").forEach((k, v) -> accounts.put(k, FleetAccountVerdict.read(v).verdict()));
            assertThat(accounts).as("authaudit.accounts").isEqualTo(verdicts(fleet, "accounts", "account")).isNotEmpty();
            System.out.println("FleetIT: account verdicts " + accounts);
            fleetAct(bs, work, rules);
            System.out.println("FleetIT: broker RSS at the end " + broker.rssMb() + " MB");
        }
    }

    /**
     * A server's watch acts on the verdict topic with --fleet-act block --execute, through a fake csf that records its
     * arguments: the attacker is blocked once (a restart blocks nothing again), and when the fleet's latest verdict of
     * it is another word the block is lifted, csf.tempban holding no other block of it.
     */
    private static void fleetAct(String bs, Path work, String rules) throws Exception {
        Path dir = Files.createDirectories(work.resolve("hostX"));
        Path argv = dir.resolve("csf-argv.txt");
        Path csf = dev.authaudit.testing.FakeCsf.write(dir.resolve("csf"), argv);
        Files.writeString(dir.resolve("csf.conf"), "LF_SMTPAUTH = \"5\"\n");
        Files.writeString(dir.resolve("csf.allow"), "# nothing\n");
        Path tempban = dir.resolve("csf.tempban");
        Path mainlog = dir.resolve("exim_mainlog");
        Files.writeString(mainlog, success("2026-12-06 10:00:05", 4900, OFFICE, "carol@example.com") + "\n");
        String[] watch = {"watch", "--once", "--fleet-verdicts", "kafka://" + bs + "/authaudit.verdicts", "--fleet-act",
            "block", "--execute", "--csf", csf.toString(), "--csf-conf", dir.resolve("csf.conf").toString(),
            "--csf-tempban", tempban.toString(), "--state", dir.resolve("state").toString(), "--host", "hostX", "--tz",
            "UTC", "--rules", rules, mainlog.toString()};
        CliCall first = CliCall.run(Clock.systemUTC(), watch);
        System.out.println("FleetIT: watch --fleet-act block --execute said:\n" + first.err().strip());
        assertThat(first.code()).as(first.err()).isZero();
        String blocked = "-td\n" + ATTACKER + "\n86400\nauthaudit fleet attacker 8 failures on 4 servers hostA hostB hostC"
                + " hostD\nEND\n";
        assertThat(Files.readString(argv)).isEqualTo(blocked);
        assertThat(first.err()).contains("authaudit: fleet verdict: " + ATTACKER + " attacker fleet-wide")
                .contains("blocked for 24h");
        CliCall restart = CliCall.run(Clock.systemUTC(), watch);
        assertThat(restart.code()).as(restart.err()).isZero();
        assertThat(Files.readString(argv)).as("a restart blocks nothing again").isEqualTo(blocked);
        assertThat(restart.err()).contains("already blocked by this hook until");
        // the fleet changes its mind: its latest verdict of the address is another word
        long now = java.time.Instant.now().getEpochSecond();
        Files.writeString(tempban, now + "|" + ATTACKER + "||in|86400|authaudit fleet attacker 8 failures on 4 servers"
                + " hostA hostB hostC hostD\n");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producer(bs))) {
            p.send(new ProducerRecord<>("authaudit.verdicts", ATTACKER, "{\"ip\":\"" + ATTACKER + "\",\"network\":"
                    + "\"198.51.100.0/24\",\"verdict\":\"customer\",\"confidence\":0.8,\"failures_by_host\":{}}"))
                    .get(30, TimeUnit.SECONDS);
        }
        CliCall withdrawn = CliCall.run(Clock.systemUTC(), watch);
        assertThat(withdrawn.code()).as(withdrawn.err()).isZero();
        assertThat(Files.readString(argv)).isEqualTo(blocked + "-tr\n" + ATTACKER + "\nEND\n");
        assertThat(withdrawn.err()).contains("authaudit: fleet verdict withdrawn: " + ATTACKER + " is no longer an"
                + " attacker fleet-wide (now customer)").contains("lifted its block");
        CliCall log = CliCall.run(Clock.systemUTC(), "hook", "log", "--tz", "UTC", "--state", dir.resolve("state").toString());
        assertThat(log.out()).contains("1 block run").contains("1 lift");
    }

    private static java.util.Map<String, String> verdicts(JsonNode report, String list, String key) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        report.path(list).forEach(e -> m.put(e.path(key).asText(), e.path("verdict").asText()));
        return m;
    }

    private static String verdict(JsonNode report, String ip) {
        for (JsonNode i : report.path("ips")) {
            if (ip.equals(i.path("ip").asText())) {
                return i.path("verdict").asText();
            }
        }
        return null;
    }

    /** rsyslog omkafka with the template of docs/fleet.md. */
    private static String rsyslog(String host, String line) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("timestamp", line.substring(0, 25));
        n.put("host", host);
        n.put("file", "imuxsock");
        n.put("message", line);
        return n.toString();
    }

    /** Vector: file source, kafka sink, JSON codec. */
    private static String vector(String host, String line) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", "/var/log/exim_mainlog");
        n.put("host", host);
        n.put("message", line);
        n.put("source_type", "file");
        n.put("timestamp", "2026-12-06T10:05:00.123456Z");
        return n.toString();
    }

    /** Filebeat: filestream input, kafka output (codec.json). */
    private static String filebeat(String host, String line) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("@timestamp", "2026-12-06T10:05:00.123Z");
        n.putObject("@metadata").put("beat", "filebeat").put("type", "_doc").put("version", "8.15.0");
        n.putObject("log").put("offset", 1234).putObject("file").put("path", "/var/log/exim_mainlog");
        n.put("message", line);
        n.putObject("input").put("type", "filestream");
        n.putObject("host").put("name", host);
        n.putObject("agent").put("type", "filebeat").put("name", host);
        return n.toString();
    }

    private static Properties producer(String bs) {
        Properties p = KafkaClients.producer(bs, null);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
