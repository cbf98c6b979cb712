package dev.authaudit.fleet;

import dev.authaudit.testing.CliCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end throughput of the fleet on this machine (a benchmark, not a test; bench/fleet.sh runs it):
 * simulated logs of N servers are parsed into events-v1, sent to a single-node KRaft broker with the
 * publisher's producer settings (idempotent, acks=all), then one {@code fleet run} instance (exactly_once_v2, a JVM
 * of its own) judges them. Prints the machine's load, broker start time, the send rate, the instance's start-up and
 * its sustained rate after start-up (from the committed offsets of the judging step), broker and app RSS, the
 * end-to-end latency of five new guessers, and the state's size per million addresses.
 * Usage: {@code FleetBenchMain WORKDIR HOSTS DAYS MAILBOXES [BUSY]}: with BUSY, one more network (198.18.7.0/24, 64
 * addresses) fails BUSY times a day, spread evenly over the days and across the servers (guessed logins, one
 * failure each 86,400/BUSY s), a network whose judgement re-reads all of its retained events.
 */
public final class FleetBenchMain {
    private FleetBenchMain() {
    }

    static long rssMb(long pid) throws java.io.IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String l : Files.readAllLines(status)) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int hosts = Integer.parseInt(args[1]);
        String days = args[2];
        String boxes = args[3];
        String rules = Path.of(System.getProperty("authaudit.repo", ".")).toAbsolutePath().resolve("rules").toString();
        Files.createDirectories(work);
        // a broker of its own each time: topics and committed offsets of an earlier run would end this one at once
        FleetProcesses.deleteTree(work.resolve("broker"));
        List<String[]> events = new ArrayList<>();
        for (int h = 1; h <= hosts; h++) {
            Path logs = work.resolve("logs-" + h);
            if (!Files.exists(logs.resolve("truth.json"))) {
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
                int made = dev.authaudit.sim.SimulateMain.run(new String[] {"--out", logs.toString(), "--days", days,
                    "--mailboxes", boxes, "--seed", Integer.toString(100 + h), "--start", "2025-03-10T00:00",
                    "--zone", "UTC"}, quiet, quiet);
                if (made != 0) {
                    throw new IllegalStateException(sink.toString());
                }
            }
            String host = "mx" + h;
            for (String line : CliCall.run(Clock.systemUTC(),
                    "parse", "--tz", "UTC", "--year", "2025", "--host", host, "--rules", rules,
                    logs.toString()).outIfExited(0).split("\n")) {
                if (!line.isBlank()) {
                    events.add(new String[] {host, line.replaceFirst("\"host\":\"[^\"]*\"", "\"host\":\"" + host + "\"")});
                }
            }
        }
        int busy = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        if (busy > 0) {
            int before = events.size();
            busyNetwork(events, hosts, Integer.parseInt(days), busy);
            System.out.println("busy network 198.18.7.0/24: " + (events.size() - before) + " failures (" + busy
                    + " a day across the servers)");
        }
        System.out.println("events: " + events.size() + " from " + hosts + " simulated servers (" + days + " days, "
                + boxes + " mailboxes each)");
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + loadAverage());
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"), Duration.ofSeconds(120))) {
            System.out.println("broker: ready in " + broker.readyMillis + " ms, RSS " + broker.rssMb() + " MB");
            String bs = broker.bootstrap();
            long t0 = System.nanoTime();
            try (KafkaProducer<String, String> p = new KafkaProducer<>(KafkaEventPublisher.config(bs))) {
                for (String[] e : events) {
                    p.send(new ProducerRecord<>("authaudit.events", e[0], e[1]));
                }
                p.flush();
            }
            double sendS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("send: %.1f s, %.0f events/s (idempotent, acks=all, zstd)%n", sendS, events.size() / sendS);

            // one fleet run instance in a JVM of its own, so that its RSS is its own
            String app = "authaudit-fleet-bench";
            Path state = work.resolve("streams-" + System.nanoTime());
            Path log = work.resolve("fleet-run.log");
            long started = System.nanoTime();
            List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseG1GC"));
            String jfr = System.getenv("FLEET_BENCH_JFR");
            if (jfr != null && !jfr.isBlank()) {
                Files.createDirectories(Path.of(jfr));
                jvm.add("-XX:StartFlightRecording:settings=profile,dumponexit=true,filename="
                        + Path.of(jfr).toAbsolutePath() + "/");
            }
            Process run = FleetProcesses.cli(jvm, work, log, "fleet", "run", "--bootstrap",
                    bs, "--app-id", app, "--state-dir", state.toString(), "--grace", "3d", "--retention", "3d",
                    "--tz", "UTC", "--rules", rules);
            try (Admin admin = Admin.create(adminConfig(bs))) {
                String repartition = app + "-by-network-repartition";
                long firstProgress = -1;
                long done = -1;
                long peakRss = 0;
                long judged = 0;
                while (done < 0) {
                    if (!run.isAlive()) {
                        throw new IllegalStateException("fleet run exited " + run.exitValue() + ": " + Files.readString(log));
                    }
                    if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(30)) {
                        throw new IllegalStateException("fleet run did not catch up within 30 minutes");
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                    peakRss = Math.max(peakRss, rssMb(run.pid()));
                    judged = committed(admin, app, repartition);
                    if (judged > 0 && firstProgress < 0) {
                        firstProgress = System.nanoTime();
                    }
                    if (committed(admin, app, "authaudit.events") >= events.size() && lag(admin, app, repartition) == 0) {
                        done = System.nanoTime();
                    }
                }
                double startUp = (firstProgress - started) / 1e9;
                double steady = (done - firstProgress) / 1e9;
                // the repartition topic's offsets count transaction markers too: the rate is taken over the events,
                // from the first committed judgement (start-up over) to the last
                System.out.printf("fleet run (one instance, exactly_once_v2, --judge-every 1s): start-up %.1f s (process"
                        + " start to the first committed judgement); then all %,d events judged %.1f s later: %.0f"
                        + " events/s sustained%n", startUp, events.size(), steady, events.size() / steady);
                System.out.println("RSS: broker " + broker.rssMb() + " MB, fleet run " + rssMb(run.pid()) + " MB (peak "
                        + peakRss + " MB, -Xmx1g)");

                // end-to-end latency: a new guesser's failures sent now, until its verdict is committed on the topic
                List<Long> latencies = probes(bs, events);
                System.out.println("end-to-end latency (send of the 20th failure of a new guesser to its attacker verdict"
                        + " committed on authaudit.verdicts), 5 probes: " + latencies.stream().map(ms -> ms + " ms")
                        .toList());

            } finally {
                run.destroy();
                if (!run.waitFor(60, TimeUnit.SECONDS)) {
                    run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            // the stores' size once the instance has stopped (RocksDB flushed); the changelogs' log segments
            long addresses = events.stream().map(e -> field(e[1], "ip")).filter(x -> x != null).distinct().count();
            long store = size(state);
            long changelogs = 0;
            try (var dirs = Files.list(work.resolve("broker/data"))) {
                for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(app)).toList()) {
                    changelogs += d.getFileName().toString().contains("changelog") ? size(d, ".log") : 0;
                }
            }
            System.out.printf("state: %,d distinct source addresses, %,d events retained; local stores %.1f MB,"
                    + " changelog topics %.1f MB; per million events retained: %.0f MB of stores, %.0f MB of changelog;"
                    + " per million addresses at this site's %.1f events per address: %.0f MB of stores%n", addresses,
                    events.size(), store / 1e6, changelogs / 1e6, store / 1e6 * 1_000_000.0 / events.size(),
                    changelogs / 1e6 * 1_000_000.0 / events.size(), (double) events.size() / addresses,
                    store / 1e6 * 1_000_000.0 / addresses);
            System.out.println("machine: load average at the end " + loadAverage());
        }
    }

    /**
     * Adds one network's guessing: {@code perDay} failures a day for {@code days} days from the simulator's start,
     * in time order, round robin over the servers, from 64 addresses of 198.18.7.0/24 on 500 guessed logins.
     */
    private static void busyNetwork(List<String[]> events, int hosts, int days, int perDay) {
        String template = events.stream().map(e -> e[1]).filter(j -> j.contains("\"type\":\"auth_failure\"")
                && !j.contains("\"detail\":true")).findFirst().orElseThrow();
        java.time.Instant start = java.time.Instant.parse("2025-03-10T00:00:00Z");
        long total = (long) perDay * days;
        double step = 86_400_000.0 / perDay;
        for (long i = 0; i < total; i++) {
            String host = "mx" + (1 + i % hosts);
            String t = start.plusMillis((long) (i * step)).toString();
            events.add(new String[] {host, template
                    .replaceFirst("\"ip\":\"[^\"]*\"", "\"ip\":\"198.18.7." + (1 + i % 64) + "\"")
                    .replaceFirst("\"account\":\"[^\"]*\"", "\"account\":\"guess" + (i * 7919 % 500) + "@example.net\"")
                    .replaceFirst("\"time\":\"[^\"]*\"", "\"time\":\"" + t + "\"")
                    .replaceFirst("\"host\":\"[^\"]*\"", "\"host\":\"" + host + "\"")});
        }
    }

    private static String loadAverage() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
    }

    private static Properties adminConfig(String bs) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bs);
        return p;
    }

    /** The application's committed offsets on {@code topic}, summed over its partitions. */
    private static long committed(Admin admin, String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** The records of {@code topic} the application has not committed, a transaction's end marker aside. */
    private static long lag(Admin admin, String group, String topic) throws Exception {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        java.util.Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ask = new java.util.HashMap<>();
        var d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        d.partitions().forEach(i -> ask.put(new TopicPartition(topic, i.partition()),
                org.apache.kafka.clients.admin.OffsetSpec.latest()));
        long lag = 0;
        for (var e : admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).entrySet()) {
            var c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()) - 1);
        }
        return lag;
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static long size(Path dir) throws java.io.IOException {
        return size(dir, "");
    }

    /** The bytes of the files under {@code dir} whose names end with {@code suffix}. */
    private static long size(Path dir, String suffix) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(suffix))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /**
     * Five new guessers (each in a network of its own, 20 logins once each at the newest event time), sent one at a
     * time; returns the milliseconds from each one's last send to its attacker verdict on the verdict topic.
     */
    private static List<Long> probes(String bs, List<String[]> events) throws Exception {
        String template = events.stream().map(e -> e[1]).filter(j -> j.contains("\"type\":\"auth_failure\""))
                .findFirst().orElseThrow();
        java.time.Instant newest = events.stream().map(e -> java.time.Instant.parse(field(e[1], "time")))
                .max(java.util.Comparator.naturalOrder()).orElseThrow();
        Properties c = KafkaClients.committedReader(bs, null);
        List<Long> out = new ArrayList<>();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(KafkaEventPublisher.config(bs));
             KafkaConsumer<String, String> verdicts = new KafkaConsumer<>(c)) {
            List<TopicPartition> parts = verdicts.partitionsFor("authaudit.verdicts").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            verdicts.assign(parts);
            verdicts.seekToEnd(parts);
            parts.forEach(verdicts::position);
            for (int k = 1; k <= 5; k++) {
                // a /24 of its own, outside the simulator's customers (192.0.2/24) and its scattered guessers
                String ip = "198.19." + (250 + k) + ".9";
                for (int i = 0; i < 20; i++) {
                    String t = newest.plusSeconds(60L * k + i).toString();
                    p.send(new ProducerRecord<>("authaudit.events", "probe", template
                            .replaceFirst("\"ip\":\"[^\"]*\"", "\"ip\":\"" + ip + "\"")
                            .replaceFirst("\"account\":\"[^\"]*\"", "\"account\":\"probe" + i + "@example.org\"")
                            .replaceFirst("\"time\":\"[^\"]*\"", "\"time\":\"" + t + "\"")
                            .replaceFirst("\"host\":\"[^\"]*\"", "\"host\":\"probe\"")));
                }
                p.flush();
                long sent = System.nanoTime();
                long got = -1;
                while (got < 0 && System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(120)) {
                    for (var r : verdicts.poll(Duration.ofMillis(50))) {
                        if (ip.equals(r.key()) && r.value().contains("\"verdict\":\"attacker\"")) {
                            got = System.nanoTime();
                        }
                    }
                }
                out.add(got < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(got - sent));
            }
        }
        return out;
    }
}
