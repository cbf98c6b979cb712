package dev.authaudit.fleet;

import dev.authaudit.cli.Cli;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;

/**
 * End-to-end throughput of the fleet on this machine (a benchmark, not a test; bench/fleet.sh runs it):
 * simulated logs of N servers are parsed into events-v1, sent to a single-node KRaft broker with the
 * publisher's producer settings (idempotent, acks=all), then {@code fleet run --until-caught-up} judges them
 * (exactly_once_v2, one instance). Prints broker start time, events, send and judge rates and RSS.
 * Usage: {@code FleetBenchMain WORKDIR HOSTS DAYS MAILBOXES}.
 */
public final class FleetBenchMain {
    private FleetBenchMain() {
    }

    private static String cli(String... args) {
        CommandLine cl = Cli.create(new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + code + ": " + err);
        }
        return out.toString();
    }

    static long rssMb(long pid) throws java.io.IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
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
            for (String line : cli("parse", "--tz", "UTC", "--year", "2025", "--host", host, "--rules", rules,
                    logs.toString()).split("\n")) {
                if (!line.isBlank()) {
                    events.add(new String[] {host, line.replaceFirst("\"host\":\"[^\"]*\"", "\"host\":\"" + host + "\"")});
                }
            }
        }
        System.out.println("events: " + events.size() + " from " + hosts + " simulated servers (" + days + " days, "
                + boxes + " mailboxes each)");
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"), Duration.ofSeconds(120))) {
            System.out.println("broker: ready in " + broker.readyMillis + " ms, RSS " + broker.rssMb() + " MB");
            long t0 = System.nanoTime();
            try (KafkaProducer<String, String> p = new KafkaProducer<>(KafkaEventPublisher.config(broker.bootstrap()))) {
                for (String[] e : events) {
                    p.send(new ProducerRecord<>("authaudit.events", e[0], e[1]));
                }
                p.flush();
            }
            double sendS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("send: %.1f s, %.0f events/s (idempotent, acks=all, zstd)%n", sendS, events.size() / sendS);
            long t1 = System.nanoTime();
            cli("fleet", "run", "--bootstrap", broker.bootstrap(), "--app-id", "authaudit-fleet-bench", "--state-dir",
                    work.resolve("streams-" + System.nanoTime()).toString(), "--grace", "3d", "--judge-every", "5s",
                    "--until-caught-up", "--timeout", "30m", "--tz", "UTC", "--rules", rules);
            double runS = (System.nanoTime() - t1) / 1e9;
            System.out.printf("fleet run --until-caught-up: %.1f s incl. start-up and the caught-up check,"
                    + " %.0f events/s end to end (exactly_once_v2, one instance, --judge-every 5s)%n", runS,
                    events.size() / runS);
            System.out.println("RSS: broker " + broker.rssMb() + " MB, this JVM (fleet app + producer) "
                    + rssMb(ProcessHandle.current().pid()) + " MB");
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}
