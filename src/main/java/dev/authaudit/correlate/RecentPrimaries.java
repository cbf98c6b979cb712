package dev.authaudit.correlate;

import dev.authaudit.event.AuthFailure;
import java.util.Arrays;
import java.util.Objects;

/**
 * The latest Exim primary line per (server, address, login), for telling Exim's syslog copy of a 535 from a new
 * attempt ({@link DetailPairer}): the {@code max} keys put most recently, the eldest (by first put) dropped when
 * one more comes, as an insertion-ordered {@link java.util.LinkedHashMap} that removes its eldest entry would,
 * and with the same answers. Keys are kept in flat arrays in the order they came (a ring) with an open-addressing
 * index over them: no key object and no map entry per line, and dropping the eldest reads the ring's head instead
 * of hashing a key made thousands of lines earlier. A botnet day puts a new key on every one of its million lines;
 * the map, its key records and its eldest-entry removal were about 5% of the main thread's samples.
 *
 * <p>A removed key leaves a hole in the ring until the head passes it; when the ring is full of keys and holes,
 * it is compacted in order (at most once per {@code max} puts).
 */
final class RecentPrimaries {
    private final int max;
    /** The ring, in the order keys were first put: ring position {@code i} of {@code seq} is {@code seq & ringMask}. */
    private final int ringMask;
    private String[] hosts;
    private String[] ips;
    private String[] logins;
    private int[] hashes;
    /** The line per ring position; null for a hole (removed, or dropped). */
    private AuthFailure[] lines;
    private long head;
    private long tail;
    private int size;
    /** Ring position + 1 per slot (0: free), linear probing by the key's hash. */
    private int[] index;
    private final int indexMask;
    /** How many times the ring was compacted (for its test). */
    private int compactions;

    /** @param max the most keys held (at least 1) */
    RecentPrimaries(int max) {
        this.max = Math.max(1, max);
        int ring = Integer.highestOneBit(this.max) << 1; // at least max + 1 positions
        this.ringMask = ring - 1;
        this.hosts = new String[ring];
        this.ips = new String[ring];
        this.logins = new String[ring];
        this.hashes = new int[ring];
        this.lines = new AuthFailure[ring];
        this.index = new int[ring << 1]; // at most half full
        this.indexMask = index.length - 1;
    }

    /** The hash of a key; {@code host} may be null, {@code ip} and {@code login} not. */
    static int hash(String host, String ip, String login) {
        return (31 * ip.hashCode() + login.hashCode()) * 31 + (host == null ? 0 : host.hashCode());
    }

    /**
     * Holds {@code line} as the latest of its key and returns the line held before it, or null. A key already
     * held keeps its place in the order; a new key goes last, and the eldest goes when there are more than max.
     */
    AuthFailure put(String host, String ip, String login, AuthFailure line) {
        int h = hash(host, ip, login);
        int slot = find(h, host, ip, login);
        if (index[slot] != 0) {
            int pos = index[slot] - 1;
            AuthFailure before = lines[pos];
            lines[pos] = line;
            return before;
        }
        if (tail - head == ringMask + 1) {
            compact();
            slot = find(h, host, ip, login);
        }
        int pos = (int) (tail & ringMask);
        tail++;
        hosts[pos] = host;
        ips[pos] = ip;
        logins[pos] = login;
        hashes[pos] = h;
        lines[pos] = line;
        index[slot] = pos + 1;
        size++;
        if (size > max) {
            skipHoles();
            drop((int) (head & ringMask));
        }
        return null;
    }

    /** Forgets the key; nothing when it is not held. */
    void remove(String host, String ip, String login) {
        int slot = find(hash(host, ip, login), host, ip, login);
        if (index[slot] != 0) {
            drop(index[slot] - 1);
        }
    }

    /** Returns the line held for the key, or null. */
    AuthFailure get(String host, String ip, String login) {
        int slot = find(hash(host, ip, login), host, ip, login);
        return index[slot] == 0 ? null : lines[index[slot] - 1];
    }

    /** Returns how many keys are held. */
    int size() {
        return size;
    }

    int compactions() {
        return compactions;
    }

    /** Returns a table holding the same keys and lines in the same order, which changes on its own. */
    RecentPrimaries copy() {
        RecentPrimaries c = new RecentPrimaries(max);
        c.hosts = hosts.clone();
        c.ips = ips.clone();
        c.logins = logins.clone();
        c.hashes = hashes.clone();
        c.lines = lines.clone();
        c.index = index.clone();
        c.head = head;
        c.tail = tail;
        c.size = size;
        return c;
    }

    /** Returns the index slot holding the key, or the free slot where it would go. */
    private int find(int h, String host, String ip, String login) {
        int slot = spread(h) & indexMask;
        while (true) {
            int at = index[slot];
            if (at == 0) {
                return slot;
            }
            int pos = at - 1;
            if (hashes[pos] == h && ips[pos].equals(ip) && logins[pos].equals(login)
                    && Objects.equals(hosts[pos], host)) {
                return slot;
            }
            slot = (slot + 1) & indexMask;
        }
    }

    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** Removes the key at ring position {@code pos} from the index and leaves a hole; moves the head past holes. */
    private void drop(int pos) {
        // its index slot is the one that names its position: found from its hash's home without reading a key
        int slot = spread(hashes[pos]) & indexMask;
        while (index[slot] != pos + 1) {
            slot = (slot + 1) & indexMask;
        }
        unindex(slot);
        hosts[pos] = null;
        ips[pos] = null;
        logins[pos] = null;
        lines[pos] = null;
        size--;
        skipHoles();
    }

    private void skipHoles() {
        while (head < tail && lines[(int) (head & ringMask)] == null) {
            head++;
        }
    }

    /** Frees an index slot, moving later slots of the same probe run back so every key stays reachable. */
    private void unindex(int slot) {
        int free = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & indexMask;
            int at = index[j];
            if (at == 0) {
                break;
            }
            int home = spread(hashes[at - 1]) & indexMask;
            // the key at j may move to free unless its home lies cyclically in (free, j]
            boolean stays = free <= j ? home > free && home <= j : home > free || home <= j;
            if (!stays) {
                index[free] = at;
                free = j;
            }
        }
        index[free] = 0;
    }

    /** Moves the held keys to the front of the ring, in order, and indexes them again. */
    private void compact() {
        int ring = ringMask + 1;
        String[] h2 = new String[ring];
        String[] i2 = new String[ring];
        String[] l2 = new String[ring];
        int[] x2 = new int[ring];
        AuthFailure[] f2 = new AuthFailure[ring];
        compactions++;
        Arrays.fill(index, 0);
        int n = 0;
        for (long s = head; s < tail; s++) {
            int pos = (int) (s & ringMask);
            if (lines[pos] != null) {
                h2[n] = hosts[pos];
                i2[n] = ips[pos];
                l2[n] = logins[pos];
                x2[n] = hashes[pos];
                f2[n] = lines[pos];
                int slot = spread(x2[n]) & indexMask;
                while (index[slot] != 0) {
                    slot = (slot + 1) & indexMask;
                }
                index[slot] = n + 1;
                n++;
            }
        }
        hosts = h2;
        ips = i2;
        logins = l2;
        hashes = x2;
        lines = f2;
        head = 0;
        tail = n;
    }
}
