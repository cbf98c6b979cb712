package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link QueuedSlots} against two {@link LinkedHashMap}s doing the same, and its edge cases. */
class QueuedSlotsTest {

    /** A key whose hash code is chosen, so probe runs collide and wrap as a test needs. */
    private record Key(String name, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.name.equals(name);
        }
    }

    @Test
    void empty_findsNothing_queuesHaveNoEldest() {
        QueuedSlots<String, Integer> q = new QueuedSlots<>();
        assertThat(q.find("a")).isEqualTo(QueuedSlots.NONE);
        assertThat(q.eldest(0)).isEqualTo(QueuedSlots.NONE);
        assertThat(q.eldest(1)).isEqualTo(QueuedSlots.NONE);
        assertThat(q.size()).isZero();
    }

    @Test
    void queuesKeepArrivalOrder_movingAnEntryPutsItLast_removingReusesItsSlot() {
        QueuedSlots<String, Integer> q = new QueuedSlots<>();
        for (int i = 0; i < 5; i++) {
            q.add("k" + i, ("k" + i).hashCode(), i, 0);
        }
        q.moveToEnd(q.eldest(0), 1);
        q.moveToEnd(q.eldest(0), 1);
        assertThat(keys(q, 0)).containsExactly("k2", "k3", "k4");
        assertThat(keys(q, 1)).containsExactly("k0", "k1");
        int k3 = q.find("k3");
        q.remove(k3);
        assertThat(q.find("k3")).isEqualTo(QueuedSlots.NONE);
        assertThat(keys(q, 0)).containsExactly("k2", "k4");
        int again = q.add("k5", "k5".hashCode(), 5, 0);
        assertThat(again).as("the freed slot").isEqualTo(k3);
        assertThat(keys(q, 0)).containsExactly("k2", "k4", "k5");
        q.setValue(q.find("k2"), 20);
        assertThat(q.value(q.find("k2"))).isEqualTo(20);
        assertThat(keys(q, 0)).as("a new value keeps its place").containsExactly("k2", "k4", "k5");
        assertThat(q.queue(q.find("k0"))).isEqualTo(1);
        assertThat(q.size()).isEqualTo(5);
    }

    @Test
    void aKeyWhoseHomeIsFree_misses_andOneInARunStartedAtAnotherHome_isFound_asEntriesComeAndGo() {
        QueuedSlots<Key, Integer> q = new QueuedSlots<>();
        // hashes 0 and 1 lie in one run when 0's run already covers 1's home: each found until removed
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slots.add(q.add(new Key("a" + i, i % 2), i % 2, i, 0));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(q.find(new Key("a" + i, i % 2))).isEqualTo(slots.get(i));
        }
        assertThat(q.find(new Key("z", 12345))).isEqualTo(QueuedSlots.NONE);
        for (int i = 0; i < 6; i++) {
            q.remove(slots.get(i));
            assertThat(q.find(new Key("a" + i, i % 2))).isEqualTo(QueuedSlots.NONE);
            for (int j = i + 1; j < 6; j++) {
                assertThat(q.find(new Key("a" + j, j % 2))).as("after %d removed", i).isEqualTo(slots.get(j));
            }
        }
        // all gone: every position free again, and added again each is found
        for (int i = 0; i < 6; i++) {
            int s = q.add(new Key("b" + i, i % 2), i % 2, i, 1);
            assertThat(q.find(new Key("b" + i, i % 2))).isEqualTo(s);
        }
        assertThat(q.find(new Key("a0", 0))).isEqualTo(QueuedSlots.NONE);
    }

    @Test
    void keysOfOneHash_allFound_removingOneInTheMiddleOfTheirRunKeepsTheOthers() {
        QueuedSlots<Key, Integer> q = new QueuedSlots<>();
        List<Key> same = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Key k = new Key("s" + i, 7);
            same.add(k);
            q.add(k, k.hashCode(), i, i % 2);
        }
        // others whose run starts inside the colliding run, and one that wraps past the end of the index
        for (int i = 0; i < 40; i++) {
            Key k = new Key("o" + i, i * 0x61C88647);
            q.add(k, k.hashCode(), 100 + i, 0);
        }
        for (int i = 0; i < 40; i += 3) {
            q.remove(q.find(same.get(i)));
        }
        for (int i = 0; i < 40; i++) {
            int slot = q.find(same.get(i));
            if (i % 3 == 0) {
                assertThat(slot).isEqualTo(QueuedSlots.NONE);
            } else {
                assertThat(q.value(slot)).isEqualTo(i);
            }
            assertThat(q.value(q.find(new Key("o" + i, i * 0x61C88647)))).isEqualTo(100 + i);
        }
    }

    @Test
    void aLargeQueueAndASmallOne_eachIndexGrowsOnItsOwn_entriesMovedBetweenThemAreFoundInTheirNewOne() {
        QueuedSlots<String, Integer> q = new QueuedSlots<>();
        // a botnet's day: every key enters the small queue; its eldest moves to the large one or leaves
        for (int i = 0; i < 20_000; i++) {
            q.add("a" + i, ("a" + i).hashCode(), i, 0);
            if (q.size(0) > 10) {
                int eldest = q.eldest(0);
                if (q.size(1) < 5_000) {
                    q.moveToEnd(eldest, 1);
                } else {
                    q.remove(eldest);
                }
            }
        }
        assertThat(q.size(0)).isEqualTo(10);
        assertThat(q.size(1)).isEqualTo(5_000);
        for (int i = 0; i < 20_000; i++) {
            int slot = q.find("a" + i);
            if (i < 5_000) {
                assertThat(q.queue(slot)).isEqualTo(1);
                assertThat(q.value(slot)).isEqualTo(i);
            } else if (i >= 19_990) {
                assertThat(q.queue(slot)).isEqualTo(0);
            } else {
                assertThat(slot).isEqualTo(QueuedSlots.NONE);
            }
        }
        // back from the large queue to the small one, and out
        q.moveToEnd(q.find("a7"), 0);
        assertThat(q.queue(q.find("a7"))).isZero();
        assertThat(keys(q, 0)).endsWith("a7").hasSize(11);
        q.remove(q.find("a7"));
        assertThat(q.find("a7")).isEqualTo(QueuedSlots.NONE);
        assertThat(q.size()).isEqualTo(5_009);
    }

    @Test
    void randomWork_matchesTwoLinkedHashMaps_acrossGrowthAndWrappedRuns() {
        Random r = new Random(24);
        QueuedSlots<Key, Integer> q = new QueuedSlots<>();
        List<LinkedHashMap<Key, Integer>> ref = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
        for (int step = 0; step < 200_000; step++) {
            // few hash values, so runs are long and cross the end of the index
            Key k = new Key("k" + r.nextInt(3_000), r.nextInt(600) * 0x01000193);
            int slot = q.find(k);
            int held = ref.get(0).containsKey(k) ? 0 : ref.get(1).containsKey(k) ? 1 : -1;
            assertThat(slot == QueuedSlots.NONE).isEqualTo(held < 0);
            int op = r.nextInt(5);
            if (held < 0) {
                if (op < 3) {
                    int queue = r.nextInt(2);
                    q.add(k, k.hashCode(), step, queue);
                    ref.get(queue).put(k, step);
                }
            } else {
                assertThat(q.value(slot)).isEqualTo(ref.get(held).get(k));
                assertThat(q.queue(slot)).isEqualTo(held);
                if (op == 0) {
                    q.remove(slot);
                    ref.get(held).remove(k);
                } else if (op == 1) {
                    int to = r.nextInt(2);
                    q.moveToEnd(slot, to);
                    Integer v = ref.get(held).remove(k);
                    ref.get(to).put(k, v);
                } else if (op == 2) {
                    q.setValue(slot, -step);
                    ref.get(held).put(k, -step);
                }
            }
            if (op == 4) {
                int queue = r.nextInt(2);
                int eldest = q.eldest(queue);
                if (ref.get(queue).isEmpty()) {
                    assertThat(eldest).isEqualTo(QueuedSlots.NONE);
                } else {
                    Map.Entry<Key, Integer> first = ref.get(queue).entrySet().iterator().next();
                    assertThat(q.key(eldest)).isEqualTo(first.getKey());
                    q.remove(eldest);
                    ref.get(queue).remove(first.getKey());
                }
            }
        }
        for (int queue = 0; queue < 2; queue++) {
            List<Key> order = new ArrayList<>();
            q.forEach(queue, (k, v) -> order.add(k));
            assertThat(order).containsExactlyElementsOf(ref.get(queue).keySet());
            assertThat(q.size(queue)).isEqualTo(ref.get(queue).size());
        }
    }

    private static List<String> keys(QueuedSlots<String, Integer> q, int queue) {
        List<String> out = new ArrayList<>();
        q.forEach(queue, (k, v) -> out.add(k));
        return out;
    }
}
