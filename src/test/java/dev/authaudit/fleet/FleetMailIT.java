package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.testing.ReportSchema;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fleet's mailer on a real broker (single-node KRaft, child JVM on 127.0.0.1, stopped by PID) with GreenMail
 * as the SMTP server on 127.0.0.1: two {@code fleet mail} processes in one group (the second joins while the first
 * works: a rebalance), notice candidates on three partitions, the active mailer killed with SIGKILL while it
 * sends; the standby takes over. Every notice reaches GreenMail; a notice that arrives twice is one the standby's
 * ledger marks as a possible second copy; none arrives three times.
 */
class FleetMailIT {
    private static final int NOTICES = 40;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoMailers_oneKilledMidRun_everyNoticeArrives_andAnyRepeatIsDisclosed() throws Exception {
        Path work = ReportSchema.repo().toAbsolutePath().resolve("target/fleet-mail-it");
        FleetProcesses.deleteTree(work);
        Files.createDirectories(work);
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<Process> started = new ArrayList<>();
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"), Duration.ofSeconds(90))) {
            String bs = broker.bootstrap();
            System.out.println("FleetMailIT: broker (pid " + broker.pid() + ") ready in " + broker.readyMillis + " ms");
            Properties ap = new Properties();
            ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bs);
            try (Admin admin = Admin.create(ap)) {
                admin.createTopics(List.of(new NewTopic("authaudit.notices", 3, (short) 1))).all().get(60,
                        TimeUnit.SECONDS);
            }
            String rules = ReportSchema.repo().resolve("rules").toString();
            int port = smtp.getSmtp().getPort();
            Path logA = work.resolve("mailer-a.log");
            Path logB = work.resolve("mailer-b.log");
            Process a = FleetProcesses.cli(work, logA, mail(bs, port, work.resolve("state-a"), rules));
            started.add(a);
            FleetProcesses.await(logA, "active: 3 partition(s)", a, Duration.ofSeconds(60));

            // the candidates, one login each, spread by key over the three partitions
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            NoticeCandidateJson json = new NoticeCandidateJson();
            List<NoticeCandidate> cs = new ArrayList<>();
            for (int i = 0; i < NOTICES; i++) {
                cs.add(NoticeCandidateJsonTest.candidate(String.format("cust%02d@example.com", i), now.minus(
                        Duration.ofHours(1))));
            }
            try (KafkaProducer<String, String> p = new KafkaProducer<>(KafkaEventPublisher.config(bs))) {
                for (int i = 0; i < NOTICES / 4; i++) {
                    p.send(new ProducerRecord<>("authaudit.notices", cs.get(i).incidentKey(), json.write(cs.get(i))));
                }
                p.flush();
                assertThat(smtp.waitForIncomingEmail(60_000, 5)).as("the first mailer sends").isTrue();

                // a second mailer joins the group: a rebalance; the first keeps every partition, the second waits
                Process b = FleetProcesses.cli(work, logB, mail(bs, port, work.resolve("state-b"), rules));
                started.add(b);
                FleetProcesses.await(logB, "standby", b, Duration.ofSeconds(60));
                for (int i = NOTICES / 4; i < NOTICES; i++) {
                    p.send(new ProducerRecord<>("authaudit.notices", cs.get(i).incidentKey(), json.write(cs.get(i))));
                }
                p.flush();
                // killed while it sends: SIGKILL, no shutdown hook, no leaving the group
                assertThat(smtp.waitForIncomingEmail(60_000, NOTICES / 2)).isTrue();
                a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                System.out.println("FleetMailIT: mailer A (pid " + a.pid() + ") killed after "
                        + smtp.getReceivedMessages().length + " messages");
                FleetProcesses.await(logB, "active: 3 partition(s)", b, Duration.ofSeconds(60));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (received(smtp).size() < NOTICES && System.nanoTime() < deadline) {
                    smtp.waitForIncomingEmail(1000, smtp.getReceivedMessages().length + 1);
                }
                b.destroy();
                assertThat(b.waitFor(30, TimeUnit.SECONDS)).as("the standby stops on SIGTERM").isTrue();
            }
            Map<String, Long> got = received(smtp);
            System.out.println("FleetMailIT: " + smtp.getReceivedMessages().length + " messages for " + got.size()
                    + " notices; A said:\n" + Files.readString(logA).lines().filter(l -> l.contains("fleet mail"))
                    .collect(Collectors.joining("\n")) + "\nB said:\n" + Files.readString(logB).lines()
                    .filter(l -> l.contains("fleet mail")).collect(Collectors.joining("\n")));
            assertThat(got.keySet()).as("0 lost").containsExactlyInAnyOrderElementsOf(
                    cs.stream().map(NoticeCandidate::incidentKey).toList());
            assertThat(got.values()).as("none three times").allMatch(n -> n <= 2);
            try (NoticeLedger ledgerB = NoticeLedger.open(work.resolve("state-b/authaudit.db"))) {
                for (var e : got.entrySet()) {
                    if (e.getValue() == 2) {
                        NoticeRecord r = ledgerB.list().stream().filter(x -> x.incidentKey().equals(e.getKey()))
                                .findFirst().orElseThrow();
                        assertThat(r.outcome()).as("a repeat is disclosed in the ledger")
                                .contains(NoticeDispatcher.SECOND_COPY);
                    }
                }
            }
            assertThat(Files.readString(logB)).contains("stopping: ");
        } finally {
            started.forEach(FleetProcesses::kill);
            smtp.stop();
        }
    }

    private static String[] mail(String bs, int port, Path state, String rules) {
        return new String[] {"fleet", "mail", "--bootstrap", bs, "--group", "authaudit-mailer-it",
            "--session-timeout", "6s", "--notify", "send", "--smtp-host", "127.0.0.1", "--smtp-port",
            Integer.toString(port), "--smtp-security", "none", "--notice-from", "Example Hosting <help@example.net>",
            "--notice-server-name", "mail.example.net", "--notice-help-url", "https://example.net/help", "--notice-limit", "1000", "--state", state.toString(),
            "--rules", rules, "--tz", "UTC"};
    }

    /** Returns how many messages GreenMail holds per incident. */
    private static Map<String, Long> received(GreenMail smtp) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            out.merge(m.getHeader("X-Authaudit-Incident", null), 1L, Long::sum);
        }
        return out;
    }
}
