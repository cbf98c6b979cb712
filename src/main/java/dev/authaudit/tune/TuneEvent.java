package dev.authaudit.tune;

import java.time.Instant;

/**
 * What the tuning replay keeps of one log event: only the facts the firewall models count, so a long
 * replay can be run again under many settings without holding the events themselves.
 */
public sealed interface TuneEvent permits TuneEvent.Failure, TuneEvent.Drop {

    /** Returns the event time. */
    Instant time();

    /** Returns the source address. */
    String ip();

    /**
     * A failed login.
     *
     * @param source the log format word ({@code exim}, {@code dovecot}, {@code postfix})
     * @param attempts the failures the line stands for (Dovecot's "N attempts")
     * @param detail true for Dovecot's auth/auth-worker verdict line that accompanies a login line
     * @param app the lfd application that reads the line, or null when none does
     * @param reading whether lfd's patterns count the line
     */
    record Failure(Instant time, String ip, String source, int attempts, boolean detail, LfdApp app,
                   Reading reading) implements TuneEvent {
        /** Returns the failures lfd counts for this line under the given build, 0 when it does not. */
        public int lfdCount(LfdFlavour flavour) {
            return app != null && reading.countedBy(flavour) ? attempts : 0;
        }

        /** Returns the attempts authaudit counts (detail lines repeat their login line's attempt). */
        public int attemptsSeen() {
            return detail ? 0 : attempts;
        }
    }

    /**
     * A packet the firewall dropped and logged.
     *
     * @param chain the prefix word ({@code TCP_IN}, {@code TCP6IN}, {@code PORT_FLOOD}, {@code INVALID}, ...)
     * @param port the destination port, or null (ICMP)
     * @param proto {@code TCP}, {@code UDP}, {@code ICMP}, ...
     * @param inbound true when {@code IN=} was non-empty
     * @param srcPort the source port, or null; SYN retransmissions of one connect repeat it
     */
    record Drop(Instant time, String ip, String chain, Integer port, String proto, boolean inbound, Integer srcPort)
            implements TuneEvent {
    }
}
