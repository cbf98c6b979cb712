package dev.authaudit.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.publish.FleetVerdictFeed;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the fleet's verdict topic for one server's {@code watch --fleet-verdicts}: every partition, from the start
 * (the topic is compacted: the latest verdict of each address), committed records only, no consumer group (each
 * server reads all of it and commits nothing). Only {@code attacker} verdicts are handed over; every field of a
 * record is checked before it is, and anything malformed is counted and dropped.
 */
final class KafkaVerdictFeed implements FleetVerdictFeed {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern WORD = Pattern.compile("[a-z][a-z_]{0,39}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");
    private static final int MAX_HOSTS = 10_000;
    private static final int MAX_REASONS = 20;
    private static final int MAX_REASON = 1000;

    private final Consumer<String, String> consumer;
    private Map<TopicPartition, Long> backlog;
    private long rejected;
    private List<Withdrawn> withdrawn = List.of();

    KafkaVerdictFeed(Consumer<String, String> consumer, String topic) {
        this.consumer = consumer;
        List<TopicPartition> parts = new ArrayList<>();
        List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (info == null || info.isEmpty()) {
            throw new dev.authaudit.publish.PublishException("--fleet-verdicts: the topic " + topic + " does not"
                    + " exist; start 'authaudit fleet run' (which creates it) or name its --verdicts-topic");
        }
        info.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        backlog = consumer.endOffsets(parts);
    }

    static Properties config(String bootstrap) {
        Properties p = KafkaClients.committedReader(bootstrap, "authaudit-watch-fleet-verdicts");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a watch started before fleet run must not make the verdict topic with the broker's defaults (not compacted)
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return p;
    }

    @Override
    public List<Attacker> poll(Duration timeout) {
        // the latest record of each address wins: an address judged an attacker and later something else (its
        // network logged in, say) is not handed over
        Map<String, Optional<Attacker>> latest = new LinkedHashMap<>();
        Map<String, String> otherWord = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            long left = Math.max(0, deadline - System.nanoTime());
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofNanos(Math.min(left,
                    Duration.ofMillis(500).toNanos())))) {
                if (r.key() != null) {
                    latest.remove(r.key());
                    Optional<Attacker> a = read(r.key(), r.value());
                    latest.put(r.key(), a);
                    otherWord.remove(r.key());
                    if (a.isEmpty()) {
                        other(r.key(), r.value()).ifPresent(w -> otherWord.put(r.key(), w));
                    }
                } else {
                    rejected++;
                }
            }
            // the first call reads up to the end the topic had when the feed opened
            if (backlog != null && backlog.entrySet().stream().allMatch(e -> consumer.position(e.getKey())
                    >= e.getValue())) {
                backlog = null;
            }
        } while (backlog != null && System.nanoTime() < deadline);
        List<Attacker> out = new ArrayList<>();
        latest.values().forEach(a -> a.ifPresent(out::add));
        List<Withdrawn> other = new ArrayList<>();
        otherWord.forEach((ip, word) -> other.add(new Withdrawn(ip, word)));
        withdrawn = List.copyOf(other);
        return out;
    }

    @Override
    public List<Withdrawn> withdrawn() {
        return withdrawn;
    }

    /**
     * Returns the verdict word of a well-formed record that is not an attacker verdict (its {@code ip} a literal that
     * is its key), else empty; counts nothing ({@link #read} counted a malformed record already).
     */
    static Optional<String> other(String key, String value) {
        try {
            if (value == null || value.length() > 1_000_000) {
                return Optional.empty();
            }
            JsonNode n = MAPPER.readTree(value);
            if (n == null || !n.isObject() || !n.path("verdict").isTextual()) {
                return Optional.empty();
            }
            String word = n.path("verdict").textValue();
            if (!WORD.matcher(word).matches() || "attacker".equals(word) || !literal(n.path("ip"), false).equals(key)) {
                return Optional.empty();
            }
            return Optional.of(word);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Returns the attacker verdict a record holds, or empty (another verdict, or malformed and counted). */
    Optional<Attacker> read(String key, String value) {
        try {
            return parse(key, value);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            rejected++;
            return Optional.empty();
        }
    }

    static Optional<Attacker> parse(String key, String value) throws JsonProcessingException {
        if (value == null || value.length() > 1_000_000) {
            throw new IllegalArgumentException("no value, or too long");
        }
        JsonNode n = MAPPER.readTree(value);
        if (n == null || !n.isObject() || !n.path("verdict").isTextual()
                || !WORD.matcher(n.path("verdict").textValue()).matches()) {
            throw new IllegalArgumentException("no verdict word");
        }
        if (!"attacker".equals(n.path("verdict").textValue())) {
            return Optional.empty();
        }
        String ip = literal(n.path("ip"), false);
        if (!ip.equals(key)) {
            throw new IllegalArgumentException("key is not the address");
        }
        String network = literal(n.path("network"), true);
        JsonNode c = n.path("confidence");
        if (!c.isNumber() || !(c.doubleValue() >= 0 && c.doubleValue() <= 1)) {
            throw new IllegalArgumentException("confidence");
        }
        JsonNode by = n.path("failures_by_host");
        if (!by.isObject() || by.size() > MAX_HOSTS) {
            throw new IllegalArgumentException("failures_by_host");
        }
        Map<String, Long> failures = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = by.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!HOST.matcher(e.getKey()).matches() || !e.getValue().isIntegralNumber() || e.getValue().longValue() < 0) {
                throw new IllegalArgumentException("failures_by_host entry");
            }
            failures.put(e.getKey(), e.getValue().longValue());
        }
        List<String> reasons = new ArrayList<>();
        JsonNode rs = n.path("reasons");
        if (!rs.isMissingNode()) {
            if (!rs.isArray() || rs.size() > MAX_REASONS) {
                throw new IllegalArgumentException("reasons");
            }
            for (JsonNode r : rs) {
                if (!r.isTextual() || r.textValue().length() > MAX_REASON) {
                    throw new IllegalArgumentException("reason");
                }
                reasons.add(r.textValue());
            }
        }
        return Optional.of(new Attacker(ip, network, c.doubleValue(), failures, reasons));
    }

    private static String literal(JsonNode v, boolean prefix) {
        if (!v.isTextual() || v.textValue().length() > 64) {
            throw new IllegalArgumentException("address");
        }
        IPAddressString s = new IPAddressString(v.textValue());
        IPAddress a = s.getAddress();
        if (!s.isIPAddress() || a == null || (!prefix && a.isPrefixed())
                || !v.textValue().matches("[0-9A-Fa-f.:]+(/[0-9]{1,3})?")) {
            throw new IllegalArgumentException("not an address literal");
        }
        return v.textValue();
    }

    @Override
    public long rejected() {
        return rejected;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** The {@code kafka} scheme of {@code watch --fleet-verdicts}. */
    public static final class Factory implements FleetVerdictFeed.Factory {
        @Override
        public String scheme() {
            return "kafka";
        }

        @Override
        public FleetVerdictFeed open(java.net.URI uri) {
            KafkaTarget t = KafkaTarget.of(uri, "--fleet-verdicts");
            KafkaConsumer<String, String> c = new KafkaConsumer<>(config(t.bootstrap()));
            try {
                return new KafkaVerdictFeed(c, t.topic());
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
    }
}
