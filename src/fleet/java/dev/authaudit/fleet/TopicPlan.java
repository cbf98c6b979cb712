package dev.authaudit.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How each topic of {@code fleet run} must keep its records, and which of them the run owns (may set on an existing
 * topic). A broker deletes a record by time measured from the record's own timestamp, and the fleet's records carry
 * event time: a fact, a notice or a verdict about a log line from last month is "older than 7 days" the moment it is
 * written. With the broker's defaults (delete after 7 days, CreateTime), a replay of logs older than the retention
 * lost the facts between the two steps and the notice candidates before anybody read them: each transaction's commit
 * marker, stamped with the broker's clock, rolls the segment holding the old-stamped records, and the next retention
 * check deletes it. So:
 * <ul>
 *   <li>the verdict, account, block and notice topics are compacted (one latest record per key; a notice's key is
 *       its incident, so every notice stays until the mailer and the admin no longer need the topic);</li>
 *   <li>the linking topics between the steps (login facts, address facts, campaign members) delete nothing by time
 *       or size: the run deletes what its application has committed as read ({@link LinkPurge});</li>
 *   <li>the input topics (events, raw lines) are the admin's: made, when missing, with the broker's append time
 *       as the record time (the run reads each event's time from the event), so their retention counts from
 *       arrival; an existing input topic is left as it is.</li>
 * </ul>
 */
record TopicPlan(List<Spec> specs) {

    /** One topic: its name, the settings it must have, whether the run may set them on an existing topic. */
    record Spec(String name, Map<String, String> configs, boolean owned) {
    }

    /** One setting of an existing topic the run changes: its old value, and the new. */
    record Change(String topic, String config, String was, String value) {
        String say() {
            return "topic " + topic + ": " + config + " set to " + value + " (was " + was + ")";
        }

        /** Kafka's own tool line that makes the change (for an admin, when the run may not). */
        String command(String bootstrap) {
            return "kafka-configs.sh --bootstrap-server " + bootstrap + " --alter --entity-type topics --entity-name "
                    + topic + " --add-config " + config + "=" + value;
        }
    }

    static TopicPlan of(FleetTopology.Topics t) {
        Map<String, String> input = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, String> link = new LinkedHashMap<>();
        link.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        link.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        link.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec(t.lines(), input, false));
        specs.add(new Spec(t.events(), input, false));
        for (String name : List.of(t.verdicts(), t.accounts(), t.blocks(), t.notices())) {
            specs.add(new Spec(name, compacted, true));
        }
        for (String name : links(t)) {
            specs.add(new Spec(name, Map.copyOf(link), true));
        }
        return new TopicPlan(List.copyOf(specs));
    }

    /** The topics between the steps, which the run purges once read. */
    static List<String> links(FleetTopology.Topics t) {
        return List.of(t.loginFacts(), t.addressFacts(), t.campaignMembers());
    }

    /**
     * What must change on the existing topics, given their current settings (topic name to config name to value):
     * every setting of an owned topic that differs. Input topics and topics not given are not changed.
     */
    List<Change> changes(Map<String, Map<String, String>> current) {
        List<Change> out = new ArrayList<>();
        for (Spec s : specs) {
            Map<String, String> now = current.get(s.name());
            if (!s.owned() || now == null) {
                continue;
            }
            s.configs().forEach((k, v) -> {
                String was = now.get(k);
                if (!v.equals(was)) {
                    out.add(new Change(s.name(), k, String.valueOf(was), v));
                }
            });
        }
        return out;
    }
}
