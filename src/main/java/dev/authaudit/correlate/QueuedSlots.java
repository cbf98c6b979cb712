package dev.authaudit.correlate;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A hash map whose entries each wait in one of two first-in-first-out queues, held in parallel arrays: an
 * entry is a slot number, its queue a doubly linked list of slot numbers, and each queue's key index an
 * open-addressing table of its slots (linear probing, deletion by shifting back, no tombstones).
 * {@link FirstSightingTable} keeps its window of new first sightings and the first sightings it kept here: on a
 * botnet's day every event adds an entry and drops the oldest, which two {@code LinkedHashMap}s did with an
 * entry object per key, an iterator per eviction and a node removal per lookup (12% of the correlator's
 * thread); here that is array writes, and a held key costs the collector no object of its own.
 *
 * <p>An index per queue rather than one for both: the window's is small (a few thousand positions) and stays
 * in the processor's cache, so a new entry's insertion and the window's eldest's removal, which one index of
 * all the entries paid with a miss each, cost none; a key's lookup probes the small index, then the large.
 *
 * <p>Keys compare by {@code equals} after their {@code hashCode} (a {@code String} keeps its own); neither keys
 * nor values may be null. Grows by doubling; never shrinks. Not thread-safe.
 */
final class QueuedSlots<K, V> {
    /** The slot number that names no entry (an empty queue's eldest, a key not held). */
    static final int NONE = -1;
    private static final int QUEUES = 2;
    private static final int INITIAL = 16;

    private Object[] keys;
    private Object[] values;
    /** Each slot's key's hash code, so a removal finds its index position without reading the (cold) key. */
    private int[] hashes;
    private int[] prev;
    private int[] next;
    private byte[] queueOf;
    /**
     * Each queue's index: at each position the hash code of an entry's key in the high half and its slot + 1 in
     * the low half, 0 for an empty position; at least twice the queue's entries. A probe and a removal's
     * shifting back read no key, and no other array.
     */
    private final long[][] index = new long[QUEUES][];
    /**
     * Each queue's index positions in use, one bit each: a lookup whose key's home position is free misses
     * without reading the index. A botnet day looks up a million new addresses in the 100,000 kept ones, whose
     * index (2 MB) no cache holds: the probe's read of it was ~4-5% of the main thread's samples; the bits of
     * it (32 KB) answer most of those misses (those whose home is free, ~60% at the index's fill).
     */
    private final long[][] used = new long[QUEUES][];
    /** Slots used so far; those below that are free are chained through {@link #next} from {@link #free}. */
    private int slotsUsed;
    private int free = NONE;
    private final int[] head = new int[QUEUES];
    private final int[] tail = new int[QUEUES];
    private final int[] count = new int[QUEUES];

    QueuedSlots() {
        keys = new Object[INITIAL];
        values = new Object[INITIAL];
        hashes = new int[INITIAL];
        prev = new int[INITIAL];
        next = new int[INITIAL];
        queueOf = new byte[INITIAL];
        for (int q = 0; q < QUEUES; q++) {
            index[q] = new long[INITIAL];
            used[q] = new long[bitWords(INITIAL)];
        }
        Arrays.fill(head, NONE);
        Arrays.fill(tail, NONE);
    }

    private void growSlots() {
        int slots = keys.length * 2;
        keys = Arrays.copyOf(keys, slots);
        values = Arrays.copyOf(values, slots);
        hashes = Arrays.copyOf(hashes, slots);
        prev = Arrays.copyOf(prev, slots);
        next = Arrays.copyOf(next, slots);
        queueOf = Arrays.copyOf(queueOf, slots);
    }

    /** Doubles a queue's index. */
    private void growIndex(int queue) {
        long[] old = index[queue];
        long[] grown = new long[old.length * 2];
        long[] bits = new long[bitWords(grown.length)];
        for (long e : old) {
            if (e != 0) {
                place(grown, bits, e);
            }
        }
        index[queue] = grown;
        used[queue] = bits;
    }

    /** Returns the longs that hold one bit per position of an index of {@code positions}. */
    private static int bitWords(int positions) {
        return Math.max(1, positions >>> 6);
    }

    private static int home(int hash, int mask) {
        int x = hash * 0x9E3779B9;
        return (x ^ (x >>> 16)) & mask;
    }

    private static void place(long[] idx, long[] bits, long entry) {
        int mask = idx.length - 1;
        int i = home((int) (entry >>> 32), mask);
        while (idx[i] != 0) {
            i = (i + 1) & mask;
        }
        idx[i] = entry;
        bits[i >>> 6] |= 1L << i;
    }

