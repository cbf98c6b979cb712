package dev.authaudit.act.notice;

import dev.authaudit.config.ConfigException;
import java.time.Duration;

/**
 * When to try a failed delivery again: {@code initial}, doubling per failure up to {@code max}, and
 * give up after {@code maxAttempts}.
 *
 * @param initial the wait after the first failure
 * @param max the longest wait
 * @param maxAttempts failures after which the notice is marked failed
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {
    /**
     * Checks ranges.
     *
     * @throws ConfigException when a value is out of range
     */
    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero() || max == null || max.compareTo(initial) < 0) {
            throw new ConfigException(null, "notice-retry", "retry waits must be positive, max >= initial; got "
                    + initial + " and " + max);
        }
        if (maxAttempts < 1) {
            throw new ConfigException(null, "notice-retry", "max attempts " + maxAttempts + " must be at least 1");
        }
    }

    /** Returns the defaults: 1 minute, doubling to 1 hour, 12 attempts (about 7 hours in all). */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 12);
    }

    /** Returns the wait after the {@code failures}-th failure (1 for the first). */
    public Duration delayAfter(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        Duration d = initial.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 ? max : d;
    }
}
