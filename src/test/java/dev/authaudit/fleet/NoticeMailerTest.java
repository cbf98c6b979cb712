package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.act.notice.Backoff;
import dev.authaudit.act.notice.ComposerSettings;
import dev.authaudit.act.notice.Delivery;
import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.DraftFolder;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticeComposer;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeOutbox;
import dev.authaudit.act.notice.NoticePolicy;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.act.notice.NoticeStatus;
import dev.authaudit.act.notice.NoticeTemplates;
import dev.authaudit.act.notice.RecipientResolver;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailer's offset discipline, without a broker: a record's offset moves only after the ledger holds its
 * outcome; a mailer stopped between the SMTP server's acceptance and its ledger's record leaves a marker, and the
 * mailer that takes over with a ledger of its own sends that notice again with the disclosure; a record that is
 * not a candidate is counted and passed.
 */
class NoticeMailerTest {
    private static final Path RULES = Paths.get(System.getProperty("authaudit.repo", ".")).resolve("rules");
    private static final String TOPIC = "authaudit.notices";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final Instant NOW = Instant.parse("2026-12-06T11:00:00Z");
    private final NoticeCandidateJson json = new NoticeCandidateJson();

    @TempDir
    Path dir;

    /** An SMTP server stand-in: keeps what it accepted; can be told to stop the process right after accepting. */
    private static final class Inbox implements Delivery {
        final List<String> accepted = new ArrayList<>();
        String dieAfter;

