package dev.authaudit.fleet;

import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The fleet's Kafka Streams topology:
 * <ol>
 *   <li>shipped raw lines (rsyslog, Vector, Filebeat JSON) are parsed by the same rules and program
 *       dispatch as files, the shipper's host standing for the input's name, and join the events topic;</li>
 *   <li>events (from {@code watch --publish} and step 1), in event time, are re-keyed by source network and
 *       repartitioned, so one task holds every server's events of a network;</li>
 *   <li>{@link NetworkJudge} keeps them in state stores and writes changed address verdicts to the verdict
 *       topic (compacted, keyed by address).</li>
 * </ol>
 */
final class FleetTopology {
    private final Topics topics;
    private final Supplier<LineParser> parsers;
    private final Judge judge;
    private final Duration grace;
    private final Duration retention;
    private final Duration judgeEvery;
    /** The year reference of a shipped line whose shipper gave no time (the command's wall clock). */
    private final java.time.Clock clock;

    /** The topic names. */
    record Topics(String lines, String events, String verdicts) {
    }

    FleetTopology(Topics topics, Supplier<LineParser> parsers, Judge judge, Duration grace, Duration retention,
                  Duration judgeEvery, java.time.Clock clock) {
        this.clock = clock;
        this.topics = topics;
        this.parsers = parsers;
        this.judge = judge;
        this.grace = grace;
        this.retention = retention;
        this.judgeEvery = judgeEvery;
    }

    Topology build() {
        StreamsBuilder b = new StreamsBuilder();
        LineParser parser = parsers.get();
        EventJson json = new EventJson();
        b.stream(topics.lines(), Consumed.with(Serdes.String(), Serdes.String()))
                .flatMap((key, value) -> {
                    ShippedLine s = value == null ? null : ShippedLine.read(value);
                    if (s == null) {
                        return List.of();
                    }
                    Instant ref = s.time() != null ? s.time() : clock.instant();
                    Parsed p;
                    synchronized (parser) {
                        p = parser.parse(new RawLine(s.file(), 0, s.message(), RawLine.UNSCANNED, s.host()), ref);
                    }
                    if (p.status() != Parsed.Status.EVENT || p.event() == null) {
                        return List.of();
                    }
                    LogEvent e = p.event();
                    String host = e.origin().host() == null ? "-" : e.origin().host();
                    return List.of(KeyValue.pair(host, json.toJson(e)));
                })
                .to(topics.events(), Produced.with(Serdes.String(), Serdes.String()));

        KStream<String, String> events = b.stream(topics.events(),
                Consumed.with(Serdes.String(), Serdes.String()).withTimestampExtractor(new EventTime()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NetworkJudge.EVENTS),
                Serdes.String(), Serdes.String()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NetworkJudge.DIRTY),
                Serdes.String(), Serdes.String()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NetworkJudge.VERDICTS),
                Serdes.String(), Serdes.String()));
        events.selectKey((host, value) -> NetworkKey.of(ipOf(json, value)))
                .filter((network, value) -> network != null)
                .repartition(Repartitioned.<String, String>as("by-network")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .process(() -> new NetworkJudge(judge, grace, retention, judgeEvery),
                        NetworkJudge.EVENTS, NetworkJudge.DIRTY, NetworkJudge.VERDICTS)
                .to(topics.verdicts(), Produced.with(Serdes.String(), Serdes.String()));
        return b.build();
    }

    private static String ipOf(EventJson json, String value) {
        try {
            return json.read(value).ip();
        } catch (RuntimeException e) {
            return null; // not an events-v1 object: not judged
        }
    }

    /** Streams settings: exactly_once_v2, the application id, the state folder. */
    static Properties config(String bootstrap, String appId, String stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1");
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }
}
