package dev.authaudit.fleet;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settings the fleet's plain Kafka clients share, in one place: every topic the fleet writes or reads outside
 * Streams holds string keys and values (JSON), and every reader reads only what transactions committed and
 * commits no offset by itself. Each client adds its own settings (acks, a group, where to start) to these.
 */
final class KafkaClients {
    private KafkaClients() {
    }

    /** A producer of string records. */
    static Properties producer(String bootstrap, String clientId) {
        Properties p = common(bootstrap, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /**
     * A consumer of string records that sees committed records only (the fleet writes exactly once, in
     * transactions) and commits its offsets itself, if at all.
     *
     * @param clientId the name the broker knows it by, or null for Kafka's default
     */
    static Properties committedReader(String bootstrap, String clientId) {
        Properties p = common(bootstrap, clientId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    private static Properties common(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (clientId != null) {
            p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        }
        return p;
    }
}
