package dev.authaudit.correlate;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

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
     * Asked instead of {@link #onAccount} when, since this listener last received the login's evidence,
     * only its totals can have changed: every event since was a counted failure, none reached a source the
     * evidence itemises, what is known about each itemised source's address is as it was, and the distinct
     * address and fingerprint counts have not fallen. Returns true when the verdict reached then stands
     * (and nothing else the listener keeps would change), so the correlator need not build the evidence;
     * false to receive it. The default is false.
     *
     * @param failures the login's failures now
     * @param unknownUsers how many of them the server answered "unknown user"
     * @param successes the login's successes (the same as then)
     * @param at the event time of the change
     */
    default boolean keepsAccount(String login, long failures, long unknownUsers, long successes, Instant at) {
        return false;
    }

    /**
     * As {@link #keepsAccount(String, long, long, long, Instant)}, with a slot the correlator keeps beside its
     * summary of the login, for the listener's own use: what the listener put there comes back with the login's
     * next question for as long as the correlator holds that summary (a new summary brings an empty slot), so it
     * may answer without looking the login up. The default ignores the slot.
     */
    default boolean keepsAccount(String login, AccountSlot slot, long failures, long unknownUsers, long successes,
                                 Instant at) {
        return keepsAccount(login, failures, unknownUsers, successes, at);
    }

    /**
     * As {@link #keepsAccount(String, AccountSlot, long, long, long, Instant)}, asked when, besides the totals, the
     * login's evidence took on sources since this listener last received it: {@code added} gives their evidence
     * now (built when first asked for; failures may have reached them since; no other source changed, none left
     * the list). Returns true when the verdict reached then stands with them (and nothing else the listener keeps
     * would change). The default is false.
     */
    default boolean keepsAccount(String login, AccountSlot slot, Supplier<List<SourceEvidence>> added, long failures,
                                 long unknownUsers, long successes, Instant at) {
        return false;
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

    /**
     * A listener's own note about one login, kept by the correlator with its summary of the login (the summary is
     * one: the note costs no object of its own, and is read where the summary already is) and handed to
     * {@link #keepsAccount(String, AccountSlot, long, long, long, Instant)}: e.g. the listener's record of the
     * login, to read without a lookup (a listener must check that what it finds is still its own and current).
     */
    abstract class AccountSlot {
        private Object value;

        AccountSlot() {
        }

        /** Returns what the listener put here last, or null. */
        public final Object get() {
            return value;
        }

        /** Keeps {@code value} for the login's next question. */
        public final void set(Object value) {
            this.value = value;
        }
    }
}
