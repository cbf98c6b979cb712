package dev.authaudit.fleet;

import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.DispatchResult;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeOutbox;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.act.notice.NoticeStatus;
import dev.authaudit.act.notice.SafeText;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;

/**
 * The fleet's mailer: reads notice candidates from the notices topic and puts each through the same outbox,
 * policy, ledger and dispatcher as a single server's {@code watch}, committing a record's offset only after the
 * ledger holds what became of it.
 *
 * <p>For each record, in partition order: the candidate is decided and recorded in the ledger (idempotent per
 * login and incident); when that leaves a notice to deliver, the record's own offset is committed with a marker
 * ({@code sending inc-...}) before the dispatcher runs, and the next offset, without a marker, once the ledger
 * has the outcome. So:
 * <ul>
 *   <li>a mailer killed before the ledger holds the decision reads the record again (nothing lost);</li>
 *   <li>a mailer restarted on its own ledger finds the row and does not decide or send it twice (a send cut off
 *       mid-way is sent again with the same Message-ID and the ledger says a second copy is possible, as on a
 *       single server);</li>
 *   <li>a standby that takes over the partitions with a ledger of its own finds the marker in the committed
 *       offset: it cannot know whether the SMTP server took the message, so it sends it and its ledger records
 *       that the customer may have two copies (at least once, disclosed, never silently twice).</li>
 * </ul>
 * One member of the group holds every partition ({@link SingleMailerAssignor}); see docs/fleet.md for why.
 */
public final class NoticeMailer implements ConsumerRebalanceListener {
    /** The committed offset's metadata while the notice of the record at that offset may be in flight. */
    static final String MARKER = "authaudit-mailer: sending ";

    private final Consumer<String, String> consumer;
    private final NoticeOutbox outbox;
    private final NoticeLedger ledger;
    private final NoticeDispatcher dispatcher;
    private final DeliveryMode mode;
    private final Duration maxAge;
    private final Clock clock;
    private final PrintWriter err;
    private final NoticeCandidateJson codec = new NoticeCandidateJson();
    private final Map<TopicPartition, Marker> inFlight = new HashMap<>();
    private final Counts counts = new Counts();

    private record Marker(long offset, String incident) {
    }

    /** What this mailer did so far. */
    public static final class Counts {
        long records;
        long bad;
        long resumed;
        long sent;
        long drafted;

        /** Returns a line for the admin. */
        @Override
        public String toString() {
            return records + " records, " + bad + " not candidates, " + sent + " sent, " + drafted + " drafted, "
                    + resumed + " taken over mid-send (disclosed as possible second copies)";
        }
    }

    /**
     * Creates a mailer over a consumer that is not subscribed yet ({@link #subscribe}).
     *
     * @param mode drafts or send, for new notices
     * @param maxAge with send, an incident whose last failure is older than this is drafted, never mailed
     * @param clock decision and delivery time
     * @param err where it says what it does
     */
    public NoticeMailer(Consumer<String, String> consumer, NoticeOutbox outbox, NoticeLedger ledger,
                        NoticeDispatcher dispatcher, DeliveryMode mode, Duration maxAge, Clock clock, PrintWriter err) {
        this.consumer = consumer;
        this.outbox = outbox;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.mode = mode;
        this.maxAge = maxAge;
        this.clock = clock;
        this.err = err;
    }

    /** Subscribes to the notices topic, with this mailer told of every rebalance. */
    public void subscribe(String topic) {
        consumer.subscribe(List.of(topic), this);
    }

    /** Returns the counts so far. */
    public Counts counts() {
        return counts;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> parts) {
        if (parts.isEmpty()) {
            say("standby: another mailer of the group holds the notices topic");
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(parts));
        for (var e : committed.entrySet()) {
            OffsetAndMetadata o = e.getValue();
            if (o != null && o.metadata() != null && o.metadata().startsWith(MARKER)) {
                String incident = o.metadata().substring(MARKER.length()).strip();
                inFlight.put(e.getKey(), new Marker(o.offset(), incident));
                say(e.getKey() + ": the previous mailer stopped while the notice of " + SafeText.quoted(incident)
                        + " (offset " + o.offset() + ") may have been in flight");
            }
        }
        say("active: " + parts.size() + " partition(s) of the notices topic");
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> parts) {
        parts.forEach(inFlight::remove);
        if (!parts.isEmpty()) {
            say("released " + parts.size() + " partition(s)");
        }
    }

    /**
     * Polls once, handles every record received in order and delivers what is due.
     *
     * @return the number of records handled
     */
    public int pollOnce(Duration timeout) {
        ConsumerRecords<String, String> records = consumer.poll(timeout);
        int handled = 0;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, String>> list = records.records(tp);
            for (int i = 0; i < list.size(); i++) {
                try {
                    handle(tp, list.get(i));
                    handled++;
                } catch (CommitFailedException | RebalanceInProgressException e) {
                    // the group moved on: this record and the rest are read again by whoever holds them now
                    say(tp + ": the group rebalanced while offset " + list.get(i).offset() + " was handled; it is"
                            + " read again from the committed offset");
                    consumer.seek(tp, list.get(i).offset());
                    for (TopicPartition other : records.partitions()) {
                        if (!other.equals(tp) && consumer.assignment().contains(other)) {
                            OffsetAndMetadata c = consumer.committed(java.util.Set.of(other)).get(other);
                            consumer.seek(other, c == null ? 0 : c.offset());
                        }
                    }
                    return handled;
                }
            }
        }
        dispatch(clock.instant());
        return handled;
    }

    private void handle(TopicPartition tp, ConsumerRecord<String, String> r) {
        counts.records++;
        NoticeCandidate c;
        try {
            c = codec.read(r.key(), r.value());
        } catch (NoticeCandidateJson.BadRecord e) {
            counts.bad++;
            say(tp + " offset " + r.offset() + ": not a notice candidate, skipped: " + SafeText.clean(e.getMessage()));
            commit(tp, r.offset() + 1, "");
            return;
        }
        Instant now = clock.instant();
        NoticeRecord row = outbox.enqueue(c, mode, now.minus(maxAge));
        Marker m = inFlight.remove(tp);
        if (m != null && m.offset() == r.offset() && m.incident().equals(c.incidentKey())
                && row.status() == NoticeStatus.QUEUED && !row.mayHaveArrived()) {
            // this ledger never saw the earlier attempt: it cannot know whether the server took it
            ledger.mayHaveArrived(row.id());
            counts.resumed++;
            say("notice " + row.id() + " for " + SafeText.quoted(c.account()) + " may have been sent by the mailer"
                    + " that stopped; sending it with the same Message-ID, and the ledger says so");
        }
        if (row.status() == NoticeStatus.QUEUED || row.status() == NoticeStatus.SENDING) {
            commit(tp, r.offset(), MARKER + c.incidentKey());
            dispatch(now);
        }
        commit(tp, r.offset() + 1, "");
    }

    private void dispatch(Instant now) {
        DispatchResult d = dispatcher.dispatchDue(now);
        counts.sent += d.sent();
        counts.drafted += d.drafted();
        if (d.sent() + d.drafted() > 0) {
            say(d.sent() + " notice(s) sent, " + d.drafted() + " drafted");
        }
        d.problems().forEach(p -> say(SafeText.clean(p)));
    }

    private void commit(TopicPartition tp, long offset, String metadata) {
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset, metadata)));
    }

    private void say(String line) {
        err.println("authaudit: fleet mail: " + line);
        err.flush();
    }
}
