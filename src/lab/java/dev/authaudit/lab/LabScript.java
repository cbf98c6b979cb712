package dev.authaudit.lab;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The lab's story, in ticks (one tick is one mail-client polling interval, five lab minutes at the
 * demo's speed):
 * <ul>
 * <li>0: alice's phone sends mail with her password; 0.6: alice changes it on the webmail; from 1,
 *     every tick: the phone tries again with the old one, until the firewall keeps it out;</li>
 * <li>1.5: alice's laptop, updated, sends with the new password;</li>
 * <li>0.4 and 0.8: bob mistypes his password, then gets it right;</li>
 * <li>from 2.2, every 0.15 tick: a brute-forcer tries a dictionary of logins and passwords.</li>
 * </ul>
 */
public final class LabScript implements AutoCloseable {
    /** alice's password before and after she changes it. */
    public static final String OLD_PASSWORD = "old-Secret1";
    static final String NEW_PASSWORD = "new-Secret2";
    /** The customers. */
    public static final String ALICE = "alice@example.com";
    public static final String BOB = "bob@example.com";
    /** The devices. */
    public static final MailClient PHONE = new MailClient("alice's phone", "127.0.0.2", "alices-iphone", "LOGIN");
    public static final MailClient TYPO = new MailClient("bob's pc", "127.0.0.3", "bobs-pc", "PLAIN");
    public static final MailClient BRUTE = new MailClient("brute-forcer", "127.0.0.4", "ylmf-pc", "LOGIN");
    public static final MailClient LAPTOP = new MailClient("alice's laptop", "127.0.0.5", "alices-laptop", "PLAIN");

    private static final List<String[]> DICTIONARY = List.of(new String[] {"admin", "123456"},
            new String[] {"info", "password"}, new String[] {"test", "test"}, new String[] {"sales", "qwerty"},
            new String[] {"support", "letmein"}, new String[] {"webmaster", "admin123"},
            new String[] {"office", "abc123"}, new String[] {"contact", "111111"});
    private static final int MAX_PHONE_TRIES = 12;

    private final ScheduledExecutorService exec = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "lab-client");
        t.setDaemon(true);
        return t;
    });
    private final int port;
    private final LabUsers users;
    private final Duration tick;
    private final Clock clock;
    private final Consumer<LabEvent> events;
    private final CountDownLatch done = new CountDownLatch(2);

    /**
     * @param port the lab server's port
     * @param tick the real length of one polling interval
     * @param clock the lab clock, for stamping events
     * @param events receives every step as it happens
     */
    public LabScript(int port, LabUsers users, Duration tick, Clock clock, Consumer<LabEvent> events) {
        this.port = port;
        this.users = users;
        this.tick = tick;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Starts the story; returns once the phone's first, successful submission is done, so everything
     * after it is timed from a warm server.
     */
    public void start() {
        for (MailClient c : List.of(PHONE, TYPO, BRUTE, LAPTOP)) {
            c.ping(port); // the first connection of a JVM is slow; keep that out of the story's rhythm
        }
        submit(PHONE, ALICE, OLD_PASSWORD, "sent with the password saved on the phone");
        at(0.4, () -> submit(TYPO, BOB, "hunter3", "a typo in the password"));
        at(0.6, () -> {
            users.change(ALICE, NEW_PASSWORD);
            events.accept(new LabEvent(clock.instant(), "alice", "changed her password on the webmail", null));
        });
        at(0.8, () -> submit(TYPO, BOB, "hunter2", "the right password"));
        at(1.5, () -> submit(LAPTOP, ALICE, NEW_PASSWORD, "with the new password"));
        AtomicInteger tries = new AtomicInteger();
        repeat(1, 1, () -> tries.incrementAndGet() > MAX_PHONE_TRIES
                || submit(PHONE, ALICE, OLD_PASSWORD, "still the old password") == MailClient.Outcome.REFUSED);
        AtomicInteger word = new AtomicInteger();
        repeat(2.2, 0.15, () -> {
            int i = word.getAndIncrement();
            if (i >= DICTIONARY.size()) {
                return true;
            }
            String[] guess = DICTIONARY.get(i);
            return submit(BRUTE, guess[0], guess[1], "guessing") == MailClient.Outcome.REFUSED;
        });
    }

    /** Waits until the phone and the brute-forcer have stopped (blocked or out of tries). */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }

    private MailClient.Outcome submit(MailClient c, String login, String password, String what) {
        MailClient.Outcome o = c.submit(port, login, password, "lab: " + what);
        events.accept(new LabEvent(clock.instant(), c.name(), "as " + login + ", " + what, o));
        return o;
    }

    private void at(double ticks, Runnable step) {
        exec.schedule(step, millis(ticks), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code step} every {@code every} ticks from {@code first} until it returns true. */
    private void repeat(double first, double every, java.util.function.BooleanSupplier step) {
        exec.schedule(new Runnable() {
            @Override
            public void run() {
                if (step.getAsBoolean()) {
                    done.countDown();
                } else {
                    exec.schedule(this, millis(every), TimeUnit.MILLISECONDS);
                }
            }
        }, millis(first), TimeUnit.MILLISECONDS);
    }

    private long millis(double ticks) {
        return Math.round(tick.toMillis() * ticks);
    }
}
