package dev.authaudit.parse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Turns a {@link Stamp} into an event time. Zone-less stamps take the configured zone ({@code --tz},
 * else the system's). Year-less syslog stamps take the year of the file's reference time (its
 * modification time, newest line first), or the previous year when that would put the line more
 * than a day after the reference, so a December line in a January file lands in the previous year;
 * {@code --year} fixes the year instead.
 */
public final class TimeResolver {
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private final ZoneId zone;
    private final Integer fixedYear;
    /** Stamps resolved in {@link #zone} because they carried no zone (files are parsed in parallel). */
    private final java.util.concurrent.atomic.LongAdder zoneless = new java.util.concurrent.atomic.LongAdder();

    /**
     * @param zone the zone for stamps that carry none
     * @param fixedYear the year for year-less stamps, or null to infer it
     */
    public TimeResolver(ZoneId zone, Integer fixedYear) {
        this.zone = zone;
        this.fixedYear = fixedYear;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Returns how many stamps so far carried no zone and were read in {@link #zone}. */
    public long zoneless() {
        return zoneless.sum();
    }

    /**
     * Resolves a stamp.
     *
     * @param reference the file's reference time for year inference (its mtime, or "now" for stdin)
     */
    public OffsetDateTime resolve(Stamp stamp, Instant reference) {
        if (stamp.instant() != null) {
            return stamp.instant().atZone(zone).toOffsetDateTime();
        }
        LocalDateTime local = stamp.local();
        if (!stamp.hasYear()) {
            local = withYear(local, reference);
        }
        if (stamp.offset() != null) {
            return OffsetDateTime.of(local, stamp.offset());
        }
        zoneless.increment();
        return ZonedDateTime.of(local, zone).toOffsetDateTime();
    }

    private LocalDateTime withYear(LocalDateTime yearless, Instant reference) {
        if (fixedYear != null) {
            return safeYear(yearless, fixedYear);
        }
        ZonedDateTime ref = reference.atZone(zone);
        LocalDateTime candidate = safeYear(yearless, ref.getYear());
        if (ZonedDateTime.of(candidate, zone).toInstant().isAfter(reference.plus(FUTURE_TOLERANCE))) {
            candidate = safeYear(yearless, ref.getYear() - 1);
        }
        return candidate;
    }

    private static LocalDateTime safeYear(LocalDateTime t, int year) {
        // Feb 29 in a non-leap year cannot be real for that year; keep the day valid rather than fail
        return t.withYear(year);
    }
}
