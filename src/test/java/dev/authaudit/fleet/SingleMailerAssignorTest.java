package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** One mailer holds every partition: the one that started first, whatever the member ids. */
class SingleMailerAssignorTest {
    private static final String TOPIC = "authaudit.notices";

    private static ByteBuffer since(long at) {
        SingleMailerAssignor a = new SingleMailerAssignor();
        a.configure(Map.of(SingleMailerAssignor.SINCE, Long.toString(at)));
        return a.subscriptionUserData(Set.of(TOPIC));
    }

    @Test
    void assign_everyPartitionToTheEarliestMember_othersStandBy() {
        Node n = new Node(1, "127.0.0.1", 9092);
        List<PartitionInfo> parts = List.of(0, 1, 2).stream().map(p -> new PartitionInfo(TOPIC, p, n, new Node[] {n},
                new Node[] {n})).toList();
        Cluster cluster = new Cluster("c", List.of(n), parts, Set.of(), Set.of());
        // member ids sort the other way round: the start time decides, not the id
        Map<String, Subscription> members = Map.of(
                "a-late", new Subscription(List.of(TOPIC), since(2_000)),
                "z-early", new Subscription(List.of(TOPIC), since(1_000)),
                "m-unknown", new Subscription(List.of(TOPIC), null));
        Map<String, Assignment> got = new SingleMailerAssignor().assign(cluster, new GroupSubscription(members))
                .groupAssignment();
        assertThat(got.get("z-early").partitions()).containsExactlyInAnyOrder(new TopicPartition(TOPIC, 0),
                new TopicPartition(TOPIC, 1), new TopicPartition(TOPIC, 2));
        assertThat(got.get("a-late").partitions()).isEmpty();
        assertThat(got.get("m-unknown").partitions()).isEmpty();
        assertThat(new SingleMailerAssignor().name()).isEqualTo("authaudit-single-mailer");
    }
}
