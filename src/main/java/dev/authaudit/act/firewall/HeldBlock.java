package dev.authaudit.act.firewall;

import java.time.Instant;

/**
 * One entry that keeps an address out right now: a line of {@code csf.deny} (permanent) or of
 * {@code csf.tempban} (temporary). The comment is lfd's message or the admin's note (hostile text:
 * escape it).
 *
 * @param target the entry as written: an address, a network, or an advanced rule ({@code tcp|in|d=587|s=IP})
 * @param ip the address or network it blocks, or null when an advanced rule names none
 * @param permanent true for csf.deny, false for csf.tempban
 * @param since when the block was made, or null when the entry does not say
 * @param until when a temporary block ends, or null for a permanent one
 * @param ports the ports a temporary block covers ("" for all)
 * @param comment lfd's message or the admin's note, or ""
 * @param keep true when the comment says {@code do not delete} (csf keeps it through DENY_IP_LIMIT)
 * @param where {@code file:line}
 */
public record HeldBlock(String target, String ip, boolean permanent, Instant since, Instant until, String ports,
                        String comment, boolean keep, String where) {
    /** Returns true for an advanced rule, which {@code csf -dr} cannot remove. */
    public boolean advanced() {
        return target.indexOf('|') >= 0;
    }

    /** Returns true when lfd made the block (its comment starts {@code lfd}). */
    public boolean byLfd() {
        return comment.startsWith("lfd");
    }

    /**
     * Returns how to lift the block: {@code csf -tr IP} for a temporary one, {@code csf -dr IP} for a
     * permanent one, and for an advanced rule the line to delete (csf has no command for it).
     */
    public String unblock() {
        if (!permanent) {
            return "csf -tr " + ip;
        }
        if (advanced() || ip == null) {
            return "delete " + where + " by hand, then csf -r";
        }
        return "csf -dr " + ip;
    }
}
