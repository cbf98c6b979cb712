package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NotifyThrottleTest {
    private static final Instant T0 = Instant.parse("2025-03-31T10:00:00Z");

    @Test
    void allow_withinInterval_marksPendingAndDueLater() {
        NotifyThrottle t = new NotifyThrottle(10_000, 100);
        assertThat(t.allow("bob", T0)).isTrue();
        assertThat(t.allow("bob", T0.plusSeconds(3))).isFalse();
        assertThat(t.allow("bob", T0.plusSeconds(4))).isFalse();
        assertThat(t.due(T0.plusSeconds(9).toEpochMilli())).isEmpty();
        var due = t.due(T0.plusSeconds(10).toEpochMilli());
        assertThat(due).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("bob");
            assertThat(e.getValue()).isEqualTo(T0.plusSeconds(3));
        });
        assertThat(t.hasPending()).isFalse();
    }

    @Test
    void drain_atEndOfRun_returnsEveryPendingSubject() {
        NotifyThrottle t = new NotifyThrottle(10_000, 100);
        t.allow("a", T0);
        t.allow("b", T0);
        t.allow("a", T0.plusSeconds(1));
        t.allow("b", T0.plusSeconds(2));
        assertThat(t.drain()).extracting(e -> e.getKey()).containsExactly("a", "b");
        assertThat(t.hasPending()).isFalse();
    }

    @Test
    void allow_manySubjects_staysBounded() {
        NotifyThrottle t = new NotifyThrottle(10_000, 50);
        for (int i = 0; i < 10_000; i++) {
            t.allow("s" + (i % 200), T0.plusMillis(i));
        }
        assertThat(t.drain().size()).isLessThanOrEqualTo(50);
    }

    @Test
    void allow_withHeldSummaries_decidesAsWithLookups_evenWhenTheBoundDropsSubjects() {
        for (int seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            int max = 1 + r.nextInt(6);
            NotifyThrottle looked = new NotifyThrottle(10_000, max);
            NotifyThrottle held = new NotifyThrottle(10_000, max);
            Map<String, AccountSummary> summaries = new HashMap<>();
            long ms = T0.toEpochMilli();
            for (int step = 0; step < 3_000; step++) {
                ms += r.nextInt(4_000);
                String login = "u" + r.nextInt(3 * max);
                // now and then the login's summary is a new one (the table dropped the old): an empty mark
                AccountSummary a = r.nextInt(50) == 0 ? null : summaries.computeIfAbsent(login,
                        k -> new AccountSummary(k, 4));
                if (a == null) {
                    summaries.remove(login);
                }
                Instant at = Instant.ofEpochMilli(ms);
                assertThat(held.allow(login, at, a)).as("seed %d step %d", seed, step)
                        .isEqualTo(looked.allow(login, at));
                if (step % 11 == 0) {
                    assertThat(held.due(ms)).isEqualTo(looked.due(ms));
                }
            }
            assertThat(held.drain()).isEqualTo(looked.drain());
        }
    }

    @Test
    void allow_withAnotherThrottlesMark_looksTheSubjectUp() {
        NotifyThrottle live = new NotifyThrottle(10_000, 100);
        AccountSummary a = new AccountSummary("bob", 4);
        assertThat(live.allow("bob", T0, a)).isTrue();
        NotifyThrottle copy = live.copy();
        // the summary holds the live throttle's entry: the copy must find its own, judged at T0
        assertThat(copy.allow("bob", T0.plusSeconds(3), a)).isFalse();
        assertThat(live.allow("bob", T0.plusSeconds(4), a)).isFalse();
        assertThat(copy.allow("bob", T0.plusSeconds(10), a)).isTrue();
        assertThat(live.allow("bob", T0.plusSeconds(10), a)).isTrue();
    }
}
