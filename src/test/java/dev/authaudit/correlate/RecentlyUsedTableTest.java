package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentlyUsedTableTest {

    private static final class Item extends RecentlyUsedTable.Slot {
        final int value;

        Item(int value) {
            this.value = value;
        }
    }

    /** The same bound and order as an access-ordered linked map that drops its eldest entry beyond the bound. */
    private static final class Reference<K, V> extends LinkedHashMap<K, V> {
        private static final long serialVersionUID = 1L;
        private final int max;

        Reference(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > max;
        }
    }

    @Test
    void evictsAndOrdersAsALinkedMapInAccessOrder_whetherUsedByKeyOrByAHeldSlot() {
        for (int max : new int[] {1, 2, 7, 50}) {
            Random random = new Random(max);
            RecentlyUsedTable<String, Item> table = new RecentlyUsedTable<>(max);
            Reference<String, Integer> reference = new Reference<>(max);
            Map<String, Item> held = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                String key = "k" + random.nextInt(max * 3 + 2);
                switch (random.nextInt(4)) {
                    case 0 -> {
                        Item got = table.get(key);
                        Integer want = reference.get(key);
                        assertThat(got == null ? null : got.value).isEqualTo(want);
                        if (got != null) {
                            held.put(key, got);
                        }
                    }
                    case 1 -> {
                        // a caller that kept the slot uses it without a lookup while the table holds it
                        Item slot = held.get(key);
                        if (table.holds(slot)) {
                            table.touch(slot);
                            assertThat(reference.get(key)).isEqualTo(slot.value);
                        }
                    }
                    case 2 -> {
                        int value = step;
                        Item got = table.computeIfAbsent(key, k -> new Item(value));
                        Integer want = reference.computeIfAbsent(key, k -> value);
                        assertThat(got.value).isEqualTo(want);
                        held.put(key, got);
                    }
                    default -> {
                        Item put = new Item(step);
                        Item before = held.get(key);
                        table.put(key, put);
                        reference.put(key, step);
                        assertThat(table.holds(before) && before != put).as("a replaced slot is not held").isFalse();
                        held.put(key, put);
                    }
                }
                assertThat(table.size()).isEqualTo(reference.size());
                if (step % 101 == 0) {
                    assertThat(keysInOrder(table)).as("max %d, step %d", max, step)
                            .containsExactlyElementsOf(reference.keySet());
                }
            }
            assertThat(keysInOrder(table)).containsExactlyElementsOf(reference.keySet());
        }
    }

    @Test
    void aSlotOfAnotherTable_orEvicted_isNotHeld() {
        RecentlyUsedTable<String, Item> one = new RecentlyUsedTable<>(1);
        RecentlyUsedTable<String, Item> other = new RecentlyUsedTable<>(1);
        Item a = one.computeIfAbsent("a", k -> new Item(1));
        assertThat(one.holds(a)).isTrue();
        assertThat(other.holds(a)).isFalse();
        assertThat(one.holds(null)).isFalse();

        one.put("b", new Item(2));

        assertThat(one.holds(a)).as("evicted beyond the bound").isFalse();
        assertThat(one.get("a")).isNull();
        assertThatThrownBy(() -> other.put("x", one.get("b"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> keysInOrder(RecentlyUsedTable<String, Item> table) {
        List<String> keys = new ArrayList<>();
        table.forEach((k, v) -> keys.add(k));
        return keys;
    }
}
