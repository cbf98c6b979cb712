package dev.authaudit.classify;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.BlockEvidence;
import dev.authaudit.correlate.CorrelationListener;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.correlate.Correlator;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.correlate.IpEvidence;
import dev.authaudit.correlate.SourceEvidence;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Protocol;
import dev.authaudit.testing.TestEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A login whose evidence changed only in its totals is not judged again when its verdict stands
 * ({@link VerdictTracker#keepsAccount}, {@link AccountClassifier#keeps}); what the tracker remembers must be
 * exactly what judging it every time gives.
 */
class TotalsOnlyJudgementTest {
    private static final ClassifierSettings SETTINGS = ClassifierSettings.defaults();
    private final TestEvents ev = new TestEvents();

    private static AccountClassifier classifier() {
        return Classifiers.create(SETTINGS, DictionaryLogins.load(SETTINGS.dictionaryResource()), CsfConfig.defaults(),
                T0.getOffset(), true).accounts();
    }

    @Test
    void keeps_decidesTheUnknownUserTestAgainAndNothingElse() {
        AccountClassifier c = classifier();
        // a login guessed by a botnet stays targeted while the unknown-user share stays low
        assertThat(c.keeps(AccountVerdict.TARGETED, 100, 0, 0)).isTrue();
        assertThat(c.keeps(AccountVerdict.STALE_PASSWORD, 100, 0, 3)).isTrue();
        assertThat(c.keeps(AccountVerdict.MISTYPED, 100, 0, 3)).isTrue();
        // but "unknown user" answers that come to dominate make it unknown_user: judged again
        assertThat(c.keeps(AccountVerdict.TARGETED, 100, 100, 0)).isFalse();
        assertThat(c.keeps(AccountVerdict.UNKNOWN_USER, 100, 100, 0)).isTrue();
        // and the other way round: password mismatches that dilute the share end unknown_user
        assertThat(c.keeps(AccountVerdict.UNKNOWN_USER, 1000, 1, 0)).isFalse();
        // a login that ever logged in is not unknown to the server
        assertThat(c.keeps(AccountVerdict.TARGETED, 100, 100, 1)).isTrue();
        // an ok login may become targeted as one-off addresses add up
        assertThat(c.keeps(AccountVerdict.OK, 100, 0, 0)).isFalse();
    }

    /** Passes everything on to a tracker, but never says a verdict stands: every change is judged in full. */
    private record JudgeEveryTime(VerdictTracker tracker) implements CorrelationListener {
        @Override
        public void onAccount(AccountEvidence evidence, Instant at) {
            tracker.onAccount(evidence, at);
        }

        @Override
        public void onIp(IpEvidence evidence, Instant at) {
            tracker.onIp(evidence, at);
        }

        @Override
        public void onBlock(BlockEvidence evidence) {
            tracker.onBlock(evidence);
        }

        @Override
        public boolean wantsAddresses() {
            return tracker.wantsAddresses();
        }
    }

    /** Passes everything on to a tracker and counts how often its verdict was taken as standing. */
    private static class Counting implements CorrelationListener {
        private final VerdictTracker tracker;
        private int kept;
        private int keptWithAdded;
        private int judged;

        Counting(VerdictTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public void onAccount(AccountEvidence evidence, Instant at) {
            judged++;
            tracker.onAccount(evidence, at);
        }

        @Override
        public boolean keepsAccount(String login, long failures, long unknownUsers, long successes, Instant at) {
            boolean k = tracker.keepsAccount(login, failures, unknownUsers, successes, at);
            kept += k ? 1 : 0;
            return k;
        }

        @Override
        public boolean keepsAccount(String login, AccountSlot slot, long failures, long unknownUsers, long successes,
                                    Instant at) {
            boolean k = tracker.keepsAccount(login, slot, failures, unknownUsers, successes, at);
            kept += k ? 1 : 0;
            return k;
        }

        @Override
        public boolean keepsAccount(String login, AccountSlot slot, Supplier<List<SourceEvidence>> added,
                                    long failures, long unknownUsers, long successes, Instant at) {
            boolean k = tracker.keepsAccount(login, slot, added, failures, unknownUsers, successes, at);
            keptWithAdded += k ? 1 : 0;
            return k;
        }

        @Override
        public boolean wantsAddresses() {
            return tracker.wantsAddresses();
        }
    }

    private static VerdictTracker tracker() {
        VerdictTracker t = new VerdictTracker(null, 20_000);
        t.classifiers(Classifiers.create(SETTINGS, DictionaryLogins.load(SETTINGS.dictionaryResource()),
                CsfConfig.defaults(), T0.getOffset(), true), SETTINGS.oneOffMaxFailures());
        return t;
    }

    private static void replay(CorrelationListener listener, List<LogEvent> events, CorrelationSettings settings) {
        EventClock clock = new EventClock(Instant.EPOCH);
        Correlator c = Correlator.builder().settings(settings).listener(listener).build();
        for (LogEvent e : events) {
            clock.advanceTo(e.instant());
            c.accept(e, clock.millis());
        }
        c.finish(clock.millis());
    }

    /**
     * A botnet guessing a few logins from mostly new addresses, with what can end a verdict mixed in: a
     * stale client, unknown-user guesses, addresses that come back for other logins, successes, drops, and
     * an address table small enough that the summaries of itemised sources are evicted.
     */
    private List<LogEvent> mixedDay(long seed) {
        Random r = new Random(seed);
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            logins.add("box" + i + "@example.com");
        }
        logins.add("admin");
        logins.add("ghost@example.com");
        List<LogEvent> out = new ArrayList<>();
        int next = 0;
        for (int s = 0; s < 30_000; s += 5 + r.nextInt(20)) {
            var t = T0.plusSeconds(s);
            String login = logins.get(r.nextInt(logins.size()));
            int kind = r.nextInt(100);
            if (kind < 70) {
                String ip = "45.0." + (next / 250) + "." + (next % 250 + 1);
                next++;
                var f = ev.failure(t, ip, login).smtp();
                out.add((login.startsWith("ghost") || r.nextInt(10) == 0 ? f.unknownUser() : f).build());
            } else if (kind < 80) {
                // an address seen before comes back, for this or another login
                int back = Math.max(0, next - 1 - r.nextInt(Math.min(next + 1, 40)));
                out.add(ev.failure(t, "45.0." + (back / 250) + "." + (back % 250 + 1), login).build());
            } else if (kind < 88) {
                // box1's phone with the old password, polling from one address
                out.add(ev.failure(t, "198.51.100.7", "box1@example.com").fp("5f3a").build());
            } else if (kind < 93) {
                out.add(ev.success(t, "203.0.113." + (1 + r.nextInt(5)), logins.get(r.nextInt(12)), Protocol.IMAP));
            } else if (kind < 97) {
                out.add(ev.failure(t, "203.0.113.3", "box2@example.com").build());
            } else {
                out.add(ev.drop(t, "45.0.0." + (1 + r.nextInt(200)), 40000 + r.nextInt(1000), 587));
            }
        }
        return out;
    }

    /**
     * Verdicts that end while only a login's totals move, or while what is known about one of its sources
     * changes through other logins: a login guessed with unknown names that password guesses outnumber, the
     * other way round, and a stale client's address that starts guessing other logins, then shares its
     * network with a customer who logs in.
     */
    private List<LogEvent> turningDay() {
        List<LogEvent> out = new ArrayList<>();
        int[] next = {0};
        java.util.function.Supplier<String> fresh = () -> {
            int n = next[0]++;
            return "45.1." + (n / 250) + "." + (n % 250 + 1);
        };
        var t = T0;
        for (int i = 0; i < 6; i++) {
            out.add(ev.failure(t = t.plusSeconds(20), fresh.get(), "ghost@example.com").unknownUser().build());
            out.add(ev.failure(t = t.plusSeconds(1), fresh.get(), "dora@example.com").build());
        }
        for (int i = 0; i < 80; i++) {
            out.add(ev.failure(t = t.plusSeconds(20), fresh.get(), "ghost@example.com").build());
            out.add(ev.failure(t = t.plusSeconds(1), fresh.get(), "dora@example.com").unknownUser().build());
        }
        // carol's phone polls with the old password every five minutes; one-offs guess her login as well;
        // then the phone's address guesses other logins: carol's next one-off must see it
        t = phoneTurns(out, t, fresh, "carol@example.com", "198.51.100.50", "user");
        // erin's the same, and then a customer logs in from the phone's network: it is no stranger's
        t = phoneTurns(out, t, fresh, "erin@example.com", "198.51.101.50", "member");
        out.add(ev.success(t = t.plusSeconds(20), "198.51.101.51", "member3@example.com", Protocol.IMAP));
        for (int i = 0; i < 3; i++) {
            out.add(ev.failure(t = t.plusSeconds(20), fresh.get(), "erin@example.com").build());
        }
        // dana is guessed by one-offs (targeted), then her phone starts failing with its old password: a source
        // taken on while targeted, first a one-off like the others, then her stale client
        for (int i = 0; i < 4; i++) {
            out.add(ev.failure(t = t.plusSeconds(30), fresh.get(), "dana@example.com").build());
        }
        for (int i = 0; i < 10; i++) {
            out.add(ev.failure(t = t.plusSeconds(300), "198.51.102.9", "dana@example.com").fp("77d0").build());
        }
        // postmaster@shop.example is a guessed name that never logged in (targeted); a colleague logs in from the
        // office; a stranger tries it again (judged anew, still targeted); then it fails from the office: a source
        // taken on that is the customer's own, which ends the guessed-name verdict
        out.add(ev.failure(t = t.plusSeconds(30), fresh.get(), "postmaster@shop.example").build());
        out.add(ev.success(t = t.plusSeconds(30), "203.0.113.77", "sales@shop.example", Protocol.IMAP));
        out.add(ev.failure(t = t.plusSeconds(30), fresh.get(), "postmaster@shop.example").build());
        out.add(ev.failure(t = t.plusSeconds(30), "203.0.113.77", "postmaster@shop.example").build());
        return out;
    }

    private java.time.OffsetDateTime phoneTurns(List<LogEvent> out, java.time.OffsetDateTime t,
                                               java.util.function.Supplier<String> fresh, String login, String phone,
                                               String others) {
        for (int i = 0; i < 8; i++) {
            out.add(ev.failure(t = t.plusSeconds(300), phone, login).fp("9c1e").build());
            out.add(ev.failure(t.plusSeconds(30), fresh.get(), login).build());
        }
        t = t.plusSeconds(60);
        for (int i = 0; i < 8; i++) {
            out.add(ev.failure(t = t.plusSeconds(2), phone, others + i + "@example.com").fp("aa" + i).build());
        }
        for (int i = 0; i < 3; i++) {
            out.add(ev.failure(t = t.plusSeconds(20), fresh.get(), login).build());
        }
        return t;
    }

    @Test
    void keepingVerdicts_turningPoints_remembersWhatJudgingEveryChangeRemembers() {
        List<LogEvent> day = turningDay();
        VerdictTracker full = tracker();
        replay(new JudgeEveryTime(full), day, CorrelationSettings.defaults());
        VerdictTracker kept = tracker();
        Counting counting = new Counting(kept);
        replay(counting, day, CorrelationSettings.defaults());

        assertThat(counting.kept).isGreaterThan(50);
        // the turns this day is made of do happen
        assertThat(full.firstReached("ghost@example.com", AccountVerdict.UNKNOWN_USER)).isNotNull();
        assertThat(full.firstReached("ghost@example.com", AccountVerdict.TARGETED)).isNotNull();
        assertThat(full.firstReached("dora@example.com", AccountVerdict.UNKNOWN_USER)).isNotNull();
        assertThat(full.firstReached("carol@example.com", AccountVerdict.STALE_PASSWORD)).isNotNull();
        assertThat(full.firstReached("dana@example.com", AccountVerdict.TARGETED)).isNotNull();
        assertThat(full.firstReached("dana@example.com", AccountVerdict.STALE_PASSWORD)).isNotNull();
        assertThat(full.firstReached("postmaster@shop.example", AccountVerdict.TARGETED)).isNotNull();
        assertThat(full.firstReached("postmaster@shop.example", AccountVerdict.OK)).isNotNull();
        assertThat(counting.keptWithAdded).isGreaterThan(0);
        sameMemory(day, full, kept, 0);
    }

    private static void sameMemory(List<LogEvent> day, VerdictTracker full, VerdictTracker kept, long seed) {
        Set<String> logins = new TreeSet<>();
        day.forEach(e -> {
            if (e instanceof dev.authaudit.event.AuthFailure f && f.account() != null) {
                logins.add(f.account());
            }
        });
        for (String login : logins) {
            for (AccountVerdict v : AccountVerdict.values()) {
                assertThat(kept.firstReached(login, v)).as("%s first %s (seed %d)", login, v, seed)
                        .isEqualTo(full.firstReached(login, v));
                assertThat(kept.firstDevice(login, v)).as("%s device %s", login, v)
                        .isEqualTo(full.firstDevice(login, v));
                assertThat(kept.deviceTimes(login, v)).as("%s device times %s", login, v)
                        .isEqualTo(full.deviceTimes(login, v));
            }
        }
    }

    @Test
    void keepingVerdicts_remembersExactlyWhatJudgingEveryChangeRemembers() {
        for (long seed = 1; seed <= 2; seed++) {
            List<LogEvent> day = mixedDay(seed);
            for (CorrelationSettings settings : List.of(CorrelationSettings.defaults(),
                    CorrelationSettings.defaults().withLimits(20_000, 60))) {
                VerdictTracker full = tracker();
                replay(new JudgeEveryTime(full), day, settings);
                VerdictTracker kept = tracker();
                Counting counting = new Counting(kept);
                replay(counting, day, settings);

                assertThat(counting.kept).as("verdicts taken as standing (seed %d)", seed).isGreaterThan(100);
                assertThat(counting.keptWithAdded).as("kept with added sources (seed %d)", seed).isPositive();
                sameMemory(day, full, kept, seed);
            }
        }
    }

    /**
     * Each time a targeted login is kept with the sources it took on, classifying its whole evidence then says
     * targeted as well, on several random days and with an address table small enough to evict.
     */
    @Test
    void keepingWithAddedSources_classifyingTheWholeEvidenceAgrees() {
        AccountClassifier classifier = classifier();
        int checked = 0;
        for (long seed = 3; seed <= 8; seed++) {
            List<LogEvent> day = mixedDay(seed);
            for (CorrelationSettings settings : List.of(CorrelationSettings.defaults(),
                    CorrelationSettings.defaults().withLimits(20_000, 60))) {
                VerdictTracker tracker = tracker();
                Correlator[] correlator = new Correlator[1];
                int[] count = {0};
                long s = seed;
                CorrelationListener checking = new Counting(tracker) {
                    @Override
                    public boolean keepsAccount(String login, AccountSlot slot,
                                                Supplier<List<SourceEvidence>> added, long failures,
                                                long unknownUsers, long successes, Instant at) {
                        boolean k = super.keepsAccount(login, slot, added, failures, unknownUsers, successes, at);
                        if (k) {
                            AccountEvidence whole = correlator[0].account(login).orElseThrow();
                            assertThat(classifier.classify(whole).verdict()).as("%s at %s (seed %d)", login, at, s)
                                    .isEqualTo(AccountVerdict.TARGETED);
                            count[0]++;
                        }
                        return k;
                    }
                };
                EventClock clock = new EventClock(Instant.EPOCH);
                correlator[0] = Correlator.builder().settings(settings).listener(checking).build();
                for (LogEvent e : day) {
                    clock.advanceTo(e.instant());
                    correlator[0].accept(e, clock.millis());
                }
                correlator[0].finish(clock.millis());
                checked += count[0];
            }
        }
        assertThat(checked).isGreaterThan(50);
    }
}
