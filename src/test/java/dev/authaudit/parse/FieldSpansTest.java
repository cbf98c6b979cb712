package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldSpansTest {
    @Test
    void aValueInPlace_isReadFromTheLine_untilCleared() {
        FieldSpans s = new FieldSpans();
        String[] fields = new String[FieldSlot.COUNT];
        fields[FieldSlot.ACCOUNT] = "constant";
        assertThat(s.has(FieldSlot.ACCOUNT)).isFalse();
        assertThat(s.value(fields, FieldSlot.ACCOUNT)).isEqualTo("constant");
        s.set("user=<bob>, port=25", FieldSlot.ACCOUNT, 6, 9);
        s.set("user=<bob>, port=25", FieldSlot.PORT, 17, 19);
        assertThat(s.has(FieldSlot.ACCOUNT)).isTrue();
        assertThat(s.value(fields, FieldSlot.ACCOUNT)).isEqualTo("bob");
        assertThat(s.value(fields, FieldSlot.PORT)).isEqualTo("25");
        assertThat(s.has(FieldSlot.SRC_PORT)).isFalse();
        s.set("x", FieldSlot.SRC_PORT, 1, 1);
        assertThat(s.value(fields, FieldSlot.SRC_PORT)).as("an empty value is a value").isEmpty();
        s.clear();
        assertThat(s.has(FieldSlot.ACCOUNT) || s.has(FieldSlot.PORT) || s.has(FieldSlot.SRC_PORT)).isFalse();
        assertThat(s.value(fields, FieldSlot.ACCOUNT)).isEqualTo("constant");
        assertThat(s.value(fields, FieldSlot.PORT)).isNull();
    }

    @Test
    void onlyTheLoginAndThePorts_stayInPlace() {
        for (int slot = 0; slot < FieldSlot.COUNT; slot++) {
            assertThat(FieldSpans.inPlace(slot)).as(FieldSlot.NAMES.get(slot))
                    .isEqualTo(slot == FieldSlot.ACCOUNT || slot == FieldSlot.PORT || slot == FieldSlot.SRC_PORT);
        }
    }
}
