package dev.authaudit.fleet;

import dev.authaudit.act.notice.NoticePolicy;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
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
 *   <li>events (from {@code watch --publish} and step 1), in event time, go to two keyed steps: every event
 *       with an address, re-keyed by source network, to {@link NetworkJudge} (the address step); every attempt
 *       with a login, re-keyed by login, to {@link LoginJudge} (the login step);</li>
 *   <li>the steps link through two topics: the login step's {@link LoginFact}s keyed by network, the address
 *       step's {@link AddressFact}s keyed by login; the address step's campaign candidates meet in
 *       {@link CampaignJudge}, whose members go back keyed by network;</li>
 *   <li>out: address verdicts (compacted, key address), block verdicts (compacted, key server|address|time),
 *       account verdicts (compacted, key login) and notice candidates (key incident).</li>
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
    private final NoticePolicy noticePolicy;
    private final EndOfInput endOfInput = new EndOfInput();
    private EventCache cache = new EventCache(EventCache.DEFAULT_EVENTS);
    private LiveAuditors live = new LiveAuditors(LiveAuditors.DEFAULT_EVENTS);

    /**
     * The topic names. The login step's topics take the verdict topic's prefix ({@code authaudit.verdicts}:
     * {@code authaudit.accounts}, {@code authaudit.blocks}, {@code authaudit.notices}, and the two topics that
     * link the steps, {@code authaudit.login-facts} and {@code authaudit.address-facts}).
     */
    record Topics(String lines, String events, String verdicts) {
        String prefix() {
            int dot = verdicts.lastIndexOf('.');
            return dot > 0 ? verdicts.substring(0, dot) : verdicts;
        }

        /** Account verdicts, compacted, keyed by login. */
        String accounts() {
            return prefix() + ".accounts";
        }

        /** Block explanations, compacted, keyed by server|address|time. */
        String blocks() {
            return prefix() + ".blocks";
        }

        /** Notice candidates, keyed by incident. */
        String notices() {
            return prefix() + ".notices";
        }

        /** {@link LoginFact}s, keyed by network (login step to address step). */
        String loginFacts() {
            return prefix() + ".login-facts";
        }

        /** Campaign members, keyed by network (campaign step to address step). */
        String campaignMembers() {
            return prefix() + ".campaign-members";
        }

        /** {@link AddressFact}s, keyed by login (address step to login step). */
        String addressFacts() {
            return prefix() + ".address-facts";
        }
    }

    FleetTopology(Topics topics, Supplier<LineParser> parsers, Judge judge, Duration grace, Duration retention,
                  Duration judgeEvery, java.time.Clock clock) {
        this(topics, parsers, judge, grace, retention, judgeEvery, clock, NoticePolicy.defaults());
    }

    FleetTopology(Topics topics, Supplier<LineParser> parsers, Judge judge, Duration grace, Duration retention,
                  Duration judgeEvery, java.time.Clock clock, NoticePolicy noticePolicy) {
        this.noticePolicy = noticePolicy;
        this.clock = clock;
        this.topics = topics;
        this.parsers = parsers;
        this.judge = judge;
        this.grace = grace;
        this.retention = retention;
        this.judgeEvery = judgeEvery;
    }

    /**
     * Sets how many decoded events the instance holds for its judgements ({@link EventCache}; 0: none, every
     * judgement reads and decodes its key's events from the store). The default is {@link EventCache#DEFAULT_EVENTS}.
     */
    FleetTopology judgeCache(long events) {
        this.cache = new EventCache(events);
        return this;
    }

    /**
     * Sets how many events the instance's live auditors are fed at most ({@link LiveAuditors}; 0: none, every
     * judgement re-audits its key's events). The default is {@link LiveAuditors#DEFAULT_EVENTS}.
     */
    FleetTopology liveJudge(long events) {
        return liveJudge(events, LiveAuditors.MIN_EVENTS);
    }

    /** As {@link #liveJudge(long)}, with a live auditor for keys of at least {@code minEvents} events. */
    FleetTopology liveJudge(long events, int minEvents) {
        this.live = new LiveAuditors(events, minEvents);
        return this;
    }

    /** The instance's live auditors (for a look at how they went). */
    LiveAuditors liveAuditors() {
        return live;
    }

    /** The instance's decoded events (for a look at how many it holds). */
    EventCache judgeCache() {
        return cache;
    }

    /** What a batch run sets once its input is finished (the login step then decides its open periods). */
    EndOfInput endOfInput() {
        return endOfInput;
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
        for (String store : NetworkJudge.STORES) {
            b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.String()));
        }
        for (String store : CampaignJudge.STORES) {
            b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.String()));
        }
        for (String store : LoginJudge.STORES) {
            b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.String()));
        }
        Produced<String, String> strings = Produced.with(Serdes.String(), Serdes.String());
        // the address step: every event with an address, and the login step's facts, keyed by network
        KStream<String, String> loginFacts = b.stream(topics.loginFacts(), Consumed.with(Serdes.String(),
                Serdes.String())).mapValues(v -> "F" + v);
        KStream<String, String> byNetwork = events.map((host, value) -> KeyValue.pair(NetworkKey.of(ipOf(json, value)),
                        "E" + value))
                .filter((network, value) -> network != null)
                .merge(loginFacts)
                .merge(b.stream(topics.campaignMembers(), Consumed.with(Serdes.String(), Serdes.String()))
                        .mapValues(v -> "M" + v))
                .repartition(Repartitioned.<String, String>as("by-network")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .process(() -> new NetworkJudge(judge, grace, retention, judgeEvery, cache, live), NetworkJudge.STORES);
        byNetwork.filter((k, v) -> v.startsWith("V")).mapValues(v -> v.substring(1)).to(topics.verdicts(), strings);
        byNetwork.filter((k, v) -> v.startsWith("B")).mapValues(v -> v.substring(1)).to(topics.blocks(), strings);
        byNetwork.filter((k, v) -> v.startsWith("C")).mapValues(v -> v.substring(1)).to(topics.addressFacts(), strings);
        // the campaign step: every network's candidates in one task; its members go back by network
        byNetwork.filter((k, v) -> v.startsWith("K")).mapValues(v -> v.substring(1))
                .repartition(Repartitioned.<String, String>as("campaign-candidates")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()).withNumberOfPartitions(1))
                .process(() -> new CampaignJudge(judgeEvery), CampaignJudge.STORES)
                .to(topics.campaignMembers(), strings);
        // the login step: every attempt with a login, and the address step's facts, keyed by login
        KStream<String, String> addressFacts = b.stream(topics.addressFacts(), Consumed.with(Serdes.String(),
                Serdes.String())).mapValues(v -> "C" + v);
        KStream<String, String> byLogin = events.map((host, value) -> KeyValue.pair(loginOf(json, value), "E" + value))
                .filter((login, value) -> login != null)
                .merge(addressFacts)
                .repartition(Repartitioned.<String, String>as("by-login")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .process(() -> new LoginJudge(judge, noticePolicy, grace, retention, judgeEvery,
                        endOfInput, cache, live), LoginJudge.STORES);
        byLogin.filter((k, v) -> v.startsWith("A")).mapValues(v -> v.substring(1)).to(topics.accounts(), strings);
        byLogin.filter((k, v) -> v.startsWith("F")).mapValues(v -> v.substring(1)).to(topics.loginFacts(), strings);
        byLogin.filter((k, v) -> v.startsWith("N")).mapValues(v -> v.substring(1)).to(topics.notices(), strings);
        return b.build();
    }

    /** The login of an attempt (a failure or a success), or null: blocks and drops stay with their network. */
    private static String loginOf(EventJson json, String value) {
        try {
            LogEvent e = json.read(value);
            return (e instanceof AuthFailure || e instanceof AuthSuccess) ? e.account() : null;
        } catch (RuntimeException e) {
            return null; // not an events-v1 object: not judged
        }
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
