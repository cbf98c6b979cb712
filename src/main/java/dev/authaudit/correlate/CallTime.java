package dev.authaudit.correlate;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The time the correlator's current call was given ({@code now}, in milliseconds): set at the start of each
 * {@link Correlator#accept}, {@link Correlator#tick} and {@link Correlator#finish}, and read by the parts of the
 * correlator and by the tables of its in-memory store during that call. The correlator holds no clock: the
 * caller (replay, a live watch, a stream processor's punctuator) says what time it is.
 */
final class CallTime {
    private long nowMs;

    void set(long nowMs) {
        this.nowMs = nowMs;
    }

    long millis() {
        return nowMs;
    }

    /** Returns a Caffeine ticker that reads this time in nanoseconds, so the tables expire in it. */
    Ticker ticker() {
        return () -> nowMs * 1_000_000L;
    }
}
