package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic of string keys and values from its start, as the fleet's tests check what was written: committed
 * records only, by an assigned consumer that commits nothing, bounded in time.
 */
final class TopicReader {
    private TopicReader() {
    }

    /**
     * What was read.
     *
     * @param complete true when the expected records (or the topic's end) were reached within the time limit
     */
    record Read(List<ConsumerRecord<String, String>> records, boolean complete) {
    }

    /**
     * Reads until {@code expected} records, or with -1 to the end the topic had when reading began, waiting for the
     * topic to exist; returns what was read by then, with a line on stdout when the limit came first.
     *
     * @param why asked when the topic does not exist in time or the limit comes first: what may explain it
     */
    static Read read(String bs, String topic, int expected, Duration limit, Supplier<String> why) {
        Properties p = KafkaClients.committedReader(bs, null);
        long deadline = System.nanoTime() + limit.toNanos();
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            while (parts.isEmpty()) {
                assertThat(System.nanoTime()).as(topic + " exists within " + limit + "; " + why.get()).isLessThan(deadline);
                var infos = c.listTopics(Duration.ofSeconds(10)).get(topic);
                if (infos != null) {
                    infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
                } else {
                    c.poll(Duration.ofMillis(200));
                }
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(30));
            while (true) {
                boolean done = expected >= 0 ? got.size() >= expected
                        : parts.stream().allMatch(tp -> c.position(tp, Duration.ofSeconds(30)) >= ends.get(tp));
                if (done) {
                    return new Read(got, true);
                }
                if (System.nanoTime() > deadline) {
                    System.out.println("TopicReader: " + topic + ": " + got.size() + " records"
                            + (expected >= 0 ? " of " + expected : ", not to its end") + " within " + limit + "; "
                            + why.get());
                    return new Read(got, false);
                }
                c.poll(Duration.ofMillis(300)).forEach(got::add);
            }
        }
    }

    /** The latest committed value of each key of a (compacted) topic, read to its end within a minute. */
    static Map<String, String> latest(String bs, String topic) {
        Read r = read(bs, topic, -1, Duration.ofMinutes(1), () -> "");
        assertThat(r.complete()).as("read " + topic + " to its end within a minute").isTrue();
        Map<String, String> latest = new TreeMap<>();
        r.records().forEach(rec -> latest.put(rec.key(), rec.value()));
        return latest;
    }
}
