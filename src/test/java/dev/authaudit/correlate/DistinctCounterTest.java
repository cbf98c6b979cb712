package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistinctCounterTest {

    @Test
    void count_repeatsAcrossTheSwitchToEstimation_areNotCountedTwice() {
        DistinctCounter c = new DistinctCounter();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                c.add("198.51.100." + i);
            }
        }

        assertThat(c.exact()).isFalse();
        assertThat(c.count()).isBetween(85L, 115L);
    }

    @Test
    void count_belowLimit_isExact() {
        DistinctCounter c = new DistinctCounter();
        for (int i = 0; i < 20; i++) {
            c.add("user" + (i % 7));
        }

        assertThat(c.exact()).isTrue();
        assertThat(c.count()).isEqualTo(7);
    }

    @Test
    void count_manyValues_estimatesWithinTwentyPercent() {
        DistinctCounter c = new DistinctCounter();
        for (int i = 0; i < 100_000; i++) {
            c.add("2001:db8::" + Integer.toHexString(i));
        }

        assertThat(c.count()).isBetween(80_000L, 120_000L);
    }
}
