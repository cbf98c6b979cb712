package dev.authaudit.report;

import java.util.Arrays;

/**
 * A bounded sample of event times, thinned evenly when full: at capacity every other kept time is
 * dropped and from then on only every second (fourth, ...) time is taken, so the sample still spans
 * the whole run at a uniform rate. Each time carries a small slot number (which source address).
 * Times must arrive in order.
 */
final class TimeSample {
    /** Slots are 0..7; three bits beside the epoch second. */
    static final int SLOT_BITS = 3;

    private final int capacity;
    private long[] values = new long[4];
    private int size;
    private long stride = 1;
    private long seen;

    /** @param capacity the most times kept; must be even so thinning keeps the stride exact */
    TimeSample(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 2, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Offers one time; it is kept when it falls on the current stride. */
    void add(long epochSecond, int slot) {
        long index = seen++;
        if (index % stride != 0) {
            return;
        }
        if (size == capacity) {
            for (int i = 0; i < size / 2; i++) {
                values[i] = values[2 * i];
            }
            size /= 2;
            stride *= 2;
            if (index % stride != 0) {
                return;
            }
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.min(capacity, values.length * 2));
        }
        values[size++] = (epochSecond << SLOT_BITS) | slot;
    }

    int size() {
        return size;
    }

    long epochSecond(int i) {
        return values[i] >> SLOT_BITS;
    }

    int slot(int i) {
        return (int) (values[i] & ((1 << SLOT_BITS) - 1));
    }

    /** Returns 1 while every time offered is kept, else how many offered times each kept one stands for. */
    long stride() {
        return stride;
    }
}
