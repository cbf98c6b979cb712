package dev.authaudit.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventJsonTimeTest {
    @Test
    void isoTime_equalsTheIsoFormatter() {
        SplittableRandom r = new SplittableRandom(42);
        int[] nanos = {0, 1, 10, 100_000_000, 120_000_000, 123_456_789, 784_598_000, 999_999_999};
        int[] offsets = {0, 3600, -4 * 3600, 5 * 3600 + 1800, -(9 * 3600 + 30 * 60), 3723, -18 * 3600, 18 * 3600};
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime t = OffsetDateTime.of(r.nextInt(1970, 2100), r.nextInt(1, 13), r.nextInt(1, 29),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), nanos[r.nextInt(nanos.length)],
                    ZoneOffset.ofTotalSeconds(offsets[r.nextInt(offsets.length)]));
            assertThat(EventJson.isoTime(t)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
        }
        OffsetDateTime far = OffsetDateTime.of(12345, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThat(EventJson.isoTime(far)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(far));
    }
}
