package dev.authaudit.correlate;

import java.util.Arrays;

/**
 * Counts distinct strings in bounded memory: exactly up to {@value #EXACT_LIMIT} values (the range
 * where verdict thresholds live), then approximately with a small HyperLogLog (about 9% error), so a
 * login tried from a million addresses costs 128 bytes, not a million entries.
 */
final class DistinctCounter {
    static final int EXACT_LIMIT = 64;
    private static final int REGISTER_BITS = 7;
    private static final int REGISTERS = 1 << REGISTER_BITS;
    /** The kept sum's unit: 2^-52. */
    private static final int SUM_SCALE = 52;
    /**
     * The highest register for which the kept sum is the same double as the registers' sum taken in order:
     * every partial sum is then a multiple of 2^-45 below 2^8, 53 bits, which a double holds exactly.
     */
    private static final int EXACT_SUM_RANK = 45;

    /**
     * Made on the second distinct value: most counters of a botnet's addresses see one value or none,
     * which {@link #first} holds.
     */
    private int[] exact;
    private int first;
    private int size;
    private byte[] registers;
    /** The sketch's estimate as last worked out, or -1 when a register rose since. */
    private long estimate = -1;
    /**
     * The sum over the registers of 2^-r, kept as it changes, in units of 2^-{@value #SUM_SCALE} (exact while
     * every register is at most {@value #EXACT_SUM_RANK}; above that the registers are summed again), and
     * how many registers are zero (-1 once the sum is no longer kept): a count after the sketch rose costs no
     * pass over its registers. A login's address counter is checked on each of its failures (the live
     * judgement asks whether the distinct count fell), and that pass was ~2% of the main thread on the botnet
     * day.
     */
    private long sumUnits;
    private int zeros;

    /** Returns a counter in the same state, which then counts on its own. */
    DistinctCounter copy() {
        DistinctCounter c = new DistinctCounter();
        c.copyFrom(this);
        return c;
    }

    /** Takes the state of another counter (a fork of the correlator); each then counts on its own. */
    void copyFrom(DistinctCounter o) {
        exact = o.exact == null ? null : o.exact.clone();
        first = o.first;
        size = o.size;
        registers = o.registers == null ? null : o.registers.clone();
        estimate = o.estimate;
        sumUnits = o.sumUnits;
        zeros = o.zeros;
    }

    /** Adds a value; returns true when it was (as far as can be told) new. */
    boolean add(String value) {
        return addHash(hash(value));
    }

    /** Adds a value by its {@link #hash}, for a caller that adds one value to several counters. */
    boolean addHash(long h) {
        // one 32-bit key per value in both phases, so a value seen before the switch is not counted twice
        int key = (int) (h ^ (h >>> 32));
        if (registers != null) {
            return addToSketch(mix(key));
        }
        if (exact == null) {
            if (size == 0) {
                first = key;
                size = 1;
                return true;
            }
            if (first == key) {
                return false;
            }
            exact = new int[4];
            exact[0] = first;
        }
        for (int i = 0; i < size; i++) {
            if (exact[i] == key) {
                return false;
            }
        }
        if (size == EXACT_LIMIT) {
            registers = new byte[REGISTERS];
            sumUnits = (long) REGISTERS << SUM_SCALE;
            zeros = REGISTERS;
            for (int i = 0; i < size; i++) {
                addToSketch(mix(exact[i]));
            }
            exact = null;
            addToSketch(mix(key));
            return true;
        }
        if (size == exact.length) {
            exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, size * 2));
        }
        exact[size++] = key;
        return true;
    }

    /** Returns the count: exact below the limit, an estimate above it. */
    long count() {
        if (registers == null) {
            return size;
        }
        if (estimate < 0) {
            estimate = estimate();
        }
        return estimate;
    }

    private long estimate() {
        if (zeros >= 0) {
            // exact: a multiple of 2^7 below 2^60, scaled by a power of two
            return estimate(sumUnits * 0x1p-52 /* 2^-SUM_SCALE */, zeros);
        }
        return recountedEstimate();
    }

    /** Returns the estimate from a pass over the registers (what the kept sum spares; for a test to compare). */
    long recountedEstimate() {
        double sum = 0;
        int empty = 0;
        for (byte r : registers) {
            // 2^-r exactly (the same double as 1.0 / (1L << r)), made from its exponent bits without dividing
            sum += Double.longBitsToDouble((1023L - r) << 52);
            if (r == 0) {
                empty++;
            }
        }
        return estimate(sum, empty);
    }

    private static long estimate(double sum, int empty) {
        double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        double raw = alpha * REGISTERS * REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && empty > 0) {
            raw = REGISTERS * Math.log((double) REGISTERS / empty);
        }
        return Math.max(EXACT_LIMIT, Math.round(raw));
    }

    /** Returns true when {@link #count()} is exact. */
    boolean exact() {
        return registers == null;
    }

    private boolean addToSketch(long h) {
        int index = (int) (h >>> (64 - REGISTER_BITS));
        long rest = h << REGISTER_BITS;
        byte rank = (byte) Math.min(64 - REGISTER_BITS + 1, Long.numberOfLeadingZeros(rest) + 1);
        byte was = registers[index];
        if (rank > was) {
            registers[index] = rank;
            if (zeros >= 0) {
                if (rank > EXACT_SUM_RANK) {
                    zeros = -1;
                } else {
                    sumUnits += (1L << (SUM_SCALE - rank)) - (1L << (SUM_SCALE - was));
                    if (was == 0) {
                        zeros--;
                    }
                }
            }
            estimate = -1;
            return true;
        }
        return false;
    }

    /** The FNV-1a offset basis and prime {@link #hash} starts from and multiplies by (for a caller's own pass). */
    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    static long hash(String value) {
        long h = FNV_OFFSET;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** Finishes a hash: {@link #hash} is this of the FNV-1a of the value's characters. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
