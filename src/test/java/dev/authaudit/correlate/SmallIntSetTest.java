package dev.authaudit.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallIntSetTest {
    @Test
    void listsItsValuesInOrderAtEverySize() {
        SmallIntSet s = new SmallIntSet(4);
        assertEquals(List.of(), s.toList());
        s.add(993);
        assertEquals(List.of(993), s.toList());
        s.add(null);
        s.add(25);
        s.add(993);
        assertEquals(List.of(25, 993), s.toList());
        s.add(587);
        assertEquals(List.of(25, 587, 993), s.toList());
        s.add(465);
        s.add(110); // past the limit: not kept
        assertEquals(List.of(25, 465, 587, 993), s.toList());
        assertEquals(4, s.size());
    }

    @Test
    void theListIsImmutableAndKeptAsItIsByACopy() {
        SmallIntSet s = new SmallIntSet(8);
        for (int size = 0; size < 5; size++) {
            List<Integer> list = s.toList();
            assertSame(list, List.copyOf(list), "size " + size);
            assertThrows(UnsupportedOperationException.class, () -> list.add(1));
            s.add(1000 + size);
        }
    }
}
