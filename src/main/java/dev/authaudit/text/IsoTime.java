package dev.authaudit.text;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes an offset time as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does ("2025-03-31T00:01:03Z",
 * "2025-03-31T08:15:00.25-04:00"), character for character, without the formatter's field lookups: the JSON
 * report writes a time per source of every login, and the formatter was a quarter of writing the botnet
 * day's report; the event stream's writer uses it for the times it does not write as bytes itself. Years outside 0000-9999 (which the formatter signs) go to the formatter itself.
 */
public final class IsoTime {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private IsoTime() {
    }

    /** The most characters {@link #format(OffsetDateTime, char[])} writes: 19 + a fraction of up to 10 + an offset of up to 9. */
    public static final int MAX_LENGTH = 38;

    /** Returns {@code t} as ISO_OFFSET_DATE_TIME writes it. */
    public static String format(OffsetDateTime t) {
        char[] c = new char[MAX_LENGTH];
        int n = format(t, c);
        return n < 0 ? ISO.format(t) : new String(c, 0, n);
    }

    /**
     * Writes {@code t} as ISO_OFFSET_DATE_TIME does into {@code c} (at least {@link #MAX_LENGTH} long) from its
     * start and returns how many characters it wrote; -1 (writing nothing) for a year outside 0000-9999, which
     * the caller formats with {@link #format(OffsetDateTime)}. For a writer that has a buffer of its own.
     */
    public static int format(OffsetDateTime t, char[] c) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        int n = 19;
        int nano = t.getNano();
        if (nano != 0) {
            // the fraction without its trailing zeros
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            c[n++] = '.';
            digits(c, n, nano, width);
            n += width;
        }
        String offset = t.getOffset().getId(); // "Z", "+05:30" or "+05:30:15", as the formatter's +HH:MM:ss
        offset.getChars(0, offset.length(), c, n);
        return n + offset.length();
    }

    /** Writes {@code value} in {@code width} digits, zero-padded, at {@code at}. */
    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