        @Override
        public String deliver(long id, MimeMessage m) {
            try {
                String incident = m.getHeader("X-Authaudit-Incident", null);
                accepted.add(incident);
                if (incident.equals(dieAfter)) {
                    throw new Killed();
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
            return "accepted by the test inbox";
        }
    }

    /** Stands for SIGKILL: nothing after it runs. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    private record Mailer(NoticeMailer mailer, MockConsumer<String, String> consumer, NoticeLedger ledger,
                          StringWriter said) {
    }

    private Mailer mailer(String name, Inbox inbox, Map<TopicPartition, OffsetAndMetadata> committed) {
        NoticeLedger ledger = NoticeLedger.open(dir.resolve(name + "/authaudit.db"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        NoticePolicy policy = new NoticePolicy(0.8, Duration.ofHours(24), 100, Duration.ofHours(1));
        NoticeComposer composer = new NoticeComposer(NoticeTemplates.load(RULES, "en"), new ComposerSettings(
                "Example Hosting <help@example.net>", "mail.example.net", "https://example.net/help",
                ZoneId.of("UTC"), Locale.ENGLISH));
        NoticeDispatcher dispatcher = new NoticeDispatcher(ledger, composer, policy, Backoff.defaults(), inbox,
                new DraftFolder(dir.resolve(name + "/outbox")));
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        StringWriter said = new StringWriter();
        NoticeMailer m = new NoticeMailer(consumer, new NoticeOutbox(ledger, RecipientResolver.mailboxOnly(), policy,
                clock), ledger, dispatcher, DeliveryMode.SEND, Duration.ofHours(24), clock, new PrintWriter(said));
        m.subscribe(TOPIC);
        // what the group's coordinator holds from the mailer before
        consumer.commitSync(committed);
        consumer.rebalance(List.of(TP));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        return new Mailer(m, consumer, ledger, said);
    }

    private void add(MockConsumer<String, String> c, long offset, String key, String value) {
        c.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, value));
    }

    private List<NoticeCandidate> candidates(int n) {
        List<NoticeCandidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(NoticeCandidateJsonTest.candidate("cust" + i + "@example.com", NOW.minusSeconds(3600)));
        }
        return out;
    }

    @Test
    void pollOnce_sendsEachCandidateOnce_andCommitsPastItOnlyWithItsOutcomeInTheLedger() {
        Inbox inbox = new Inbox();
        Mailer a = mailer("a", inbox, Map.of());
        List<NoticeCandidate> cs = candidates(3);
        for (int i = 0; i < cs.size(); i++) {
            add(a.consumer(), i, cs.get(i).incidentKey(), json.write(cs.get(i)));
        }
        add(a.consumer(), 3, "inc-00000000000000000000", "{\"account\":\"x\"}");
        // the same candidate again (a producer's retry, or fleet run deciding it twice): the ledger knows it
        add(a.consumer(), 4, cs.get(0).incidentKey(), json.write(cs.get(0)));
        assertThat(a.mailer().pollOnce(Duration.ZERO)).isEqualTo(5);
        assertThat(inbox.accepted).containsExactlyElementsOf(cs.stream().map(NoticeCandidate::incidentKey).toList());
        assertThat(a.ledger().list()).extracting(NoticeRecord::status).containsOnly(NoticeStatus.SENT).hasSize(3);
        OffsetAndMetadata committed = a.consumer().committed(Set.of(TP)).get(TP);
        assertThat(committed.offset()).isEqualTo(5);
        assertThat(committed.metadata()).isEmpty();
        assertThat(a.mailer().counts().toString()).startsWith("5 records, 1 not candidates, 3 sent");
        assertThat(a.said().toString()).contains("offset 3: not a notice candidate, skipped: missing field verdict");
    }

    @Test
    void killedAfterTheServerAccepted_theStandbyWithItsOwnLedgerSendsItAgainAndSaysSo_andNothingIsLost() {
        Inbox inbox = new Inbox();
        List<NoticeCandidate> cs = candidates(4);
        Mailer a = mailer("a", inbox, Map.of());
        for (int i = 0; i < cs.size(); i++) {
            add(a.consumer(), i, cs.get(i).incidentKey(), json.write(cs.get(i)));
        }
        inbox.dieAfter = cs.get(1).incidentKey();
        assertThatThrownBy(() -> a.mailer().pollOnce(Duration.ZERO)).isInstanceOf(Killed.class);
        OffsetAndMetadata left = a.consumer().committed(Set.of(TP)).get(TP);
        assertThat(left.offset()).as("the record being sent is read again").isEqualTo(1);
        assertThat(left.metadata()).isEqualTo(NoticeMailer.MARKER + cs.get(1).incidentKey());

        // the standby takes the partition over from the committed offsets, with a ledger of its own
        inbox.dieAfter = null;
        Mailer b = mailer("b", inbox, Map.of(TP, left));
        for (int i = 1; i < cs.size(); i++) {
            add(b.consumer(), i, cs.get(i).incidentKey(), json.write(cs.get(i)));
        }
        b.mailer().pollOnce(Duration.ZERO);
        assertThat(inbox.accepted).as("every notice reached the server; only the one cut off twice")
                .containsExactly(cs.get(0).incidentKey(), cs.get(1).incidentKey(), cs.get(1).incidentKey(),
                        cs.get(2).incidentKey(), cs.get(3).incidentKey());
        NoticeRecord again = b.ledger().find(cs.get(1).account(), cs.get(1).incidentKey()).orElseThrow();
        assertThat(again.status()).as(b.said().toString()).isEqualTo(NoticeStatus.SENT);
        assertThat(again.outcome()).as(b.said().toString()).contains(NoticeDispatcher.SECOND_COPY);
        assertThat(again.outcome()).contains(NoticeDispatcher.SECOND_COPY);
        assertThat(b.ledger().list()).filteredOn(r -> r.id() != again.id())
                .allSatisfy(r -> assertThat(r.outcome()).doesNotContain(NoticeDispatcher.SECOND_COPY));
        assertThat(b.consumer().committed(Set.of(TP)).get(TP)).isEqualTo(new OffsetAndMetadata(4, ""));
        assertThat(b.said().toString()).contains("may have been in flight", "may have been sent by the mailer that"
                + " stopped");
        assertThat(b.mailer().counts().toString()).contains("1 taken over mid-send");
    }

    @Test
    void killedBeforeTheLedgerHeldTheDecision_theRecordIsReadAgain_andSentOnce() {
        Inbox inbox = new Inbox();
        List<NoticeCandidate> cs = candidates(2);
        // a mailer killed after reading offset 0 and before anything was committed: the offsets say 0, no marker
        Mailer b = mailer("b", inbox, Map.of(TP, new OffsetAndMetadata(0, "")));
        for (int i = 0; i < cs.size(); i++) {
            add(b.consumer(), i, cs.get(i).incidentKey(), json.write(cs.get(i)));
        }
        b.mailer().pollOnce(Duration.ZERO);
        assertThat(inbox.accepted).containsExactly(cs.get(0).incidentKey(), cs.get(1).incidentKey());
        assertThat(b.ledger().list()).allSatisfy(r -> assertThat(r.outcome()).doesNotContain(
                NoticeDispatcher.SECOND_COPY));
    }
}
