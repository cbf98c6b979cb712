package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link FirstSightingTable} keeps when full, and the promises of {@link StateTable} it keeps. */
class FirstSightingTableTest {
    private final EventClock clock = new EventClock(Instant.EPOCH);
    private final Set<long[]> gone = Collections.newSetFromMap(new IdentityHashMap<>());

    private FirstSightingTable<String, long[]> table(int max) {
        return new FirstSightingTable<>(max, EventClock.tickerOf(clock), gone::add, true);
    }

    @Test
    void full_theFirstSightingsHeldStay_newerOnesPassThroughTheWindowAndLeave_countedAndMarked() {
        FirstSightingTable<String, long[]> t = table(100);
        long[] first = t.getOrCreate("k0", k -> new long[1]);
        long[] second = null;
        for (int i = 1; i < 250; i++) {
            long[] v = t.getOrCreate("k" + i, k -> new long[1]);
            second = i == 99 ? v : second;
        }
        assertThat(t.size()).isEqualTo(100);
        assertThat(t.evicted()).isEqualTo(150);
        assertThat(gone).hasSize(150);
        assertThat(gone.contains(first)).isFalse();
        assertThat(gone.contains(second)).as("k99 passed through the window of one when the rest was full").isTrue();
        assertThat(t.peek("k0")).isSameAs(first);
        assertThat(t.peek("k98")).isNotNull();
        assertThat(t.peek("k99")).isNull();
        assertThat(t.peek("k248")).isNull();
        assertThat(t.peek("k249")).as("the newest, in the window").isNotNull();
    }

    @Test
    void anEntryUsedAgainIsKept_whileOnesSeenOnceComeAndGo() {
        FirstSightingTable<String, long[]> t = table(100);
        long[] busy = t.getOrCreate("busy", k -> new long[1]);
        t.getOrCreate("k0", k -> new long[1]);
        assertThat(t.get("busy")).as("its second use admits it").isSameAs(busy);
        for (int i = 1; i < 1_000; i++) {
            t.getOrCreate("k" + i, k -> new long[1]);
        }
        t.cleanUp();
        assertThat(t.peek("busy")).isSameAs(busy);
        assertThat(gone.contains(busy)).as("the set compares by identity").isFalse();
        assertThat(t.size()).isLessThanOrEqualTo(100);
        assertThat(t.evicted()).isEqualTo(1_001 - t.size());
    }

    @Test
    void aFirstSightingUsedAgainInTheWindowIsAdmitted_onlyPeekedAtItLeaves() {
        FirstSightingTable<String, long[]> t = table(200);
        for (int i = 0; i < 200; i++) {
            t.getOrCreate("k" + i, k -> new long[1]);
        }
        long[] peeked = t.getOrCreate("peeked", k -> new long[1]);
        assertThat(t.peek("peeked")).isSameAs(peeked);
        long[] used = t.getOrCreate("used", k -> new long[1]);
        assertThat(t.get("used")).isSameAs(used);
        for (int i = 200; i < 300; i++) {
            t.getOrCreate("k" + i, k -> new long[1]);
        }
        assertThat(gone.contains(peeked)).isTrue();
        assertThat(gone.contains(used)).isFalse();
        assertThat(t.peek("used")).isSameAs(used);
        assertThat(t.size()).isLessThanOrEqualTo(200);
    }

    @Test
    void arrivals_changeWhenAnEntryIsCreated_notWhenOneIsUsed() {
        FirstSightingTable<String, long[]> t = table(100);
        int before = t.arrivals("a");
        t.getOrCreate("a", k -> new long[1]);
        int after = t.arrivals("a");
        assertThat(after).isNotEqualTo(before);
        t.get("a");
        t.getOrCreate("a", k -> new long[1]);
        assertThat(t.arrivals("a")).isEqualTo(after).isEqualTo(t.arrivals("a", "a".hashCode()));
    }

    @Test
    void generation_staysWhileNothingLeaves_changesWhenAFirstSightingIsReplaced() {
        FirstSightingTable<String, long[]> t = table(100);
        long[] a = t.getOrCreate("a", k -> new long[1]);
        long g = t.generation();
        assertThat(g).isNotNegative();
        for (int i = 0; i < 50; i++) {
            t.getOrCreate("k" + i, k -> new long[1]);
        }
        assertThat(t.get("a")).isSameAs(a);
        assertThat(t.generation()).as("admitting an entry removes none").isEqualTo(g);
        t.put("k1", new long[1]);
        assertThat(t.generation()).isNotEqualTo(g);
        for (int i = 50; i < 95; i++) {
            t.getOrCreate("k" + i, k -> new long[1]);
        }
        assertThat(t.generation()).as("near the bound").isEqualTo(-1);
    }

    @Test
    void forEach_visitsBothParts() {
        FirstSightingTable<String, long[]> t = table(100);
        t.getOrCreate("a", k -> new long[1]);
        t.get("a");
        t.getOrCreate("b", k -> new long[1]);
        Set<String> seen = new java.util.HashSet<>();
        t.forEach((k, v) -> seen.add(k));
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
    }
}
