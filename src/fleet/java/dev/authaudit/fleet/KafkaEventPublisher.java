package dev.authaudit.fleet;

import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.publish.EventPublisher;
import dev.authaudit.publish.PublishException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends events-v1 JSON to a Kafka topic, keyed by the event's host (so one server's events keep their
 * order in one partition). Idempotent and {@code acks=all}: a retried send is stored once, and
 * {@link #flush} returns only when every broker in sync holds every event sent so far.
 */
final class KafkaEventPublisher implements EventPublisher {
    private final Producer<String, String> producer;
    private final String topic;
    private final String fallbackHost;
    private final EventJson json = new EventJson();
    private final AtomicReference<Exception> failed = new AtomicReference<>();

    KafkaEventPublisher(Producer<String, String> producer, String topic, String fallbackHost) {
        this.producer = producer;
        this.topic = topic;
        this.fallbackHost = fallbackHost;
    }

    static Properties config(String bootstrap) {
        Properties p = KafkaClients.producer(bootstrap, "authaudit-watch");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        return p;
    }

    @Override
    public void send(LogEvent event) {
        String host = event.origin().host() != null ? event.origin().host() : fallbackHost;
        producer.send(new ProducerRecord<>(topic, host, json.toJson(event)), (meta, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
        Exception e = failed.get();
        if (e != null) {
            throw new PublishException("Kafka did not store an event on " + topic + ": " + e.getMessage()
                    + "; the checkpoint is not saved, so the lines are read and sent again on the next run", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** The {@code kafka} scheme of {@code --publish}. */
    public static final class Factory implements EventPublisher.Factory {
        @Override
        public String scheme() {
            return "kafka";
        }

        @Override
        public EventPublisher open(java.net.URI uri) {
            KafkaTarget t = KafkaTarget.of(uri);
            return new KafkaEventPublisher(new KafkaProducer<>(config(t.bootstrap())), t.topic(), "-");
        }
    }
}
