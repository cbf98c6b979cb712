package dev.authaudit.act.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.authaudit.testing.TestClock;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class NoticeDispatcherTest {
    private static final long WAIT_MS = 5000;

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Candidates.T0.plus(Duration.ofMinutes(31)));
    private final List<NoticeLedger> open = new ArrayList<>();

    @AfterEach
    void closeLedgers() {
        open.forEach(NoticeLedger::close);
    }

    private NoticeLedger ledger() {
        NoticeLedger l = NoticeLedger.open(dir.resolve("state/authaudit.db"));
        open.add(l);
        return l;
    }

    private NoticeOutbox outbox(NoticeLedger l, RecipientResolver r) {
        return new NoticeOutbox(l, r, NoticePolicy.defaults(), clock);
    }

    private NoticeDispatcher dispatcher(NoticeLedger l, int port) {
        SmtpSettings s = new SmtpSettings("127.0.0.1", port, SmtpSettings.Security.NONE, null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(2));
        return new NoticeDispatcher(l, NoticeComposerTest.composer(), NoticePolicy.defaults(), Backoff.defaults(),
                new SmtpDelivery(s), new DraftFolder(dir.resolve("outbox")));
    }

    private int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    @Test
    void dispatchDue_sendMode_noticeArrivesWithHeadersAndBody() throws Exception {
        NoticeLedger l = ledger();
        RecipientResolver r = new RecipientResolver(null, null, true, "admin@example.net");
        NoticeRecord n = outbox(l, r).enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.SEND);
        DispatchResult res = dispatcher(l, smtpPort()).dispatchDue(clock.instant());

        assertThat(res.sent()).isEqualTo(1);
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        MimeMessage m = greenMail.getReceivedMessagesForDomain("example.com")[0];
        assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(m.getMessageID()).matches("<authaudit\\.[0-9a-f]{24}\\.0@mail\\.example\\.net>");
        assertThat(m.getSentDate().toInstant()).isEqualTo(clock.instant());
        assertThat(m.getFrom()[0].toString()).isEqualTo("Example Hosting <help@example.net>");
        assertThat(m.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("bob@example.com");
        assertThat(m.getRecipients(Message.RecipientType.CC)[0].toString()).isEqualTo("admin@example.net");
        assertThat(NoticeComposerTest.text(m)).contains("bob@example.com", "Name it gave:         iPhone", "203.0.113.7",
                "iPhone or iPad (Mail)", "Thunderbird");
        assertThat(greenMail.getReceivedMessages()).as("one copy per envelope recipient, To and Cc").hasSize(2);

        NoticeRecord after = l.get(n.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(NoticeStatus.SENT);
        assertThat(after.messageId()).isEqualTo(m.getMessageID());
        assertThat(after.entry().status()).isEqualTo("sent");
        assertThat(after.entry().to()).isEqualTo("bob@example.com");
    }

    @Test
    void enqueue_sendForAnIncidentOverLongAgo_draftsAndSaysSoNeverMails() {
        NoticeLedger l = ledger();
        Candidates old = Candidates.stale("bob@example.com");
        NoticeRecord n = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(old.build(), DeliveryMode.SEND, old.last.plus(Duration.ofDays(30)).minus(Duration.ofHours(24)));
        assertThat(n.mode()).isEqualTo(DeliveryMode.DRAFTS);
        assertThat(n.reason()).contains("drafted, not sent: its last failure");

        // within the age limit, send stays send
        Candidates fresh = Candidates.stale("carol@example.com");
        NoticeRecord m = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(fresh.build(), DeliveryMode.SEND, fresh.last.minus(Duration.ofHours(24)));
        assertThat(m.mode()).isEqualTo(DeliveryMode.SEND);
    }

    @Test
    void dispatchDue_smtpDownThenUp_deliveredExactlyOnceAfterRetry() throws Exception {
        int port = freeLoopbackPort();
        NoticeLedger l = ledger();
        NoticeRecord n = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.SEND);
        NoticeDispatcher d = dispatcher(l, port);

        DispatchResult down = d.dispatchDue(clock.instant());
        assertThat(down.retrying()).isEqualTo(1);
        assertThat(down.problems().get(0)).contains("127.0.0.1:" + port, "Will retry");
        NoticeRecord waiting = l.get(n.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(NoticeStatus.QUEUED);
        assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        // report-v1: a send that failed and waits for its retry is failed, with the error, not drafted
        assertThat(waiting.entry().status()).isEqualTo("failed");
        assertThat(waiting.entry().reason()).startsWith("not delivered yet: ").contains("attempt 1");

        assertThat(d.dispatchDue(clock.instant().plusSeconds(30)).sent()).as("not due before the backoff").isZero();

        GreenMail up = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        up.start();
        try {
            clock.advance(Duration.ofMinutes(1));
            assertThat(d.dispatchDue(clock.instant()).sent()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(10));
            assertThat(d.dispatchDue(clock.instant()).sent()).isZero();
            assertThat(up.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
            assertThat(up.getReceivedMessages()).hasSize(1);
            assertThat(l.get(n.id()).orElseThrow().attempts()).isEqualTo(1);
        } finally {
            up.stop();
        }
    }

    @Test
    void enqueue_restartOnSameDatabase_noDuplicate() throws Exception {
        NoticeLedger first = ledger();
        NoticeCandidate c = Candidates.stale("bob@example.com").build();
        outbox(first, RecipientResolver.mailboxOnly()).enqueue(c, DeliveryMode.SEND);
        assertThat(dispatcher(first, smtpPort()).dispatchDue(clock.instant()).sent()).isEqualTo(1);
        first.close();
        open.remove(first);

        NoticeLedger second = ledger();
        clock.advance(Duration.ofMinutes(5));
        NoticeRecord again = outbox(second, RecipientResolver.mailboxOnly()).enqueue(c, DeliveryMode.SEND);
        assertThat(again.status()).isEqualTo(NoticeStatus.SENT);
        assertThat(dispatcher(second, smtpPort()).dispatchDue(clock.instant()).sent()).isZero();
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(second.list()).hasSize(1);
    }

    @Test
    void enqueueAll_sameCandidatesReplayedTwice_noDuplicate() throws Exception {
        NoticeLedger l = ledger();
        List<NoticeCandidate> cs = List.of(Candidates.stale("bob@example.com").build(),
                Candidates.stale("ann@example.org").build());
        NoticeOutbox o = outbox(l, RecipientResolver.mailboxOnly());
        NoticeDispatcher d = dispatcher(l, smtpPort());
        o.enqueueAll(cs, DeliveryMode.SEND);
        d.dispatchDue(clock.instant());
        List<NoticeRecord> second = o.enqueueAll(cs, DeliveryMode.SEND);
        assertThat(d.dispatchDue(clock.instant()).sent()).isZero();
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(o.entries(second)).extracting(NoticeEntry::status).containsExactly("sent", "sent");
    }

    @Test
    void dispatchDue_21NoticesInAnHour_brakeQueuesThe21st() {
        NoticeLedger l = ledger();
        NoticeOutbox o = outbox(l, RecipientResolver.mailboxOnly());
        List<NoticeRecord> recs = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            recs.add(o.enqueue(Candidates.stale("user" + i + "@example.com").build(), DeliveryMode.DRAFTS));
        }
        NoticeDispatcher d = dispatcher(l, smtpPort());
        DispatchResult first = d.dispatchDue(clock.instant());
        assertThat(first.drafted()).isEqualTo(20);
        assertThat(first.held()).isEqualTo(1);
        NoticeEntry held = o.entries(List.of(recs.get(20))).get(0);
        assertThat(held.status()).isEqualTo("queued");
        assertThat(held.reason()).contains("held by the global brake (20 per 1 h); next slot at "
                + clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(d.dispatchDue(clock.instant()).drafted()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(d.dispatchDue(clock.instant()).drafted()).isEqualTo(1);
        assertThat(l.get(recs.get(20).id()).orElseThrow().status()).isEqualTo(NoticeStatus.DRAFTED);
    }

    @Test
    void dispatchDue_draftsMode_writesParseableEmlAndMailsNobody() throws Exception {
        NoticeLedger l = ledger();
        NoticeRecord n = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.DRAFTS);
        assertThat(dispatcher(l, smtpPort()).dispatchDue(clock.instant()).drafted()).isEqualTo(1);
        Path eml = dir.resolve("outbox/notice-" + n.id() + ".eml");
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
            assertThat(m.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("bob@example.com");
            assertThat(NoticeComposerTest.text(m)).contains("bob@example.com");
        }
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            assertThat(files).hasSize(1);
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(l.get(n.id()).orElseThrow().entry().reason()).contains("drafted to " + eml);
    }

    @Test
    void enqueue_hostileLogins_suppressedAndNothingLeaves() {
        NoticeLedger l = ledger();
        NoticeOutbox o = outbox(l, RecipientResolver.mailboxOnly());
        List<NoticeRecord> recs = o.enqueueAll(Stream.of("a@b.com,evil@x.org", "\"x\"@example.com", "<a@b.com>",
                "a@b.com\r\nBcc: evil@x.org").map(a -> Candidates.stale(a).build()).toList(), DeliveryMode.SEND);
        assertThat(recs).allSatisfy(r -> assertThat(r.status()).isEqualTo(NoticeStatus.SUPPRESSED));
        assertThat(o.entries(recs)).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo("suppressed");
            assertThat(e.to()).isNull();
            assertThat(e.reason()).startsWith("no safe recipient: the login").doesNotContain("\r", "\n");
        });
        DispatchResult res = dispatcher(l, smtpPort()).dispatchDue(clock.instant());
        assertThat(res.sent() + res.drafted() + res.held()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void enqueue_suppressedThenConfident_sameIncidentBecomesNotice() {
        NoticeLedger l = ledger();
        NoticeOutbox o = outbox(l, RecipientResolver.mailboxOnly());
        Candidates weak = Candidates.stale("bob@example.com");
        weak.confidence = 0.5;
        assertThat(o.enqueue(weak.build(), DeliveryMode.DRAFTS).status()).isEqualTo(NoticeStatus.SUPPRESSED);
        NoticeRecord strong = o.enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.DRAFTS);
        assertThat(strong.status()).isEqualTo(NoticeStatus.QUEUED);
        assertThat(l.list()).hasSize(1);
    }

    @Test
    void entry_blockAfterNotice_saysHowLongBefore() {
        NoticeLedger l = ledger();
        NoticeOutbox o = outbox(l, RecipientResolver.mailboxOnly());
        NoticeRecord n = o.enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.DRAFTS);
        dispatcher(l, smtpPort()).dispatchDue(clock.instant());
        assertThat(o.noteBlock("Bob@Example.com", "203.0.113.7", clock.instant().plus(Duration.ofMinutes(14))))
                .isEqualTo(1);
        assertThat(o.entries(List.of(n)).get(0).reason())
                .endsWith("; would have reached the customer 14 minutes before the firewall blocked 203.0.113.7");
    }

    @Test
    void dispatchDue_noticeLeftSendingByCrash_sentAgainWithSameMessageId() throws Exception {
        NoticeLedger l = ledger();
        NoticeRecord n = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.SEND);
        assertThat(l.claim(n, clock.instant())).isTrue();
        NoticeDispatcher d = dispatcher(l, smtpPort());
        assertThat(d.dispatchDue(clock.instant()).sent()).as("another run may still be sending").isZero();
        clock.advance(Duration.ofMinutes(16));
        assertThat(d.dispatchDue(clock.instant()).sent()).isEqualTo(1);
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getMessageID()).endsWith(".0@mail.example.net>");
        NoticeRecord after = l.get(n.id()).orElseThrow();
        assertThat(after.outcome()).as("the admin is told a second copy may exist")
                .startsWith("accepted by 127.0.0.1:").endsWith(NoticeDispatcher.SECOND_COPY);
        assertThat(after.entry().reason()).contains("may have two copies with the same Message-ID");
    }

    @Test
    void dispatchDue_connectionBrokeAfterTheServerStoredIt_retriesAndSaysTheCustomerMayHaveTwoCopies()
            throws Exception {
        NoticeLedger l = ledger();
        NoticeRecord n = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.SEND);
        try (CutOffSmtpServer server = new CutOffSmtpServer(1)) {
            NoticeDispatcher d = dispatcher(l, server.port());
            DispatchResult first = d.dispatchDue(clock.instant());
            assertThat(first.sent()).isZero();
            assertThat(first.retrying()).isEqualTo(1);
            assertThat(l.get(n.id()).orElseThrow().lastError()).contains("the server may have the notice already");
            assertThat(server.stored()).hasSize(1);
            clock.advance(Duration.ofMinutes(2)); // past the first back-off
            assertThat(d.dispatchDue(clock.instant()).sent()).isEqualTo(1);
            assertThat(server.stored()).hasSize(2);
            String id1 = header(server.stored().get(0), "Message-ID");
            assertThat(id1).isNotEmpty().isEqualTo(header(server.stored().get(1), "Message-ID"));
        }
        assertThat(l.get(n.id()).orElseThrow().outcome()).endsWith(NoticeDispatcher.SECOND_COPY);
    }

    @Test
    void dispatchDue_serverRefusedTheConnection_retrySaysNothingOfASecondCopy() throws Exception {
        NoticeLedger l = ledger();
        NoticeRecord n = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.SEND);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(dispatcher(l, closed).dispatchDue(clock.instant()).retrying()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(dispatcher(l, smtpPort()).dispatchDue(clock.instant()).sent()).isEqualTo(1);
        assertThat(l.get(n.id()).orElseThrow().outcome()).doesNotContain("two copies");
    }

    private static String header(String message, String name) {
        return message.lines().filter(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(h -> h.substring(name.length() + 1).strip()).findFirst().orElse("");
    }

    @Test
    void dispatchDue_noticeSentWithoutInterruption_saysNothingOfASecondCopy() throws Exception {
        NoticeLedger l = ledger();
        NoticeRecord n = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.SEND);
        assertThat(dispatcher(l, smtpPort()).dispatchDue(clock.instant()).sent()).isEqualTo(1);
        assertThat(l.get(n.id()).orElseThrow().outcome()).doesNotContain("second").doesNotContain("two copies");
    }

    @Test
    void resend_sentNotice_goesAgainWithNewMessageId() throws Exception {
        NoticeLedger l = ledger();
        NoticeRecord n = outbox(l, RecipientResolver.mailboxOnly())
                .enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.SEND);
        NoticeDispatcher d = dispatcher(l, smtpPort());
        d.dispatchDue(clock.instant());
        assertThat(l.resend(n.id(), clock.instant())).isTrue();
        assertThat(d.dispatchDue(clock.instant()).sent()).isEqualTo(1);
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got[0].getMessageID()).isNotEqualTo(got[1].getMessageID());
        assertThat(got[1].getMessageID()).endsWith(".1@mail.example.net>");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static Instant at(String s) {
        return Instant.parse(s);
    }
}
