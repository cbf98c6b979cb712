package dev.authaudit.correlate;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The clock of live mode: the wall clock once the followers have caught up, event time while they
 * replay a backlog (the look-back after a restart, lines written while authaudit was down). Pairing
 * windows and cache expiry then see a backlog's hours pass as they passed, not all at once, and a
 * window still closes on time when no new line comes. Never moves backwards.
 */
public final class LiveClock extends Clock {
    private final Clock wall;
    private Instant floor = Instant.EPOCH;
    private Instant last = Instant.EPOCH;
    private boolean replaying = true;

    /** Creates a clock that starts replaying and reads {@code wall} once told the backlog is read. */
    public LiveClock(Clock wall) {
        this.wall = requireNonNull(wall, "wall");
    }

    /** Moves event time forward to {@code time}; an earlier time is ignored. */
    public void advanceTo(Instant time) {
        if (time.isAfter(floor)) {
            floor = time;
        }
    }

    /** Says whether a backlog is being replayed (event time) or the followers are live (wall time). */
    public void replaying(boolean on) {
        this.replaying = on;
    }

    /** Returns true while a backlog is being replayed. */
    public boolean replaying() {
        return replaying;
    }

    @Override
    public Instant instant() {
        Instant t = floor;
        if (!replaying) {
            Instant w = wall.instant();
            if (w.isAfter(t)) {
                t = w;
            }
        }
        if (t.isAfter(last)) {
            last = t;
        }
        return last;
    }

    @Override
    public ZoneId getZone() {
        return wall.getZone();
    }

    /** Returns the wall clock in another zone: a snapshot of live time has no use. */
    @Override
    public Clock withZone(ZoneId zone) {
        return wall.withZone(zone);
    }
}
