package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The promise {@link StateTable#generation} makes to callers that keep the entries handed out. */
class CaffeineStateTableTest {
    private final EventClock clock = new EventClock(Instant.EPOCH);

    @Test
    void generation_staysWhileNothingCanLeave_changesWhenAnEntryIsReplaced() {
        CaffeineStateTable<String, long[]> t = new CaffeineStateTable<>(100, null, EventClock.tickerOf(clock));
        long[] a = t.getOrCreate("a", k -> new long[1]);
        long g = t.generation();
        assertThat(g).isNotNegative();
        for (int i = 0; i < 50; i++) {
            t.getOrCreate("k" + i, k -> new long[1]);
        }
        assertThat(t.generation()).as("creating entries removes none").isEqualTo(g);
        assertThat(t.get("a")).isSameAs(a);

        t.put("a", new long[1]);

        assertThat(t.generation()).as("the entry handed out is no longer the table's").isNotEqualTo(g);
    }

    @Test
    void generation_promisesNothingNearTheBoundOrWhenEntriesExpire() {
        CaffeineStateTable<String, long[]> full = new CaffeineStateTable<>(20, null, EventClock.tickerOf(clock));
        for (int i = 0; i < 18; i++) {
            full.getOrCreate("k" + i, k -> new long[1]);
        }
        assertThat(full.generation()).as("18 of 20: eviction may be near").isEqualTo(-1);

        CaffeineStateTable<String, long[]> windows = new CaffeineStateTable<>(100, Duration.ofHours(2),
                EventClock.tickerOf(clock));
        windows.getOrCreate("a", k -> new long[1]);
        assertThat(windows.generation()).as("an idle entry expires without a removal the caller would see")
                .isEqualTo(-1);
    }

    @Test
    void peek_readsWithoutCreating() {
        CaffeineStateTable<String, long[]> t = new CaffeineStateTable<>(100, null, EventClock.tickerOf(clock));
        assertThat(t.peek("a")).isNull();
        long[] a = t.getOrCreate("a", k -> new long[1]);
        assertThat(t.peek("a")).isSameAs(a);
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void departures_everyValueThatLeavesIsMarked_noneThatStays() {
        java.util.Set<long[]> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        CaffeineStateTable<String, long[]> t = new CaffeineStateTable<>(10, null, EventClock.tickerOf(clock), gone::add);
        java.util.Map<String, long[]> made = new java.util.HashMap<>();
        for (int i = 0; i < 60; i++) {
            String key = "k" + (i % 40);
            made.putIfAbsent(key, t.getOrCreate(key, k -> new long[1]));
        }
        long[] replaced = t.getOrCreate("k39", k -> new long[1]);
        t.put("k39", new long[1]);
        t.cleanUp();

        assertThat(t.reportsDepartures()).isTrue();
        assertThat(gone).as("replaced").contains(replaced);
        made.forEach((key, v) -> assertThat(gone.contains(v)).as(key).isEqualTo(t.peek(key) != v));
        assertThat(new CaffeineStateTable<String, long[]>(10, null, EventClock.tickerOf(clock)).reportsDepartures())
                .isFalse();
    }

    @Test
    void arrivals_changeWhenTheKeysEntryIsCreated_notWhenItIsFound() {
        CaffeineStateTable<String, long[]> t = new CaffeineStateTable<>(100, null, EventClock.tickerOf(clock), null,
                true);
        int before = t.arrivals("a");
        assertThat(before).isNotNegative();
        t.getOrCreate("b", k -> new long[1]);
        t.get("a");
        assertThat(t.arrivals("a")).as("another key's slot, and a miss").isEqualTo(before);

        t.getOrCreate("a", k -> new long[1]);
        int created = t.arrivals("a");
        assertThat(created).isNotEqualTo(before);
        t.getOrCreate("a", k -> new long[1]);
        t.put("a", t.get("a"));
        assertThat(t.arrivals("a")).as("found, and written back").isEqualTo(created);
        assertThat(t.arrivals("a", "a".hashCode())).as("read by the key's kept hash").isEqualTo(created);
        assertThat(t.arrivals("b", "b".hashCode())).isEqualTo(t.arrivals("b"));

        CaffeineStateTable<String, long[]> put = new CaffeineStateTable<>(100, null, EventClock.tickerOf(clock), null,
                true);
        int empty = put.arrivals("a");
        put.put("a", new long[1]);
        assertThat(put.arrivals("a")).as("an entry put where there was none").isNotEqualTo(empty);
        assertThat(new CaffeineStateTable<String, long[]>(100, null, EventClock.tickerOf(clock)).arrivals("a"))
                .as("a table that does not count").isEqualTo(-1);
    }
}
