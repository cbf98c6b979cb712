package dev.authaudit.fleet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The mailers' partition assignor: every partition of the notices topic goes to one member of the group, the one
 * that started first (ties broken by member id); the others are standbys with nothing assigned until it leaves or
 * its session expires. One member holds every partition because the ledger's rules are about logins, not
 * partitions: one notice per login per 24 h and the global brake hold only when one ledger sees every notice, and
 * the notices of one login (several incidents) may sit in several partitions.
 *
 * <p>The start time travels in the member's subscription, so a restarted mailer joins as a standby behind the one
 * that took over, instead of taking the partitions back (and a rebalance moves nothing while the incumbent lives).
 */
public final class SingleMailerAssignor implements ConsumerPartitionAssignor, Configurable {
    /** The consumer property holding this member's start, in epoch milliseconds. */
    public static final String SINCE = "authaudit.mailer.since";
    /** The assignor's name in the group protocol. */
    public static final String NAME = "authaudit-single-mailer";

    private long since = Long.MAX_VALUE;

    @Override
    public void configure(Map<String, ?> configs) {
        Object v = configs.get(SINCE);
        if (v != null) {
            since = Long.parseLong(v.toString());
        }
    }

    @Override
    public ByteBuffer subscriptionUserData(java.util.Set<String> topics) {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
        b.putLong(since).flip();
        return b;
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
        Map<String, Subscription> members = group.groupSubscription();
        String leader = members.keySet().stream().min(Comparator.<String>comparingLong(m -> since(members.get(m)))
                .thenComparing(Comparator.naturalOrder())).orElse(null);
        Map<String, Assignment> out = new HashMap<>();
        for (String m : members.keySet()) {
            List<TopicPartition> parts = new ArrayList<>();
            if (m.equals(leader)) {
                for (String topic : members.get(m).topics()) {
                    List<PartitionInfo> ps = metadata.partitionsForTopic(topic);
                    if (ps != null) {
                        ps.forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
                    }
                }
            }
            out.put(m, new Assignment(parts));
        }
        return new GroupAssignment(out);
    }

    private static long since(Subscription s) {
        ByteBuffer b = s.userData();
        return b != null && b.remaining() >= Long.BYTES ? b.duplicate().getLong() : Long.MAX_VALUE;
    }

    @Override
    public String name() {
        return NAME;
    }
}
