package dev.authaudit.sim;

/**
 * How many actors of each hostile or misconfigured kind a run contains.
 *
 * @param bruteForce single-address dictionary attackers (many logins, many passwords, fast)
 * @param spraying single-address sprayers (many logins, one or two tries each, slow)
 * @param stuffing distributed credential-stuffing campaigns (many addresses, real logins, slow)
 * @param unknownUser probers that try logins which do not exist on the host
 * @param portScanners addresses that probe many ports
 * @param closedPort customers whose client submits on a port the firewall does not open
 */
public record AttackMix(int bruteForce, int spraying, int stuffing, int unknownUser, int portScanners,
                        int closedPort) {
    public AttackMix {
        if (bruteForce < 0 || spraying < 0 || stuffing < 0 || unknownUser < 0 || portScanners < 0
                || closedPort < 0) {
            throw new IllegalArgumentException("attack counts must not be negative: " + "bruteForce="
                    + bruteForce + ", spraying=" + spraying + ", stuffing=" + stuffing + ", unknownUser="
                    + unknownUser + ", portScanners=" + portScanners + ", closedPort=" + closedPort);
        }
    }

    /** Returns no attackers at all. */
    public static AttackMix none() {
        return new AttackMix(0, 0, 0, 0, 0, 0);
    }

    /**
     * Returns a mix typical of a small shared host that is visible on the internet: a few dictionary
     * attackers per day, a sprayer or two, one stuffing campaign every few days, scanners daily.
     */
    public static AttackMix typical(int days, int mailboxes) {
        int d = Math.max(1, days);
        int closed = Math.max(1, mailboxes / 150);
        return new AttackMix(2 * d, Math.max(1, d / 2), Math.max(1, d / 3), d, 2 * d, closed);
    }
}
