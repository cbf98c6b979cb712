package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPlanTest {
    private final FleetTopology.Topics topics = new FleetTopology.Topics("a.lines", "a.events", "f.verdicts");
    private final TopicPlan plan = TopicPlan.of(topics);

    private TopicPlan.Spec spec(String name) {
        return plan.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void verdictsAndNotices_compacted_soNothingIsDeletedByTheEventTimeTheyCarry() {
        for (String t : List.of("f.verdicts", "f.accounts", "f.blocks", "f.notices")) {
            assertThat(spec(t).configs()).as(t).containsEntry("cleanup.policy", "compact");
            assertThat(spec(t).owned()).isTrue();
        }
    }

    @Test
    void linkingTopics_keepEveryRecordUntilRead() {
        assertThat(TopicPlan.links(topics)).containsExactly("f.login-facts", "f.address-facts", "f.campaign-members");
        for (String t : TopicPlan.links(topics)) {
            assertThat(spec(t).configs()).as(t).containsEntry("cleanup.policy", "delete")
                    .containsEntry("retention.ms", "-1").containsEntry("retention.bytes", "-1");
            assertThat(spec(t).owned()).isTrue();
        }
    }

    @Test
    void inputTopics_madeWithArrivalTime_neverChanged() {
        for (String t : List.of("a.lines", "a.events")) {
            assertThat(spec(t).configs()).containsEntry("message.timestamp.type", "LogAppendTime");
            assertThat(spec(t).owned()).isFalse();
        }
        // an input topic made by the broker's defaults is the admin's: not changed
        Map<String, Map<String, String>> current = Map.of("a.events", Map.of("message.timestamp.type", "CreateTime",
                "retention.ms", "604800000"));
        assertThat(plan.changes(current)).isEmpty();
    }

    @Test
    void changes_setWhatAnOwnedTopicLacks_only() {
        Map<String, Map<String, String>> current = new HashMap<>();
        // the notices topic made by a mailer started first, with the broker's defaults
        current.put("f.notices", Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));
        current.put("f.address-facts", Map.of("cleanup.policy", "delete", "retention.ms", "604800000",
                "retention.bytes", "-1"));
        current.put("f.verdicts", Map.of("cleanup.policy", "compact"));
        List<TopicPlan.Change> changes = plan.changes(current);
        assertThat(changes).containsExactlyInAnyOrder(
                new TopicPlan.Change("f.notices", "cleanup.policy", "delete", "compact"),
                new TopicPlan.Change("f.address-facts", "retention.ms", "604800000", "-1"));
        assertThat(changes).extracting(TopicPlan.Change::say).contains(
                "topic f.notices: cleanup.policy set to compact (was delete)");
        assertThat(new TopicPlan.Change("f.notices", "cleanup.policy", "delete", "compact").command("k1:9092"))
                .isEqualTo("kafka-configs.sh --bootstrap-server k1:9092 --alter --entity-type topics --entity-name"
                        + " f.notices --add-config cleanup.policy=compact");
    }
}
