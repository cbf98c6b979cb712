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

    /** How far past the wall clock a line's time may lie before it is taken for impossible. */
    static final Duration LATEST_TOLERANCE = Duration.ofDays(1);

    private final ZoneId zone;
    private final Integer fixedYear;
    /** Stamps resolved in {@link #zone} because they carried no zone (files are parsed in parallel). */
    private final java.util.concurrent.atomic.LongAdder zoneless = new java.util.concurrent.atomic.LongAdder();
    private final java.time.InstantSource now;

    /**
     * @param zone the zone for stamps that carry none
     * @param fixedYear the year for year-less stamps, or null to infer it
     */
    public TimeResolver(ZoneId zone, Integer fixedYear) {
        this(zone, fixedYear, java.time.InstantSource.system());
    }

    /** As above, with the wall clock that says which times lie in the future. */
    public TimeResolver(ZoneId zone, Integer fixedYear, java.time.InstantSource now) {
        this.zone = zone;
        this.fixedYear = fixedYear;
        this.now = now;
    }

    /**
     * Returns why a resolved time cannot be a log line's, or null when it can: a line dated more than a
     * day after the wall clock was not written yet (a forged line, or a server whose clock was wrong).
     */
    public String implausible(OffsetDateTime t) {
        // compared by epoch second and nanosecond (every line that gives an event comes here: no
        // instants made for it); the tolerance is whole seconds
        Instant clock = now.instant();
        long latest = clock.getEpochSecond() + LATEST_TOLERANCE.getSeconds();
        long second = t.toEpochSecond();
        if (second < latest || (second == latest && t.getNano() <= clock.getNano())) {
            return null;
        }
        return "dated " + t + ", more than a day after the clock's " + clock
                + ": a line from the future (a forged line, or a clock that was wrong)";
    }

    /**
     * Returns why a year-less stamp names no day in its year (Feb 29 when the inferred or given year is
     * not a leap year), or null when it names one; {@link #resolve} returns null for such a stamp.
     */
    public String impossible(Stamp stamp, Instant reference) {
        if (stamp.instant() != null || stamp.hasYear() || !isFeb29(stamp.local())) {
            return null;
        }
        int year = year(stamp.local(), reference);
        return java.time.Year.isLeap(year) ? null : "Feb 29 does not exist in " + year + " (the year inferred for"
                + " this year-less line; --year gives another): not moved to Feb 28 or Mar 1";
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
        if (!stamp.hasYear() && fixedYear == null && stamp.offset() == null && !isFeb29(local)) {
            return inferredYear(local, reference);
        }
        if (!stamp.hasYear()) {
            if (isFeb29(local) && !java.time.Year.isLeap(year(local, reference))) {
                return null; // no such day in that year: see impossible()
            }
            local = withYear(local, reference);
        }
        if (stamp.offset() != null) {
            return OffsetDateTime.of(local, stamp.offset());
        }
        zoneless.increment();
        return zoned(local);
    }

    /**
     * The usual syslog stamp (no year, no zone, not Feb 29) resolved as {@link #resolve} does, zoning the local
     * time once rather than twice when it falls in the reference's year (the year test zones the same local
     * time), with the reference's year and latest instant worked out once per reference.
     */
    private OffsetDateTime inferredYear(LocalDateTime yearless, Instant reference) {
        Reference ref = lastReference;
        if (ref == null || !ref.at().equals(reference)) {
            ref = new Reference(reference, reference.atZone(zone).getYear(), reference.plus(FUTURE_TOLERANCE));
            lastReference = ref;
        }
        OffsetDateTime candidate = zoned(yearless.withYear(ref.year()));
        zoneless.increment();
        if (candidate.toInstant().isAfter(ref.latest())) {
            return zoned(yearless.withYear(ref.year() - 1));
        }
        return candidate;
    }

    /**
     * Returns {@code ZonedDateTime.of(local, zone).toOffsetDateTime()}: from the span of local times the last
     * zoning found a single offset for when {@code local} lies in it, else by the zone's rules (which then give
     * the span around it). Looking the offset up in the rules (a binary search or the year's transitions) took
     * about 7% of the parsing threads' samples on the bench host, where nearly every line that gives an event
     * has a second of its own.
     */
    OffsetDateTime zoned(LocalDateTime local) {
        ZoneSpan span = lastSpan;
        if (span != null && !local.isBefore(span.from()) && local.isBefore(span.until())) {
            return OffsetDateTime.of(local, span.offset());
        }
        ZonedDateTime z = ZonedDateTime.of(local, zone);
        ZoneSpan around = ZoneSpan.around(z);
        if (around != null) {
            lastSpan = around;
        }
        return z.toOffsetDateTime();
    }

    /**
     * Local times {@code from} (inclusive) to {@code until} (exclusive) that all have exactly one valid offset in
     * the zone, {@code offset}: those between the local times of the zone's transitions around an instant, past
     * the later local time of the transition before it and short of the earlier of the one after (so neither a
     * gap nor an overlap lies inside).
     */
    record ZoneSpan(LocalDateTime from, LocalDateTime until, java.time.ZoneOffset offset) {
        /** The span around a zoned time, or null when its local time lies in a gap or an overlap. */
        static ZoneSpan around(ZonedDateTime z) {
            java.time.zone.ZoneRules rules = z.getZone().getRules();
            LocalDateTime local = z.toLocalDateTime();
            if (rules.getTransition(local) != null) {
                return null;
            }
            Instant at = z.toInstant();
            java.time.zone.ZoneOffsetTransition before = rules.previousTransition(at.plusNanos(1));
            java.time.zone.ZoneOffsetTransition after = rules.nextTransition(at);
            LocalDateTime from = before == null ? LocalDateTime.MIN : later(before.getDateTimeBefore(), before.getDateTimeAfter());
            LocalDateTime until = after == null ? LocalDateTime.MAX : earlier(after.getDateTimeBefore(), after.getDateTimeAfter());
            if (local.isBefore(from) || !local.isBefore(until)) {
                return null; // (not expected: the rules' transitions disagree with the local time's offset)
            }
            return new ZoneSpan(from, until, z.getOffset());
        }

        private static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
            return a.isAfter(b) ? a : b;
        }

        private static LocalDateTime earlier(LocalDateTime a, LocalDateTime b) {
            return a.isBefore(b) ? a : b;
        }
    }

    /** The span the last zoning found (immutable; threads may race to replace it, harmlessly). */
    private volatile ZoneSpan lastSpan;

    /** A reference time with its year in {@link #zone} and the latest instant a line of its year may have. */
    private record Reference(Instant at, int year, Instant latest) {
    }

    /** The last reference {@link #inferredYear} saw (immutable; threads may race to replace it, harmlessly). */
    private volatile Reference lastReference;

    private LocalDateTime withYear(LocalDateTime yearless, Instant reference) {
        return yearless.withYear(year(yearless, reference));
    }

    /** The year a year-less stamp belongs to: {@code --year}, else the reference's, else the one before. */
    private int year(LocalDateTime yearless, Instant reference) {
        if (fixedYear != null) {
            return fixedYear;
        }
        ZonedDateTime ref = reference.atZone(zone);
        // the placeholder year of a parsed Feb 29 is a leap year; compare within the reference's year by day
        LocalDateTime candidate = isFeb29(yearless) && !java.time.Year.isLeap(ref.getYear())
                ? yearless.withDayOfMonth(28).withYear(ref.getYear()).plusDays(1) : yearless.withYear(ref.getYear());
        if (ZonedDateTime.of(candidate, zone).toInstant().isAfter(reference.plus(FUTURE_TOLERANCE))) {
            return ref.getYear() - 1;
        }
        return ref.getYear();
    }

    private static boolean isFeb29(LocalDateTime t) {
        return t.getMonthValue() == 2 && t.getDayOfMonth() == 29;
    }
}
