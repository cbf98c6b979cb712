package dev.authaudit.correlate;

/**
 * Successful logins seen from one network (/24 or /48): a customer whose provider hands out a new
 * address in the same range is still recognised. Opaque outside this package.
 */
public final class NetworkHistory {
    private static final int TOP_LOGINS = 8;

    long successes;
    long firstSuccessMs = -1;
    final TopCounts logins;

    NetworkHistory() {
        this(new TopCounts(TOP_LOGINS));
    }

    private NetworkHistory(TopCounts logins) {
        this.logins = logins;
    }

    void success(String login, long ms) {
        successes++;
        if (firstSuccessMs < 0) {
            firstSuccessMs = ms;
        }
        if (login != null) {
            logins.add(login, 1);
        }
    }

    /** Returns a history in the same state, which then changes on its own (a fork of the correlator). */
    NetworkHistory copy() {
        NetworkHistory c = new NetworkHistory(logins.copy());
        c.successes = successes;
        c.firstSuccessMs = firstSuccessMs;
        return c;
    }
}
