package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The settings the fleet's plain clients share, and that each keeps its own on top of them. */
class KafkaClientsTest {
    @Test
    void readers_readCommittedRecordsOnly_andCommitNothingByThemselves() {
        for (Properties p : new Properties[] {KafkaVerdictFeed.config("127.0.0.1:9"),
            FleetMailCommand.config("127.0.0.1:9", "authaudit-mailer", Duration.ofSeconds(10), 0),
            KafkaClients.committedReader("127.0.0.1:9", null)}) {
            assertThat(p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9");
            assertThat(p.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
            assertThat(p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo("false");
            assertThat(p.get(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)).isEqualTo(StringDeserializer.class.getName());
            assertThat(p.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG))
                    .isEqualTo(StringDeserializer.class.getName());
        }
        assertThat(KafkaClients.committedReader("127.0.0.1:9", null)).doesNotContainKey(ConsumerConfig.CLIENT_ID_CONFIG);
    }

    @Test
    void eachClient_keepsItsOwnNameAndSettings() {
        Properties feed = KafkaVerdictFeed.config("127.0.0.1:9");
        assertThat(feed.get(ConsumerConfig.CLIENT_ID_CONFIG)).isEqualTo("authaudit-watch-fleet-verdicts");
        assertThat(feed.get(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG)).isEqualTo("false");
        Properties mailer = FleetMailCommand.config("127.0.0.1:9", "g", Duration.ofSeconds(10), 0);
        assertThat(mailer.get(ConsumerConfig.CLIENT_ID_CONFIG)).isEqualTo("authaudit-mailer");
        assertThat(mailer.get(ConsumerConfig.GROUP_ID_CONFIG)).isEqualTo("g");
        Properties publisher = KafkaEventPublisher.config("127.0.0.1:9");
        assertThat(publisher.get(ProducerConfig.CLIENT_ID_CONFIG)).isEqualTo("authaudit-watch");
        assertThat(publisher.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(publisher.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
        assertThat(publisher.get(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)).isEqualTo(StringSerializer.class.getName());
        assertThat(publisher.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG))
                .isEqualTo(StringSerializer.class.getName());
    }
}
