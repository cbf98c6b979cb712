package dev.authaudit.cli;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, checking every 50 ms, for at most a given time. */
final class Bounded {
    private Bounded() {
    }

    /** Returns true as soon as {@code condition} holds, false when {@code limit} passed first. */
    static boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
