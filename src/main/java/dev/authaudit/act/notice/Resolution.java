package dev.authaudit.act.notice;

import static java.util.Objects.requireNonNull;

/** The outcome of looking up who should receive a notice: a recipient, or why there is none. */
public sealed interface Resolution permits Resolution.Found, Resolution.Refused {
    /**
     * A recipient that passed {@link AddressCheck}.
     *
     * @param to the recipient address
     * @param cc the admin copy, or null
     * @param via where the address came from ({@code mapping file}, {@code cPanel contact of user x},
     *     {@code the mailbox itself}), for the ledger and the report
     */
    record Found(String to, String cc, String via) implements Resolution {
        /** Checks that the address is present. */
        public Found {
            requireNonNull(to, "to");
            requireNonNull(via, "via");
        }
    }

    /**
     * No usable recipient.
     *
     * @param reason why, in words an admin can act on
     */
    record Refused(String reason) implements Resolution {
        /** Checks that the reason is present. */
        public Refused {
            requireNonNull(reason, "reason");
        }
    }
}
