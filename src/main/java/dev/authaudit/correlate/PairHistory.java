package dev.authaudit.correlate;

/**
 * Successful logins seen for one (address, login), (network, login) or (address, domain) pair, so a
 * source that fails later is still recognised as the customer's after its tally was dropped from a
 * login's bounded source list. Opaque outside this package.
 */
public final class PairHistory {
    long successes;
    long firstMs = -1;
    long lastMs = -1;

    void success(long ms) {
        successes++;
        if (firstMs < 0 || ms < firstMs) {
            firstMs = ms;
        }
        lastMs = Math.max(lastMs, ms);
    }

    static String ipLogin(String ip, String login) {
        return ip + '|' + login;
    }

    static String networkLogin(String network, String login) {
        return "net:" + network + '|' + login;
    }

    static String ipDomain(String ip, String login) {
        int at = login.indexOf('@');
        return at < 0 ? null : ip + "|@" + login.substring(at + 1);
    }

    /** Returns a history in the same state, which then changes on its own (a fork of the correlator). */
    PairHistory copy() {
        PairHistory c = new PairHistory();
        c.successes = successes;
        c.firstMs = firstMs;
        c.lastMs = lastMs;
        return c;
    }
}
