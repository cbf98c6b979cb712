package dev.authaudit.sim;

/**
 * csf's logging rules are limited to 30 lines a minute with a burst of 5 (iptables {@code limit}),
 * so a fast scan leaves only a sample in the log and lfd only ever counts that sample.
 */
final class KernelLogLimiter {
    private static final double PER_SECOND = 30.0 / 60.0;
    private static final double BURST = 5;

    private double tokens = BURST;
    private long last = Long.MIN_VALUE;

    /** Returns true when a packet arriving at {@code t} gets logged. */
    boolean allow(long t) {
        if (last != Long.MIN_VALUE && t > last) {
            tokens = Math.min(BURST, tokens + (t - last) * PER_SECOND);
        }
        last = Math.max(last, t);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
