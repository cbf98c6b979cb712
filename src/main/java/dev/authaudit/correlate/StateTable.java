package dev.authaudit.correlate;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One keyed table of correlator state. The in-memory implementation hands out live objects, but
 * callers still {@link #put} a value after changing it, so a store that serialises values (a Kafka
 * Streams state store) can stand in without changing the correlator.
 *
 * @param <K> the key type
 * @param <V> the state type
 */
public interface StateTable<K, V> {

    /** Returns the state for a key, or null when there is none (never held, expired or evicted). */
    V get(K key);

    /**
     * Returns the state for a key, or null, without counting as a use of it: for reading evidence, which
     * should not decide what a full table keeps. The default is {@link #get}.
     */
    default V peek(K key) {
        return get(key);
    }

    /**
     * Returns a number that stays the same only while every entry this table handed out since is still its
     * entry for that key: no entry has left the table, and none can leave before the number changes (the
     * table is well below its bound and nothing in it expires). Then a caller may keep an entry and use it
     * again without a lookup, and its changes need no {@link #put}. Returns -1 when no such promise is
     * made; the default for a table that cannot tell.
     */
    default long generation() {
        return -1;
    }

    /**
     * Returns true when this table marks every value as departed the moment it leaves (evicted, expired or
     * replaced), so a holder may trust a value it kept while the mark is not set; for the address table
     * the mark is {@code IpSummary.departed}. The default is false: a holder must look the key up again.
     */
    default boolean reportsDepartures() {
        return false;
    }

    /**
     * Returns a number that changes whenever an entry for {@code key} is created (and may change when one
     * for another key is), so a caller that found no entry for the key can tell, while the number stays
     * the same, that there is still none without a lookup. Returns -1 when the table keeps no such count;
     * the default.
     */
    default int arrivals(K key) {
        return -1;
    }

    /** Returns {@link #arrivals(Object)} for a key whose {@code hashCode()} the caller kept ({@code keyHash}). */
    default int arrivals(K key, int keyHash) {
        return arrivals(key);
    }

    /** Returns the state for a key, creating it first when absent. */
    V getOrCreate(K key, Function<? super K, ? extends V> create);

    /** Stores the state for a key after it changed. */
    void put(K key, V value);

    /** Calls the action for every entry currently held. */
    void forEach(BiConsumer<? super K, ? super V> action);

    /** Returns how many entries are held now. */
    long size();

    /** Returns how many entries were dropped so far because the table was full. */
    long evicted();

    /** Performs pending expiry and eviction now. */
    void cleanUp();
}
