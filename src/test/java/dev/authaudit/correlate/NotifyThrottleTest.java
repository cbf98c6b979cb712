package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
