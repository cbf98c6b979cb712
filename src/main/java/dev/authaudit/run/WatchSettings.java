package dev.authaudit.run;

import java.time.Duration;

/**
 * How {@code watch} paces itself.
 *
 * @param poll the pause between two polls when every log is caught up
 * @param checkpointEvery the longest time between two checkpoint saves while lines come in
 * @param lookBack how much log time before a checkpoint is re-read at start to rebuild the
 *     correlator's memory
 * @param lookBackBytes the most bytes of one file re-read for that
 * @param batchLines the most lines read from one file per poll (a backlog is read in such steps)
 */
public record WatchSettings(Duration poll, Duration checkpointEvery, Duration lookBack, long lookBackBytes,
                     int batchLines) {
    public WatchSettings {
        if (poll.isNegative() || poll.isZero() || poll.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new InvalidSetting("--poll " + poll.toMillis() + "ms"
                    + " is out of range; use a value from 10ms to 10s (250ms is the default)");
        }
        if (checkpointEvery.isNegative() || checkpointEvery.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidSetting("--checkpoint-every " + checkpointEvery.toMillis() + "ms"
                    + " is out of range; use at most 1m (1s is the default)");
        }
        if (lookBack.isNegative()) {
            throw new InvalidSetting("--look-back must not be negative");
        }
        if (lookBackBytes < 0) {
            throw new InvalidSetting("--look-back-bytes must not be negative");
        }
        if (batchLines < 1) {
            throw new IllegalArgumentException("batchLines must be at least 1, was " + batchLines);
        }
    }

    /** Returns the defaults: poll 250 ms, checkpoint every second, look back 2 h or 64 MiB per file. */
    public static WatchSettings defaults() {
        return new WatchSettings(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofHours(2), 64L << 20,
                10_000);
    }
}
