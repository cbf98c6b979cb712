package dev.authaudit.fleet;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.report.Report;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit fleet report}: report-v1 for the whole fleet and for each server. */
@Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Write report-v1 JSON (and HTML) for the whole fleet and for each server.",
        description = {"Reads the events topic to its end (committed records only) and the verdict topic that",
            "'fleet run' keeps; writes DIR/fleet.json, DIR/hosts/HOST.json (and .html with --html) and",
            "DIR/fleet-verdicts.json, and lists the addresses judged on several servers."})
public final class FleetReportCommand implements Callable<Integer> {
    @Mixin
    FleetTopicOptions kafka = new FleetTopicOptions();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the reports.")
    Path out;

    @Option(names = "--html", description = "Also write each report as an HTML page.")
    boolean html;

    @Option(names = "--tz", paramLabel = "ZONE", description = "Zone of generated_at. Default: the system's zone.")
    String tz;

    @Option(names = "--config", paramLabel = "FILE", description = "authaudit.yaml: its tz; the command line wins.")
    Path config;

    @Option(names = "--top", paramLabel = "N", description = "Attacking addresses listed in the HTML pages.")
    int top = 10;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    public FleetReportCommand() {
        this(Clock.systemUTC());
    }

    public FleetReportCommand(dev.authaudit.cli.Context context) {
        this(context.clock());
    }

    private FleetReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (config != null) {
            dev.authaudit.cli.ConfigOverlay file = dev.authaudit.cli.ConfigOverlay.load(config, spec);
            file.set("--tz", "tz", file.config().input().tz(), v -> tz = v);
        }
        EventJson json = new EventJson();
        List<LogEvent> events = new ArrayList<>();
        long bad = 0;
        // a record sent twice (watch re-sends lines read after its last checkpoint when restarted after a crash)
        // is the same event-v1 text: it counts once, as in fleet run's stores
        for (String v : new java.util.LinkedHashSet<>(readToEnd(kafka.events).values())) {
            try {
                events.add(json.read(v));
            } catch (RuntimeException e) {
                bad++;
            }
        }
        Map<String, FleetVerdict> verdicts = new TreeMap<>();
        for (var e : readToEnd(kafka.verdicts).entrySet()) {
            verdicts.put(e.getKey().substring(e.getKey().indexOf('\u0000') + 1), FleetVerdict.read(e.getValue()));
        }
        ZoneId zone = tz == null ? ZoneId.systemDefault() : ZoneId.of(tz);
        Map<String, Report> reports = new FleetReport(new Judge(CsfConfig.defaults()))
                .build(events, clock.instant().atZone(zone).toOffsetDateTime());
        List<Path> written = FleetReport.write(reports, out, html, top);
        StringBuilder v = new StringBuilder("[");
        for (FleetVerdict f : verdicts.values()) {
            v.append(v.length() > 1 ? ",\n " : "").append(f.toJson());
        }
        Files.writeString(out.resolve("fleet-verdicts.json"), v.append("]\n"), StandardCharsets.UTF_8);
        o.println("fleet: " + events.size() + " events from " + (reports.size() - 1) + " server"
                + (reports.size() == 2 ? "" : "s") + (bad > 0 ? " (" + bad + " records not events-v1, skipped)" : "")
                + "; " + written.size() + " reports in " + out);
        for (FleetVerdict f : verdicts.values()) {
            if (f.hostsSeen().size() > 1) {
                StringBuilder by = new StringBuilder();
                f.failuresByHost().forEach((h, n) -> by.append(by.length() == 0 ? "" : ", ").append(safe(h)).append(' ')
                        .append(n));
                o.println("  " + f.ip() + ": " + f.verdict() + " fleet-wide, seen on " + f.hostsSeen().size()
                        + " servers (" + f.failures() + (f.failures() == 1 ? " failure" : " failures")
                        + (by.length() == 0 ? "" : ": " + by) + ")");
            }
        }
        o.flush();
        return 0;
    }

    /** Printable: no control characters from other programs' text. */
    private static String safe(String s) {
        return s.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
    }

    /**
     * The records of a topic from its start to the end it had when asked (committed ones only), keyed by
     * partition, offset and record key (the value of the latest record per key for compacted topics is the
     * last one put).
     */
    private Map<String, String> readToEnd(String topic) {
        Properties p = KafkaClients.committedReader(kafka.bootstrap, null);
        boolean compacted = topic.equals(kafka.verdicts);
        Map<String, String> got = new java.util.LinkedHashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic, Duration.ofSeconds(60)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(60)) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 5 minutes");
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue;
                    }
                    String key = compacted ? "\u0000" + r.key() : r.partition() + ":" + r.offset();
                    got.put(key, r.value());
                }
            }
        }
        return got;
    }
}
