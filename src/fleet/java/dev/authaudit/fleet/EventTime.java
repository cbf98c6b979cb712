package dev.authaudit.fleet;

import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for Kafka Streams: the events-v1 {@code time} of the record (the log line's own stamp),
 * not when it reached Kafka; a record without a readable one keeps the broker's time.
 */
public final class EventTime implements TimestampExtractor {
    private static final String FIELD = "\"time\":\"";

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof String s) {
            int i = s.indexOf(FIELD);
            if (i >= 0) {
                int end = s.indexOf('"', i + FIELD.length());
                if (end > 0) {
                    try {
                        return OffsetDateTime.parse(s.substring(i + FIELD.length(), end)).toInstant().toEpochMilli();
                    } catch (RuntimeException e) {
                        // fall through to the broker's time
                    }
                }
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
