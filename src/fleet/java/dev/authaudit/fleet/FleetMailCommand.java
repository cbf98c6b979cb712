package dev.authaudit.fleet;

import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.cli.DurationConverter;
import dev.authaudit.cli.InputOptions;
import dev.authaudit.cli.NoticeOptions;
import dev.authaudit.cli.StateOptions;
import dev.authaudit.run.NoticeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit fleet mail}: the fleet's one mailer, with the same notice rules as {@code watch}. */
@Command(name = "mail", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Send (or draft) the customer notices the fleet decided, once each, with the ledger's rules.",
        description = {"Reads notice candidates from the notices topic (a consumer group, read_committed) and puts",
            "each through the same policy, ledger and delivery as 'watch --notify': one notice per login per 24 h,",
            "one per incident, drafts unless --notify send. Start a second mailer with the same --group as a",
            "standby: one member holds every partition, the other takes over when it stops. See docs/fleet.md."})
public final class FleetMailCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", required = true,
            description = "Kafka brokers to start from (comma-separated).")
    String bootstrap;

    @Option(names = "--notices-topic", paramLabel = "TOPIC", description = "Notice candidates, keyed by incident"
            + " key (written by 'fleet run').")
    String topic = "authaudit.notices";

    @Option(names = "--group", paramLabel = "ID", description = "The mailers' consumer group.")
    String group = "authaudit-mailer";

    @Option(names = "--session-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a mailer that stopped answering holds the partitions before a standby takes"
                    + " over (the broker's group.min.session.timeout.ms is the floor).")
    Duration sessionTimeout = Duration.ofSeconds(10);

    @Mixin
    NoticeOptions notices = new NoticeOptions();

    @Mixin
    StateOptions state = new StateOptions();

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--config", paramLabel = "FILE", description = "authaudit.yaml, as watch reads it: its notices"
            + " (mode, sender, SMTP...), state, tz and rules; the command line wins.")
    Path config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    public FleetMailCommand(dev.authaudit.cli.Context context) {
        this.clock = context.clock();
    }

    /** The ledger file: --db, else authaudit.db in the state folder, as for 'watch'. */
    private Path ledgerFile() {
        return state.db();
    }

    static Properties config(String bootstrap, String group, Duration session, long since) {
        Properties p = KafkaClients.committedReader(bootstrap, "authaudit-mailer");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"); // the assignor runs in the client
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(session.toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, session.toMillis() / 4)));
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, SingleMailerAssignor.class.getName());
        p.put(SingleMailerAssignor.SINCE, Long.toString(since));
        return p;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (config != null) {
            dev.authaudit.cli.ConfigOverlay.load(config, spec).apply(input, state, notices);
        }
        Path file = ledgerFile();
        try (NoticeLedger ledger = NoticeLedger.open(file);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(bootstrap, group, sessionTimeout,
                     clock.millis()))) {
            NoticeSettings settings = notices.settings();
            NoticeDispatcher dispatcher = settings.dispatcher(ledger, input.rulesDir(), input.zone(), state.state());
            NoticeMailer mailer = new NoticeMailer(consumer, settings.outbox(ledger, clock), ledger, dispatcher,
                    settings.mode(), settings.maxAge(), clock, err);
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "authaudit-mailer-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("authaudit: fleet mail: group " + group + " on " + bootstrap + ", topic " + topic + ", "
                    + notices.mode().word() + (notices.mode() == dev.authaudit.act.notice.DeliveryMode.DRAFTS
                    ? " (nobody is mailed; --notify send to mail)" : "") + ", ledger " + file);
            err.flush();
            mailer.subscribe(topic);
            try {
                while (true) {
                    mailer.pollOnce(Duration.ofSeconds(1));
                }
            } catch (WakeupException stop) {
                err.println("authaudit: fleet mail: stopping: " + mailer.counts());
                err.flush();
            } finally {
                consumer.close(java.time.Duration.ofSeconds(10));
                done.countDown();
            }
            return 0;
        }
    }
}
