package dev.authaudit.sim;

/**
 * What really produced a log event: the ground truth the simulator attaches to every failure, drop
 * and success, from which account, address and block labels are derived.
 */
enum HitKind {
    /** A customer's device working normally. */
    CUSTOMER("unknown", "customer"),
    /** A customer's device retrying an outdated password. */
    STALE("stale_password", "customer"),
    /** A customer mistyping a password while setting up or logging in. */
    TYPO("mistyped", "customer"),
    /** A customer's client knocking on a port the firewall does not open. */
    CLOSED_PORT("closed_port", "customer"),
    /** Dictionary attack from one address. */
    BRUTE_FORCE("brute_force", "attacker"),
    /** Password spraying. */
    SPRAY("brute_force", "attacker"),
    /** Distributed credential stuffing. */
    STUFFING("brute_force", "attacker"),
    /** Probing logins that do not exist. */
    UNKNOWN_USER("brute_force", "attacker"),
    /** Probing many ports. */
    SCANNER("port_scan", "scanner"),
    /** Internet background noise: a packet or two from an address with no further story. */
    BACKGROUND("unknown", "unknown");

    private final String cause;
    private final String ipVerdict;

    HitKind(String cause, String ipVerdict) {
        this.cause = cause;
        this.ipVerdict = ipVerdict;
    }

    /** Returns the report-v1 block cause word a block made of these hits has. */
    String cause() {
        return cause;
    }

    /** Returns the report-v1 ip verdict of an address producing these hits. */
    String ipVerdict() {
        return ipVerdict;
    }

    /** Returns true for the customer's own activity. */
    boolean customer() {
        return ipVerdict.equals("customer");
    }
}
