package dev.authaudit.act.firewall;

import dev.authaudit.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether authaudit lifts a block or lets a device in instead of leaving a customer locked
 * out. Off unless the admin names the actions ({@code --act lift,allow}), and even then only when all
 * of these hold: the block is of one address; its cause is {@code stale_password} or {@code
 * closed_port}; a customer login with a success on record is behind it; and the customer's notice has
 * been sent ({@code stale_password}) or the admin has the explanation ({@code closed_port}). Without
 * {@code execute} every chosen action is a dry run: recorded, not run.
 *
 * @param enabled the actions the admin allows; empty is off
 * @param allowTtl how long {@code csf -ta} lets the device in
 * @param execute true to run csf; false records what would be run
 */
public record ActionPolicy(Set<ActionKind> enabled, Duration allowTtl, boolean execute) {
    /** The default allow period. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    /**
     * Checks the values.
     *
     * @throws ConfigException when the allow period is out of range
     */
    public ActionPolicy {
        enabled = enabled == null || enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
        allowTtl = allowTtl == null ? DEFAULT_TTL : allowTtl;
        if (allowTtl.toSeconds() < 60 || allowTtl.compareTo(FirewallAction.MAX_TTL) > 0) {
            throw new ConfigException(null, "allow-ttl", "--allow-ttl " + allowTtl + " must be between 1m and 7d");
        }
    }

    /** Returns the default: no action at all. */
    public static ActionPolicy off() {
        return new ActionPolicy(Set.of(), DEFAULT_TTL, false);
    }

    /** Returns true when no action is enabled. */
    public boolean isOff() {
        return enabled.isEmpty();
    }

    /**
     * Returns one decision per enabled action, in the order lift, allow; empty when off.
     *
     * @param c the explained block
     */
    public List<PlannedAction> plan(BlockCase c) {
        List<PlannedAction> out = new ArrayList<>(2);
        if (isOff()) {
            return out;
        }
        String refusal = refusal(c);
        for (ActionKind k : EnumSet.copyOf(enabled)) {
            if (refusal != null) {
                out.add(PlannedAction.skip(k, refusal));
                continue;
            }
            String why = c.cause() + " for " + c.account() + (c.cause().equals(BlockCase.STALE_PASSWORD)
                    ? ", whose notice has been sent" : ", with the port fix in the admin's report");
            if (k == ActionKind.LIFT) {
                out.add(new PlannedAction(k, FirewallAction.lift(c.ip(), c.permanent()), why));
            } else {
                out.add(new PlannedAction(k, FirewallAction.allow(c.ip(), allowTtl,
                        c.cause() + " " + c.account()), why + "; allowed for " + allowTtl.toMinutes() + " min"));
            }
        }
        return out;
    }

    private static String refusal(BlockCase c) {
        if (!c.singleAddress()) {
            return "a network block (" + c.ip() + ") is never lifted automatically";
        }
        boolean stale = c.cause().equals(BlockCase.STALE_PASSWORD);
        if (!stale && !c.cause().equals(BlockCase.CLOSED_PORT)) {
            return "cause is " + c.cause() + "; only stale_password and closed_port blocks are acted on";
        }
        if (c.account() == null || !c.knownCustomer()) {
            return "no customer login with a success on record is behind this block";
        }
        if (stale && !c.customerTold()) {
            return "the customer's notice has not been sent yet; the block stays until they are told";
        }
        if (!stale && !c.adminTold()) {
            return "the admin does not have the explanation yet; the block stays until they do";
        }
        return null;
    }
}
