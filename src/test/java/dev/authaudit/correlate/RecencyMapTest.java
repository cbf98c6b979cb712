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

class RecencyMapTest {
    private static final class Value extends RecencyMap.Entry {
        final int id;

        Value(int id) {
            this.id = id;
        }
    }

    /** The map it must equal: access-ordered, the eldest dropped beyond the bound. */
    private static LinkedHashMap<String, Value> reference(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Value> eldest) {
                return size() > max;
            }
        };
    }

    private static List<String> keys(RecencyMap<String, Value> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(k));
        return out;
    }

    @Test
    void randomUse_keepsAndDropsWhatAnAccessOrderedMapWould() {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            int max = 1 + r.nextInt(12);
            int keys = max + 1 + r.nextInt(3 * max);
            RecencyMap<String, Value> m = new RecencyMap<>(max);
            LinkedHashMap<String, Value> ref = reference(max);
            // what a caller holds: the value it last got for each key
            Map<String, Value> held = new HashMap<>();
            for (int step = 0; step < 2_000; step++) {
                String k = "k" + r.nextInt(keys);
                int op = r.nextInt(3);
                if (op == 0) {
                    assertThat(m.get(k)).isSameAs(ref.get(k));
                } else if (op == 1) {
                    Value h = held.get(k);
                    boolean inRef = h != null && ref.get(k) == h;
                    boolean touched = h != null && m.touch(h);
                    assertThat(touched).as("seed %d step %d touch %s", seed, step, k).isEqualTo(inRef);
                } else if (!ref.containsKey(k)) {
                    Value v = new Value(step);
                    ref.put(k, v);
                    m.put(k, v);
                    held.put(k, v);
                }
                assertThat(m.size()).isEqualTo(ref.size());
                if (step % 97 == 0) {
                    assertThat(keys(m)).as("seed %d step %d", seed, step).containsExactlyElementsOf(ref.keySet());
                }
            }
            assertThat(keys(m)).containsExactlyElementsOf(ref.keySet());
        }
    }

    @Test
    void forEach_beforeAnyDrop_listsLeastRecentlyUsedFirstAndUsesNone() {
        RecencyMap<String, Value> m = new RecencyMap<>(10);
        m.put("a", new Value(1));
        Value b = new Value(2);
        m.put("b", b);
        m.put("c", new Value(3));
        m.get("a");
        m.touch(b);
        assertThat(keys(m)).containsExactly("c", "a", "b");
        assertThat(keys(m)).containsExactly("c", "a", "b");
    }

    @Test
    void put_beyondBound_dropsLeastRecentlyUsedAndItsHandleGoesStale() {
        RecencyMap<String, Value> m = new RecencyMap<>(2);
        Value a = new Value(1);
        Value b = new Value(2);
        m.put("a", a);
        m.put("b", b);
        assertThat(m.touch(a)).isTrue();
        m.put("c", new Value(3));
        assertThat(m.touch(b)).isFalse();
        assertThat(m.get("b")).isNull();
        assertThat(keys(m)).containsExactly("a", "c");
        // after the first drop, uses still order the entries
        assertThat(m.touch(a)).isTrue();
        m.put("d", new Value(4));
        assertThat(keys(m)).containsExactly("a", "d");
        assertThat(m.size()).isEqualTo(2);
    }

    @Test
    void boundOfOne_keepsTheNewest() {
        RecencyMap<String, Value> m = new RecencyMap<>(1);
        Value a = new Value(1);
        m.put("a", a);
        m.put("b", new Value(2));
        assertThat(m.touch(a)).isFalse();
        assertThat(keys(m)).containsExactly("b");
    }

    @Test
    void touch_anotherMapsValue_isFalse() {
        RecencyMap<String, Value> one = new RecencyMap<>(4);
        RecencyMap<String, Value> other = new RecencyMap<>(4);
        Value v = new Value(1);
        one.put("a", v);
        assertThat(other.touch(v)).isFalse();
        assertThat(other.touch(new Value(2))).isFalse();
    }

    @Test
    void put_misuse_isRefused() {
        RecencyMap<String, Value> m = new RecencyMap<>(4);
        Value v = new Value(1);
        m.put("a", v);
        assertThatThrownBy(() -> m.put("b", v)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.put("a", new Value(2))).isInstanceOf(IllegalArgumentException.class);
        assertThat(m.get("a")).isSameAs(v);
        assertThat(m.size()).isEqualTo(1);
        assertThatThrownBy(() -> new RecencyMap<String, Value>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void put_existingKeyAfterFirstDrop_isRefusedAndKeepsTheEntry() {
        RecencyMap<String, Value> m = new RecencyMap<>(1);
        m.put("a", new Value(1));
        Value b = new Value(2);
        m.put("b", b);
        assertThatThrownBy(() -> m.put("b", new Value(3))).isInstanceOf(IllegalArgumentException.class);
        assertThat(m.get("b")).isSameAs(b);
    }
}
