package dev.authaudit.correlate;

import java.time.Instant;

/**
 * Receives evidence as soon as it changes, so a live consumer can reach a verdict before the firewall
 * acts. Called on the correlator's thread; must not block.
 */
public interface CorrelationListener {

    /** Does nothing; the default when no one listens. */
    CorrelationListener NONE = new CorrelationListener() {
    };

    /**
     * Accepts a login's evidence after an event changed it.
     *
     * @param at the event time of the change
     */
    default void onAccount(AccountEvidence evidence, Instant at) {
    }

    /**
     * Accepts an address's evidence after an event changed it.
     *
     * @param at the event time of the change
     */
    default void onIp(IpEvidence evidence, Instant at) {
    }

    /** Accepts a firewall block joined to what preceded it. */
    default void onBlock(BlockEvidence evidence) {
    }

    /**
     * Returns false when this listener would throw away address and block evidence (nobody hears those
     * verdicts while the events stream, as in a scan without notices); the correlator then neither builds
     * nor sends it. Read once, when the correlator is built.
     */
    default boolean wantsAddresses() {
        return true;
    }
}
