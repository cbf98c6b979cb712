package dev.authaudit.realdaemons;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The scripted stories, played against one {@link MailServers} in slots of {@link #REAL_SLOT} (each slot is
 * {@link #STORY_SLOT} in story time, see {@link StoryTime}). Every story runs on its own thread; a step
 * waits for the start of its slot (a schedule, not a guess at how long something takes) and must be over
 * before the next slot starts, which {@link #overruns()} checks. A slot is nine seconds because a failed
 * login really takes up to six: Dovecot answers a failure after {@code auth_failure_delay} (2 s) and delays
 * the next attempt from the same address by its auth penalty (2 s, 4 s, ... up to 15 s; not raised by a
 * client repeating the same password, which is why the guesser sends its four SMTP guesses at once).
 *
 * <ul>
 *   <li><b>customer</b> alice: her phone (127.0.0.2) on IMAP and Exim's submission port, her laptop
 *       (127.0.0.8) on POP3 and Exim's TLS-on-connect port, her tablet (127.0.0.9) on Dovecot's submission;</li>
 *   <li><b>stale phone</b> bob: the phone (127.0.0.3) logs in with the old password, the password is
 *       changed, the laptop (127.0.0.4) logs in with the new one, and the phone keeps failing with the old one
 *       every slot (every ten minutes of story), on IMAP and twice on SMTP;</li>
 *   <li><b>typo</b> carol (127.0.0.5): one wrong password on POP3 without TLS, then the right one a few seconds later;</li>
 *   <li><b>guesser</b> (127.0.0.6): an unknown login on IMAP, then four logins at once on Exim's submission
 *       port, two unknown and two existing, each with another password;</li>
 *   <li><b>gives up</b> (127.0.0.7): starts AUTH on IMAP and on SMTP and hangs up before the password.</li>
 * </ul>
 */
final class Stories {
    static final Duration REAL_SLOT = Duration.ofSeconds(9);
    static final Duration STORY_SLOT = Duration.ofMinutes(10);
    static final int SLOTS = 8;

    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final String CAROL = "carol@example.com";
    static final String DAVE = "dave@example.com";
    static final String BOB_OLD = "bob-old-pw";
    static final String BOB_NEW = "bob-new-password-2";
    static final String CAROL_PASSWORD = "carol-pass-3";

    static final String ALICE_PHONE = "127.0.0.2";
    static final String BOB_PHONE = "127.0.0.3";
    static final String BOB_LAPTOP = "127.0.0.4";
    static final String CAROL_PC = "127.0.0.5";
    static final String GUESSER = "127.0.0.6";
    static final String GIVES_UP = "127.0.0.7";
    static final String ALICE_LAPTOP = "127.0.0.8";
    static final String ALICE_TABLET = "127.0.0.9";

    /** The slots in which the stale phone fails, on IMAP every time and on SMTP in {@link #STALE_SMTP_SLOTS}. */
    static final int FIRST_STALE_SLOT = 2;
    static final List<Integer> STALE_SMTP_SLOTS = List.of(3, 6);

    private final MailServers servers;
    private final Journal journal = new Journal();
    private final Clients clients;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private StoryTime time;
    private final List<String> overruns = new ArrayList<>();

    Stories(MailServers servers) {
        this.servers = servers;
        this.clients = new Clients(servers, journal);
    }

    /** The passwords the server starts with. */
    static Map<String, String> initialPasswords() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ALICE, "alice-pass-1");
        p.put(BOB, BOB_OLD);
        p.put(CAROL, CAROL_PASSWORD);
        p.put(DAVE, "dave-pass-4");
        return p;
    }

    Journal journal() {
        return journal;
    }

    StoryTime time() {
        return time;
    }

    /** Plays every story; returns when all are over (at most a minute past the last slot). */
    void play() throws Exception {
        passwords.putAll(initialPasswords());
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        time = new StoryTime(start, REAL_SLOT, STORY_SLOT);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> running = new ArrayList<>();
            running.add(pool.submit(() -> customer(pool)));
            running.add(pool.submit(() -> stalePhone(pool)));
            running.add(pool.submit(this::typo));
            running.add(pool.submit(() -> guesser(pool)));
            running.add(pool.submit(this::givesUp));
            long limit = REAL_SLOT.multipliedBy(SLOTS).plusMinutes(1).toSeconds();
            for (Future<?> f : running) {
                f.get(limit, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(20, TimeUnit.SECONDS);
        }
        for (Journal.Attempt a : journal.attempts()) {
            if (a.started().isBefore(time.slotStart(a.slot())) || !a.finished().isBefore(time.slotStart(a.slot() + 1))) {
                overruns.add(a.story() + " slot " + a.slot() + " " + a.protocol() + " from " + a.ip() + " ran "
                        + a.started() + " .. " + a.finished() + ", outside its slot " + time.slotStart(a.slot()) + " .. "
                        + time.slotStart(a.slot() + 1));
            }
        }
    }

    /** Steps that did not fit their slot: their lines would get a distorted story time. */
    List<String> overruns() {
        return overruns;
    }

    private Void customer(ExecutorService pool) throws Exception {
        at(0);
        Future<?> laptop = pool.submit(() -> {
            clients.pop3(0, "customer", ALICE_LAPTOP, ALICE, passwords.get(ALICE));
            clients.eximSmtps(0, "customer", ALICE_LAPTOP, "alice-laptop", "LOGIN", ALICE, passwords.get(ALICE));
        });
        clients.imap(0, "customer", ALICE_PHONE, ALICE, passwords.get(ALICE));
        clients.eximSubmission(0, "customer", ALICE_PHONE, "alice-phone", "PLAIN", ALICE, passwords.get(ALICE));
        laptop.get();
        at(1);
        clients.dovecotSubmission(1, "customer", ALICE_TABLET, "alice-tablet", ALICE, passwords.get(ALICE));
        return null;
    }

    private Void stalePhone(ExecutorService pool) throws Exception {
        at(0);
        clients.imap(0, "stale phone", BOB_PHONE, BOB, BOB_OLD);
        clients.eximSubmission(0, "stale phone", BOB_PHONE, "bobs-phone", "PLAIN", BOB, BOB_OLD);
        at(1);
        synchronized (passwords) {
            passwords.put(BOB, BOB_NEW);
            servers.changePassword(passwords);
        }
        clients.imap(1, "stale phone", BOB_LAPTOP, BOB, BOB_NEW);
        clients.eximSubmission(1, "stale phone", BOB_LAPTOP, "bobs-laptop", "PLAIN", BOB, BOB_NEW);
        for (int k = FIRST_STALE_SLOT; k < SLOTS; k++) {
            at(k);
            int slot = k;
            Future<?> smtp = STALE_SMTP_SLOTS.contains(k) ? pool.submit(() -> clients.eximSubmission(slot,
                    "stale phone", BOB_PHONE, "bobs-phone", "PLAIN", BOB, BOB_OLD)) : null;
            clients.imap(k, "stale phone", BOB_PHONE, BOB, BOB_OLD);
            if (smtp != null) {
                smtp.get();
            }
        }
        return null;
    }

    private Void typo() throws InterruptedException {
        at(1);
        clients.pop3Plain(1, "typo", CAROL_PC, CAROL, "carol-pass-e");
        clients.pop3Plain(1, "typo", CAROL_PC, CAROL, CAROL_PASSWORD);
        return null;
    }

    private Void guesser(ExecutorService pool) throws Exception {
        at(0);
        clients.imap(0, "guesser", GUESSER, "admin@example.com", "admin123");
        at(1);
        List<Future<?>> tries = new ArrayList<>();
        String[][] guesses = {{"info@example.com", "123456"}, {"test@example.com", "password"},
                {ALICE, "qwerty"}, {DAVE, "letmein"}};
        for (String[] g : guesses) {
            tries.add(pool.submit(() -> clients.eximSubmission(1, "guesser", GUESSER, "User", "LOGIN", g[0], g[1])));
        }
        for (Future<?> f : tries) {
            f.get();
        }
        return null;
    }

    private Void givesUp() throws InterruptedException {
        at(2);
        clients.imapGiveUp(2, "gives up", GIVES_UP, CAROL);
        clients.smtpGiveUp(2, "gives up", GIVES_UP, "quitter", DAVE);
        return null;
    }

    private void at(int slot) throws InterruptedException {
        Instant due = time.slotStart(slot);
        // sleep() may wake a little early; the step must not start before its slot
        for (Instant now = Instant.now(); now.isBefore(due); now = Instant.now()) {
            Thread.sleep(Math.max(1, Duration.between(now, due).toMillis()));
        }
    }
}
