package dev.authaudit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
    /** One buffer for every time, as a report writer reuses it: a shorter time after a longer one. */
    private final char[] buffer = new char[IsoTime.MAX_LENGTH];

    private void same(OffsetDateTime t) {
        String expected = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        assertEquals(expected, IsoTime.format(t), t::toString);
        int n = IsoTime.format(t, buffer);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            assertEquals(-1, n, t::toString); // the caller formats these with the formatter
        } else {
            assertEquals(expected, new String(buffer, 0, n), t::toString);
        }
    }

    @Test
    void writesWhatTheFormatterWrites() {
        same(OffsetDateTime.of(2025, 3, 31, 0, 0, 0, 0, ZoneOffset.UTC));
        same(OffsetDateTime.of(2025, 12, 1, 23, 59, 59, 0, ZoneOffset.ofHours(-4)));
        same(OffsetDateTime.of(1, 1, 1, 1, 2, 3, 0, ZoneOffset.ofHoursMinutes(5, 30)));
    }

    @Test
    void fractionsLoseTrailingZerosOnly() {
        for (int nano : new int[] {1, 10, 100_000_000, 250_000_000, 123_456_789, 999_999_999, 120_000, 5_000}) {
            same(OffsetDateTime.of(2025, 6, 15, 8, 15, 0, nano, ZoneOffset.ofHours(2)));
        }
    }

    @Test
    void offsetsWithSecondsAndTheLongestText() {
        same(OffsetDateTime.of(2025, 6, 15, 8, 15, 0, 1, ZoneOffset.ofHoursMinutesSeconds(-5, -30, -15)));
        same(OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 123_456_789, ZoneOffset.ofHoursMinutesSeconds(18, 0, 0)));
        same(OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 1, ZoneOffset.ofHoursMinutesSeconds(-17, -59, -59)));
    }

    @Test
    void yearsTheFormatterSignsGoToIt() {
        same(OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        same(OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        same(OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        same(OffsetDateTime.of(999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void randomTimes() {
        SplittableRandom r = new SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            long seconds = r.nextLong(-62_000_000_000L, 253_402_300_799L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                default -> r.nextInt(1_000_000_000);
            };
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(r.nextInt(-18 * 3600, 18 * 3600 + 1));
            same(OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, nano), offset));
        }
    }
}
