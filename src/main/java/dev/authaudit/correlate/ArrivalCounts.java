package dev.authaudit.correlate;

/**
 * Entries created per slot of key hashes, for {@link StateTable#arrivals}: a count that changes whenever an
 * entry for a key is created (and when one for another key of the same slot is).
 */
final class ArrivalCounts {
    /** Slots of key hashes (256 KB). */
    private static final int SLOTS = 1 << 16;
    private final int[] counts = new int[SLOTS];

    void arrived(Object key) {
        counts[slotOfHash(key.hashCode())]++;
    }

    int of(Object key) {
        return ofHash(key.hashCode());
    }

    int ofHash(int keyHash) {
        return counts[slotOfHash(keyHash)] & Integer.MAX_VALUE;
    }

    private static int slotOfHash(int h) {
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
