package dev.authaudit.act.notice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.testing.TestClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP boundary of a notice: the ledger records the server's acceptance as soon as the server has
 * answered the message's DATA, before QUIT. A loopback server that holds its answer to QUIT shows the
 * row already {@code sent} while the connection is still open; a kill there no longer sends it again.
 */
class SmtpAcceptanceWindowTest {
    @TempDir
    Path dir;

    /** A minimal SMTP server for one connection: accepts one message, then holds QUIT until released. */
    private static final class HoldingServer implements Runnable {
        final ServerSocket socket;
        final CountDownLatch quitReceived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Throwable> failed = new AtomicReference<>();
        volatile boolean accepted;

        HoldingServer() throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        }

        @Override
        public void run() {
            try (ServerSocket s = socket; Socket c = s.accept()) {
                c.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = c.getOutputStream();
                say(out, "220 holding.test ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                    switch (verb) {
                        case "EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 ok");
                        case "DATA" -> {
                            say(out, "354 go on");
                            String d;
                            while ((d = in.readLine()) != null && !d.equals(".")) {
                                // the message body; nothing to keep
                            }
                            accepted = true;
                            say(out, "250 queued as 1");
                        }
                        case "QUIT" -> {
                            quitReceived.countDown();
                            release.await(10, TimeUnit.SECONDS);
                            say(out, "221 bye");
                            return;
                        }
                        default -> say(out, "502 not here");
                    }
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        }

        private static void say(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    @Test
    void dispatchDue_serverAcceptedTheMessage_ledgerSaysSentBeforeQuitIsAnswered() throws Exception {
        TestClock clock = new TestClock(Candidates.T0.plus(Duration.ofMinutes(31)));
        HoldingServer server = new HoldingServer();
        Thread serverThread = new Thread(server, "holding-smtp");
        serverThread.start();
        try (NoticeLedger l = NoticeLedger.open(dir.resolve("state/authaudit.db"))) {
            NoticeRecord n = new NoticeOutbox(l, RecipientResolver.mailboxOnly(), NoticePolicy.defaults(), clock)
                    .enqueue(Candidates.stale("bob@example.com").build(), DeliveryMode.SEND);
            SmtpSettings s = new SmtpSettings("127.0.0.1", server.socket.getLocalPort(), SmtpSettings.Security.NONE,
                    null, null, Duration.ofSeconds(5), Duration.ofSeconds(15));
            NoticeDispatcher d = new NoticeDispatcher(l, NoticeComposerTest.composer(), NoticePolicy.defaults(),
                    Backoff.defaults(), new SmtpDelivery(s), new DraftFolder(dir.resolve("outbox")));
            AtomicReference<DispatchResult> result = new AtomicReference<>();
            Thread dispatching = new Thread(() -> result.set(d.dispatchDue(clock.instant())), "dispatch");
            dispatching.start();

            assertThat(server.quitReceived.await(10, TimeUnit.SECONDS)).as("the client sent QUIT").isTrue();
            assertThat(server.accepted).isTrue();
            NoticeRecord during = l.get(n.id()).orElseThrow();
            assertThat(during.status()).as("recorded before QUIT was answered: a kill now sends nothing twice")
                    .isEqualTo(NoticeStatus.SENT);
            assertThat(during.messageId()).isNotBlank();

            server.release.countDown();
            dispatching.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(result.get().sent()).isEqualTo(1);
            assertThat(result.get().problems()).isEmpty();
        } finally {
            server.release.countDown();
            serverThread.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertThat(server.failed.get()).isNull();
    }

    @Test
    void deliver_quitNeverAnswered_isStillADelivery() throws Exception {
        HoldingServer server = new HoldingServer();
        Thread serverThread = new Thread(server, "holding-smtp");
        serverThread.start();
        try {
            SmtpSettings s = new SmtpSettings("127.0.0.1", server.socket.getLocalPort(), SmtpSettings.Security.NONE,
                    null, null, Duration.ofSeconds(5), Duration.ofMillis(500));
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(
                    jakarta.mail.Session.getInstance(new java.util.Properties()));
            m.setFrom("support@example.net");
            m.setRecipients(jakarta.mail.Message.RecipientType.TO, "bob@example.com");
            m.setSubject("test");
            m.setText("body");
            AtomicReference<String> recorded = new AtomicReference<>();
            // the server holds QUIT past the read timeout: the message was accepted all the same
            new SmtpDelivery(s).deliver(7, m, recorded::set);
            assertThat(recorded.get()).startsWith("accepted by 127.0.0.1:");
        } finally {
            server.release.countDown();
            serverThread.join(TimeUnit.SECONDS.toMillis(20));
        }
    }
}
