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
    void copy_countsLikeTheOriginalFedTheSameValues_andOnItsOwn() {
        for (int n : new int[] {0, 1, 2, 40, 64, 65, 5_000}) {
            DistinctCounter original = new DistinctCounter();
            DistinctCounter twin = new DistinctCounter();
            for (int i = 0; i < n; i++) {
                original.add("203.0.113." + i);
                twin.add("203.0.113." + i);
            }
            long before = original.count();
            DistinctCounter copy = original.copy();
            assertThat(copy.count()).as("%d values", n).isEqualTo(before);
            for (int i = 0; i < 3_000; i++) {
                copy.add("login" + i);
                twin.add("login" + i);
            }
            assertThat(copy.count()).as("%d values, then more", n).isEqualTo(twin.count());
            assertThat(copy.exact()).isEqualTo(twin.exact());
            assertThat(original.count()).as("the original is left as it was").isEqualTo(before);
        }
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

    @Test
    void count_fromTheKeptSum_equalsAPassOverTheRegisters_atEveryStep() {
        // the kept sum must give the very double the registers' sum gives: reports compare byte for byte
        DistinctCounter c = new DistinctCounter();
        DistinctCounter copied = null;
        for (int i = 0; i < 200_000; i++) {
            c.add("192.0.2." + i);
            if (!c.exact() && (i < 2_000 || i % 97 == 0)) {
                assertThat(c.count()).as("%d values", i + 1).isEqualTo(c.recountedEstimate());
            }
            if (i == 1_000) {
                copied = c.copy();
            }
        }
        for (int i = 0; i < 50_000; i++) {
            copied.add("login" + i);
        }
        assertThat(copied.count()).as("a copy keeps the sum too").isEqualTo(copied.recountedEstimate());
    }

    @Test
    void count_repeatedAfterAValueThatRaisedNoRegister_isTheCachedOne() {
        DistinctCounter c = new DistinctCounter();
        for (int i = 0; i <= DistinctCounter.EXACT_LIMIT; i++) {
            c.add("h" + i);
        }
        long first = c.count();
        c.add("h0");
        assertThat(c.count()).isEqualTo(first).isEqualTo(c.recountedEstimate());
    }
}
