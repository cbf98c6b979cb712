package dev.authaudit.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole lab, started in order and closed in reverse: the users file, the Exim mainlog and lfd.log
 * in {@code dir}, the notice inbox, the lfd simulator reading the mainlog, and the SMTP server it
 * guards. lfd's BLOCK_REPORT hook runs on its own thread, as lfd forks it.
 */
public final class Lab implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lab.class);

    private final LabClock clock;
    private final LabLog mainlog;
    private final LabLog lfdLog;
    private final LabUsers users;
    private final NoticeInbox inbox;
    private final LfdSimulator lfd;
    private final LabSmtpServer server;
    private final ExecutorService hooks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lfd-block-report");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts the lab.
     *
     * @param dir where the logs and the users file go
     * @param blockReport lfd's BLOCK_REPORT hook: receives its eight arguments, off lfd's thread
     */
    public Lab(Path dir, LabClock clock, LfdSimulator.Settings lfdSettings, Consumer<List<String>> blockReport) {
        this.clock = clock;
        this.mainlog = new LabLog(dir.resolve("exim_mainlog"));
        this.lfdLog = new LabLog(dir.resolve("lfd.log"));
        this.users = new LabUsers(dir.resolve("users"), Map.of(LabScript.ALICE, LabScript.OLD_PASSWORD,
                LabScript.BOB, "hunter2"));
        this.inbox = new NoticeInbox();
        this.lfd = new LfdSimulator(lfdLog, clock, lfdSettings, args -> hooks.execute(() -> {
            try {
                blockReport.accept(args);
            } catch (RuntimeException e) {
                log.warn("BLOCK_REPORT failed: {}", e.toString()); // as lfd would: the block stands
            }
        }));
        mainlog.listen(lfd::read);
        this.server = new LabSmtpServer(users, mainlog, clock, lfd::blocked);
    }

    /** Returns a script of the lab's story, not yet started; one polling interval lasts {@code tick}. */
    public LabScript script(Duration tick, Consumer<LabEvent> events) {
        return new LabScript(server.port(), users, tick, clock, events);
    }

    /** Returns the lab clock. */
    public LabClock clock() {
        return clock;
    }

    /** Returns the Exim mainlog. */
    public LabLog mainlog() {
        return mainlog;
    }

    /** Returns lfd.log. */
    public LabLog lfdLog() {
        return lfdLog;
    }

    /** Returns the users file. */
    public LabUsers users() {
        return users;
    }

    /** Returns the customers' inbox. */
    public NoticeInbox inbox() {
        return inbox;
    }

    /** Returns the SMTP submission port. */
    public int smtpPort() {
        return server.port();
    }

    @Override
    public void close() {
        hooks.shutdownNow();
        server.close();
        inbox.close();
        mainlog.close();
        lfdLog.close();
    }
}
