package dev.authaudit.correlate;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A hash map whose entries each wait in one of two first-in-first-out queues, held in parallel arrays: an
 * entry is a slot number, its queue a doubly linked list of slot numbers, and the key index an open-addressing
 * table of slots (linear probing, deletion by shifting back, no tombstones). {@link FirstSightingTable} keeps
 * its window of new first sightings and the first sightings it kept here: on a botnet's day every event adds an
 * entry and drops the oldest, which two {@code LinkedHashMap}s did with an entry object per key, an iterator
 * per eviction and a node removal per lookup (12% of the correlator's thread); here that is array writes, and a
 * held key costs the collector no object of its own.
 *
 * <p>Keys compare by {@code equals} after their {@code hashCode} (a {@code String} keeps its own); neither keys
 * nor values may be null. Grows by doubling; never shrinks. Not thread-safe.
 */
final class QueuedSlots<K, V> {
    /** The slot number that names no entry (an empty queue's eldest, a key not held). */
    static final int NONE = -1;
    private static final int QUEUES = 2;

    private Object[] keys;
    private Object[] values;
    /** Each slot's key's hash code, so a removal finds its index position without reading the (cold) key. */
    private int[] hashes;
    private int[] prev;
    private int[] next;
    private byte[] queueOf;
    /**
     * At each index position the hash code of an entry's key in the high half and its slot + 1 in the low half, 0
     * for an empty position; twice the slots at least. A probe and a removal's shifting back read no key, and
     * no other array.
     */
    private long[] index;
    private int mask;
    /** Slots used so far; those below that are free are chained through {@link #next} from {@link #free}. */
    private int used;
    private int free = NONE;
    private final int[] head = new int[QUEUES];
    private final int[] tail = new int[QUEUES];
    private final int[] count = new int[QUEUES];

    QueuedSlots() {
        allocate(16);
        Arrays.fill(head, NONE);
        Arrays.fill(tail, NONE);
    }

    private void allocate(int slots) {
        keys = keys == null ? new Object[slots] : Arrays.copyOf(keys, slots);
        values = values == null ? new Object[slots] : Arrays.copyOf(values, slots);
        hashes = hashes == null ? new int[slots] : Arrays.copyOf(hashes, slots);
        prev = prev == null ? new int[slots] : Arrays.copyOf(prev, slots);
        next = next == null ? new int[slots] : Arrays.copyOf(next, slots);
        queueOf = queueOf == null ? new byte[slots] : Arrays.copyOf(queueOf, slots);
        long[] old = index;
        index = new long[Integer.highestOneBit(slots) * 2];
        mask = index.length - 1;
        if (old != null) {
            for (long e : old) {
                if (e != 0) {
                    place(e);
                }
            }
        }
    }

    private int home(int hash) {
        int x = hash * 0x9E3779B9;
        return (x ^ (x >>> 16)) & mask;
    }

    private void place(long entry) {
        int i = home((int) (entry >>> 32));
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = entry;
    }

    /** Returns the slot holding {@code key}, whose {@code hashCode()} is {@code hash}, or {@link #NONE}. */
    int find(Object key, int hash) {
        for (int i = home(hash); ; i = (i + 1) & mask) {
            long e = index[i];
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
            if (used == keys.length) {
                allocate(keys.length * 2);
            }
            s = used++;
        }
        keys[s] = key;
        values[s] = value;
        hashes[s] = hash;
        place((long) hash << 32 | (s + 1));
        link(s, queue);
        return s;
    }

    /** Moves an entry to the end of {@code queue} (its own or the other). */
    void moveToEnd(int slot, int queue) {
        unlink(slot);
        link(slot, queue);
    }

    /** Removes an entry; its slot may be handed out again. */
    void remove(int slot) {
        unlink(slot);
        int i = home(hashes[slot]);
        while ((int) index[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        // shift back the entries of the probe run after the hole that could not sit before it
        for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int h = home((int) (index[j] >>> 32));
            boolean movable = i <= j ? (h <= i || h > j) : (h <= i && h > j);
            if (movable) {
                index[i] = index[j];
                i = j;
            }
        }
        index[i] = 0;
        keys[slot] = null;
        values[slot] = null;
        next[slot] = free;
        free = slot;
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
