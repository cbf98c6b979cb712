package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link KeyedSlots}, plain and with short keys packed: equal keys found whatever the string instance, keys that
 * differ only in length, in one character or share a hash code kept apart, the packed length's bound, keys that
 * cannot be packed, growth and clearing.
 */
class KeyedSlotsTest {

    private record Item(String key) {
    }

    private static KeyedSlots<Item> slots(boolean packed) {
        return new KeyedSlots<>(Item::key, packed);
    }

    @Test
    void equalKey_found_whetherTheSameStringOrAnEqualOne() {
        for (boolean packed : new boolean[] {false, true}) {
            KeyedSlots<Item> s = slots(packed);
            Item a = new Item("198.51.100.7");
            s.add(a);
            assertThat(s.get("198.51.100.7")).isSameAs(a);
            assertThat(s.get(new String("198.51.100.7"))).isSameAs(a);
            assertThat(s.get("198.51.100.70")).isNull();
            assertThat(s.get("198.51.100.")).isNull();
        }
    }

    @Test
    void packed_keysDifferingInLengthOrOneCharacterOrSharingAHash_keptApart() {
        KeyedSlots<Item> s = slots(true);
        // "Aa" and "BB" share a hash code; "a" and "a\0" pack to the same characters but not the same length
        String[] keys = {"Aa", "BB", "AaAa", "BBBB", "a", "a\0", "", "\0", "10.0.0.1", "10.0.0.2", "10.0.0.10",
            "255.255.255.255", "255.255.255.25", "\u00ff\u00fe", "\u00ff\u00ff"};
        addAllAndFindEach(s, keys);
        assertThat(s.size()).isEqualTo(keys.length);
    }

    @Test
    void packed_longKeysAndWideCharacters_comparedAsStrings() {
        KeyedSlots<Item> s = slots(true);
        String[] keys = {"0123456789abcde", "0123456789abcdef", "0123456789abcdefg", "2001:db8::1",
            "2001:0db8:0000:0000:0000:0000:0000:0001", "\u0100", "a\u20ac", "\u0101"};
        assertThat(KeyedSlots.high(keys[0])).isNotEqualTo(KeyedSlots.UNPACKED);
        assertThat(KeyedSlots.high(keys[1])).isEqualTo(KeyedSlots.UNPACKED);
        assertThat(KeyedSlots.high("\u0100")).isEqualTo(KeyedSlots.UNPACKED);
        addAllAndFindEach(s, keys);
        assertThat(s.get("0123456789abcdeg")).isNull();
        assertThat(s.get("\u0102")).isNull();
    }

    @Test
    void growthAndClear_keepWhatIsHeldFindable() {
        for (boolean packed : new boolean[] {false, true}) {
            KeyedSlots<Item> s = slots(packed);
            Item[] items = new Item[5000];
            for (int i = 0; i < items.length; i++) {
                // short (packed) and long (not) keys mixed
                items[i] = new Item(i % 3 == 0 ? "2001:db8::" + i + ":" + i : "10." + (i >> 8) + "." + (i & 255) + ".1");
                s.add(items[i]);
            }
            assertThat(s.size()).isEqualTo(items.length);
            for (Item it : items) {
                assertThat(s.get(new String(it.key()))).isSameAs(it);
            }
            s.clear();
            assertThat(s.size()).isZero();
            assertThat(s.get(items[1].key())).isNull();
            Item again = new Item(items[1].key());
            s.add(again);
            assertThat(s.get(new String(items[1].key()))).isSameAs(again);
            assertThat(s.get(items[2].key())).isNull();
        }
    }

    /** Adds an item per key, then finds each by an equal key that is another string (no identity match). */
    private static void addAllAndFindEach(KeyedSlots<Item> s, String[] keys) {
        Item[] items = new Item[keys.length];
        for (int i = 0; i < keys.length; i++) {
            items[i] = new Item(keys[i]);
            s.add(items[i]);
        }
        for (int i = 0; i < keys.length; i++) {
            assertThat(s.get(new String(keys[i]))).as(keys[i]).isSameAs(items[i]);
        }
    }
}
