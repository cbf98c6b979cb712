package dev.authaudit.lab;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that runs {@code speed} times faster than the clock beneath it, from {@code origin}: with
 * speed 60, one real second is a lab minute, so a phone that polls every five lab minutes polls every
 * five real seconds and its log lines still read five minutes apart.
 */
public final class LabClock extends Clock {
    private final Clock base;
    private final Instant baseStart;
    private final Instant origin;
    private final int speed;

    /**
     * @param base the real clock
     * @param origin the lab time at the moment of construction
     * @param speed how many lab seconds pass per real second, at least 1
     */
    public LabClock(Clock base, Instant origin, int speed) {
        this(base, base.instant(), origin, speed);
    }

    private LabClock(Clock base, Instant baseStart, Instant origin, int speed) {
        if (speed < 1) {
            throw new IllegalArgumentException("lab speed " + speed + " must be at least 1");
        }
        this.base = requireNonNull(base, "base");
        this.baseStart = baseStart;
        this.origin = requireNonNull(origin, "origin");
        this.speed = speed;
    }

    /** Returns how many lab seconds pass per real second. */
    public int speed() {
        return speed;
    }

    /** Returns the real time a lab duration takes. */
    public Duration real(Duration lab) {
        return lab.dividedBy(speed);
    }

    @Override
    public Instant instant() {
        Duration real = Duration.between(baseStart, base.instant());
        return origin.plus(real.multipliedBy(speed));
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new LabClock(base.withZone(zone), baseStart, origin, speed);
    }
}
