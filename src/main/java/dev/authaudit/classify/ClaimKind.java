package dev.authaudit.classify;

/**
 * The kinds of statement a reason can make. Each names the facts of {@link Claim} it fills; the
 * test-side claim checker recomputes those facts from the event stream.
 */
public enum ClaimKind {
    // --- one source of a login (addresses[0] = the source, logins[0] = the login) ---
    /** count failures every period since first (its first failure), last = its latest; protocols of those failures. */
    POLLING,
    /** the same fingerprint count times since first (other = 1: at least count times). */
    SAME_PASSWORD,
    /** count successes from the address as the login before first (its first failure). */
    SUCCESS_BEFORE,
    /** count successes from the address as the login in all (another device behind the same address). */
    SUCCESS_SAME_ADDRESS,
    /** count successes as the login from the address's network (addresses[1]). */
    NETWORK_SUCCESS,
    /** count successes from the address as other logins of the login's domain. */
    DOMAIN_SUCCESS,
    /** the login succeeded from addresses[1] at first; the address failed count more times after that. */
    FAILING_AFTER_SUCCESS,
    /** count failures between first and last (one run), protocols of those failures. */
    LONG_RUN,
    /** count failures at first, then a success from the same address at last and no failure since. */
    TYPO,
    /** the fingerprint repeated count times (other = 1: at least count times). */
    FINGERPRINT_REPEATED,
    /** failures of every one of protocols from the address. */
    PROTOCOLS_TOGETHER,
    /** the login succeeded from addresses[1] at first, after the address's failures began. */
    PASSWORD_CHANGED,
    /** the same stale failing from count more addresses (addresses[1..]). */
    SAME_ELSEWHERE,
    /** count addresses guess the login (addresses, possibly the first few), other = their failures. */
    GUESSERS,
    // --- a login as a whole (logins[0]) ---
    /** count failures from other addresses between first and last; extra successes. */
    LOGIN_SUMMARY,
    /** the server answered "unknown user" to count of other failures; the login never logged in. */
    UNKNOWN_USER_SHARE,
    /** count failures from other addresses in extra networks, none of which logged in as the login. */
    STRANGERS,
    /** count addresses (addresses, the first few) tried the login at most other times each without history. */
    DISTRIBUTED,
    /** count different password fingerprints on the login. */
    MANY_PASSWORDS,
    /** the login is a name attackers guess everywhere, and never logged in. */
    DICTIONARY,
    /** the verdict was first reached at last from addresses[0], another customer source failing since first. */
    DETECTED,
    /** no more to say (states no fact). */
    INCONCLUSIVE,
    // --- an address (addresses[0]) ---
    /** count different failed logins, never logged in; other = most failures on one login. */
    MANY_LOGINS,
    /** count different passwords, never logged in. */
    MANY_ADDRESS_PASSWORDS,
    /** count "unknown user" answers, never logged in. */
    UNKNOWN_USERS,
    /** count different logins at most other times each; neither it nor its network logged in. */
    ONE_OFFS,
    /** count successes as logins. */
    ADDRESS_SUCCESS,
    /** count failures of an address that logged in. */
    CUSTOMER_FAILURES,
    /** the address is the device of logins (their verdicts say so). */
    DEVICE_OF,
    /** the address's network (addresses[1]) has successes as logins. */
    NETWORK_HISTORY,
    /** count different destination ports (ports) in other connection attempts. */
    PORTS_KNOCKED,
    /** count of the logins it tried (logins) are commonly guessed names. */
    DICTIONARY_LOGINS,
    /** one of many addresses that failed logins once or twice each. */
    DISTRIBUTED_MEMBER,
    /** only commonly guessed names (logins), none ever logged in. */
    ONLY_DICTIONARY,
    /** count failures and other drops: not enough to say. */
    UNDECIDED,
    // --- a block (addresses[0] = the blocked address, first = the block) ---
    /** the firewall's rule fired at first (count hits, period window; last = lifted). */
    BLOCK_RULE,
    /** count failures from the address in the period before the block, protocols, logins. */
    BLOCK_FAILURES,
    /** count drops between first and last, to ports. */
    BLOCK_DROPS,
    /** the block was still in force when the logs end (last), with the logins behind the address. */
    BLOCK_IN_FORCE,
    /** a statement about the block's cause that names logins and addresses only. */
    BLOCK_CAUSE,
    /** what the admin should do (names the command and the address; states no count). */
    ADVICE
}
