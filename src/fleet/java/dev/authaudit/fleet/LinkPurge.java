package dev.authaudit.fleet;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Deletes the records of the linking topics between the fleet's steps that the application has committed as read, as
 * Kafka Streams does for its own repartition topics. The linking topics keep records whatever their timestamps say
 * ({@link TopicPlan}); once a step has read a fact its store holds it (and the store's changelog), so the record is
 * needed no more. Under exactly_once_v2 an offset is committed only with the transaction of what the record changed,
 * so no record is deleted before its effects are stored. Safe to run from every instance.
 */
final class LinkPurge {
    private final String group;
    private final Set<String> topics;

    LinkPurge(String group, Set<String> topics) {
        this.group = group;
        this.topics = Set.copyOf(topics);
    }

    /** Deletes what is read; returns the number of partitions asked to delete up to their committed offset. */
    int purge(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        committed.forEach((tp, at) -> {
            if (at != null && at.offset() > 0 && topics.contains(tp.topic())) {
                delete.put(tp, RecordsToDelete.beforeOffset(at.offset()));
            }
        });
        if (!delete.isEmpty()) {
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        }
        return delete.size();
    }
}
