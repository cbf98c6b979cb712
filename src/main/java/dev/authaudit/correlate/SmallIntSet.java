package dev.authaudit.correlate;

import java.util.Arrays;
import java.util.List;

/** A sorted set of a few ints (ports) that stops growing at its limit and counts what it could not keep. */
final class SmallIntSet {
    private final int limit;
    private static final int[] NONE = new int[0];
    private int[] values = NONE;
    private int overflow;

    SmallIntSet(int limit) {
        this.limit = limit;
    }

    void add(Integer value) {
        if (value == null) {
            return;
        }
        int at = Arrays.binarySearch(values, value);
        if (at >= 0) {
            return;
        }
        if (values.length == limit) {
            overflow++;
            return;
        }
        int insert = -at - 1;
        int[] next = new int[values.length + 1];
        System.arraycopy(values, 0, next, 0, insert);
        next[insert] = value;
        System.arraycopy(values, insert, next, insert + 1, values.length - insert);
        values = next;
    }

    boolean isEmpty() {
        return values.length == 0;
    }

    int size() {
        return values.length;
    }

    /**
     * Returns the values in order, as an immutable list that takes no nulls: one the evidence records keep as it is
     * (a stream's list allows nulls, so they copied it), made without a stream (one per source of every login at
     * the end of a run, most with one or two ports).
     */
    List<Integer> toList() {
        return switch (values.length) {
            case 0 -> List.of();
            case 1 -> List.of(values[0]);
            case 2 -> List.of(values[0], values[1]);
            default -> List.of(Arrays.stream(values).boxed().toArray(Integer[]::new));
        };
    }

    /** Takes the state of a set of the same limit (a fork of the correlator); each then changes on its own. */
    void copyFrom(SmallIntSet o) {
        values = o.values.length == 0 ? NONE : o.values.clone();
        overflow = o.overflow;
    }
}