    /** Enters a slot in a queue's index (its count not yet raised), growing the index to stay at most half full. */
    private void enter(int slot, int queue) {
        if (2 * (count[queue] + 1) > index[queue].length) {
            growIndex(queue);
        }
        place(index[queue], used[queue], (long) hashes[slot] << 32 | (slot + 1));
    }

    /** Returns the slot holding {@code key}, whose {@code hashCode()} is {@code hash}, or {@link #NONE}. */
    int find(Object key, int hash) {
        for (int q = 0; q < QUEUES; q++) {
            if (count[q] > 0) {
                int s = find(index[q], used[q], key, hash);
                if (s != NONE) {
                    return s;
                }
            }
        }
        return NONE;
    }

    private int find(long[] idx, long[] bits, Object key, int hash) {
        int mask = idx.length - 1;
        int start = home(hash, mask);
        if ((bits[start >>> 6] & 1L << start) == 0) {
            return NONE;
        }
        for (int i = start; ; i = (i + 1) & mask) {
            long e = idx[i];
            if (e == 0) {
                return NONE;
            }
            if ((int) (e >>> 32) == hash) {
                int s = (int) e - 1;
                Object k = keys[s];
                if (k == key || k.equals(key)) {
                    return s;
                }
            }
        }
    }

    /** Returns the slot holding {@code key}, or {@link #NONE}. */
    int find(Object key) {
        return find(key, key.hashCode());
    }

    @SuppressWarnings("unchecked")
    K key(int slot) {
        return (K) keys[slot];
    }

    @SuppressWarnings("unchecked")
    V value(int slot) {
        return (V) values[slot];
    }

    void setValue(int slot, V value) {
        values[slot] = value;
    }

    /** Returns the queue the slot's entry waits in. */
    int queue(int slot) {
        return queueOf[slot];
    }

    /** Returns the oldest entry of a queue, or {@link #NONE} when it is empty. */
    int eldest(int queue) {
        return head[queue];
    }

    /** Returns how many entries wait in a queue. */
    int size(int queue) {
        return count[queue];
    }

    /** Returns how many entries are held. */
    int size() {
        int n = 0;
        for (int c : count) {
            n += c;
        }
        return n;
    }

    /** Adds an entry for a key not held, whose {@code hashCode()} is {@code hash}, at the end of {@code queue}; returns its slot. */
    int add(K key, int hash, V value, int queue) {
        int s;
        if (free != NONE) {
            s = free;
            free = next[s];
        } else {
            if (slotsUsed == keys.length) {
                growSlots();
            }
            s = slotsUsed++;
        }
        keys[s] = key;
        values[s] = value;
        hashes[s] = hash;
        enter(s, queue);
        link(s, queue);
        return s;
    }

    /** Moves an entry to the end of {@code queue} (its own or the other). */
    void moveToEnd(int slot, int queue) {
        int from = queueOf[slot];
        unlink(slot);
        if (from != queue) {
            leave(slot, from);
            enter(slot, queue);
        }
        link(slot, queue);
    }

    /** Removes an entry; its slot may be handed out again. */
    void remove(int slot) {
        int queue = queueOf[slot];
        unlink(slot);
        leave(slot, queue);
        keys[slot] = null;
        values[slot] = null;
        next[slot] = free;
        free = slot;
    }

    /** Takes a slot out of a queue's index. */
    private void leave(int slot, int queue) {
        long[] idx = index[queue];
        int mask = idx.length - 1;
        int i = home(hashes[slot], mask);
        while ((int) idx[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        // shift back the entries of the probe run after the hole that could not sit before it
        for (int j = (i + 1) & mask; idx[j] != 0; j = (j + 1) & mask) {
            int h = home((int) (idx[j] >>> 32), mask);
            boolean movable = i <= j ? (h <= i || h > j) : (h <= i && h > j);
            if (movable) {
                idx[i] = idx[j];
                i = j;
            }
        }
        idx[i] = 0;
        used[queue][i >>> 6] &= ~(1L << i);
    }

    /** Calls the action for each entry of a queue, oldest first; the action must not change this map. */
    void forEach(int queue, BiConsumer<? super K, ? super V> action) {
        for (int s = head[queue]; s != NONE; s = next[s]) {
            action.accept(key(s), value(s));
        }
    }

    private void link(int s, int queue) {
        queueOf[s] = (byte) queue;
        prev[s] = tail[queue];
        next[s] = NONE;
        if (tail[queue] == NONE) {
            head[queue] = s;
        } else {
            next[tail[queue]] = s;
        }
        tail[queue] = s;
        count[queue]++;
    }

    private void unlink(int s) {
        int q = queueOf[s];
        int p = prev[s];
        int n = next[s];
        if (p == NONE) {
            head[q] = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            tail[q] = p;
        } else {
            prev[n] = p;
        }
        count[q]--;
    }
}
