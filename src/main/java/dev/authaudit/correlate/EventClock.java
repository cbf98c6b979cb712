package dev.authaudit.correlate;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that replay moves forward to each event's time, so windows, cache expiry and
 * {@code detected_at} run in event time exactly as they would live. It never moves backwards: a
 * slightly out-of-order event leaves it where it is.
 */
public final class EventClock extends Clock {
    private final ZoneId zone;
    private Instant now;

    /** Creates a clock standing at {@code start} in UTC. */
    public EventClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    /** Creates a clock standing at {@code start} in the given zone. */
    public EventClock(Instant start, ZoneId zone) {
        this.now = requireNonNull(start, "start");
        this.zone = requireNonNull(zone, "zone");
    }

    /**
     * Moves the clock forward to {@code time}; an earlier time is ignored.
     *
     * @return true when the clock moved
     */
    public boolean advanceTo(Instant time) {
        if (time.isAfter(now)) {
            now = time;
            return true;
        }
        return false;
    }

    /** Returns a Caffeine ticker that reads any clock in nanoseconds, so caches expire in its time. */
    public static Ticker tickerOf(Clock clock) {
        return () -> clock.millis() * 1_000_000L;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** Returns a snapshot standing at this clock's current instant in another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return new EventClock(now, other);
    }
}
