package dev.authaudit.act.firewall;

import static java.util.Objects.requireNonNull;

/**
 * What the policy needs to know about one explained block.
 *
 * @param ip the blocked address (canonical) or network
 * @param singleAddress false for a network (CIDR) block
 * @param permanent true for a permanent block (lfd's argument 3)
 * @param cause the report-v1 block cause word ({@code stale_password}, {@code closed_port}, ...)
 * @param account the customer login behind the block, or null
 * @param knownCustomer true when that login has a successful login on record
 * @param customerTold true when the customer's notice has been sent (accepted by the SMTP server)
 * @param adminTold true when the admin has the explanation (recorded in the state, naming the fix)
 */
public record BlockCase(String ip, boolean singleAddress, boolean permanent, String cause, String account,
                        boolean knownCustomer, boolean customerTold, boolean adminTold) {
    /** The causes an action may follow. */
    public static final String STALE_PASSWORD = "stale_password";
    /** A port the firewall does not open: the password is fine. */
    public static final String CLOSED_PORT = "closed_port";

    public BlockCase {
        requireNonNull(ip, "ip");
        requireNonNull(cause, "cause");
    }
}
