package dev.authaudit.tune;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A block a firewall model made.
 *
 * @param trigger lfd's trigger ({@code LF_SMTPAUTH}, {@code LF_TRIGGER}, {@code PS_LIMIT}) or the fail2ban jail
 * @param hits the count that fired
 * @param durationS the block length in seconds; 0 for a permanent block
 * @param permblock true when LF_PERMBLOCK turned this block permanent (lfd writes a "(PERMBLOCK)" line)
 * @param ports for port scans, the distinct destination ports hit in the window; 0 otherwise
 */
public record ModelBlock(String ip, Instant at, String trigger, int hits, long durationS, boolean permblock,
                         int ports) {
    public ModelBlock {
        requireNonNull(ip, "ip");
        requireNonNull(at, "at");
        requireNonNull(trigger, "trigger");
    }

    /** Returns true for a permanent block. */
    public boolean permanent() {
        return durationS == 0;
    }

    /** Returns the epoch second the block ends, or {@link Long#MAX_VALUE} when permanent. */
    public long until() {
        return permanent() ? Long.MAX_VALUE : at.getEpochSecond() + durationS;
    }

    /** Returns true when the block is a port-scan block. */
    public boolean portScan() {
        return trigger.equals("PS_LIMIT");
    }
}
