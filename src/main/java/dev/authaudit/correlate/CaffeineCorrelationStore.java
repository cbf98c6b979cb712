package dev.authaudit.correlate;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The in-memory {@link CorrelationStore}: Caffeine caches bounded by the sizes in
 * {@link CorrelationSettings}, whose windows expire by the given ticker (the time the correlator's calls are
 * given: event time in replay), never by the wall clock.
 */
public final class CaffeineCorrelationStore implements CorrelationStore {
    private final StateTable<String, IpSummary> ips;
    private final StateTable<String, AccountSummary> accounts;
    private final StateTable<String, NetworkHistory> networks;
    private final StateTable<String, PairWindow> pairWindows;
    private final StateTable<String, PairHistory> pairHistory;

    /** Creates the caches for the given bounds, expiring windows by {@code ticker}. */
    public CaffeineCorrelationStore(CorrelationSettings settings, Ticker ticker) {
        // most addresses of a botnet's day are seen once: they stay out of the Caffeine table (see FirstSightingTable)
        this.ips = new FirstSightingTable<>(settings.maxIps(), ticker, IpSummary::depart, true);
        this.accounts = new CaffeineStateTable<>(settings.maxAccounts(), null, ticker);
        this.networks = new CaffeineStateTable<>(settings.maxNetworks(), null, ticker);
        this.pairWindows = new CaffeineStateTable<>(settings.maxWindows(), settings.windowIdle(), ticker);
        this.pairHistory = new CaffeineStateTable<>(settings.maxPairs(), null, ticker);
    }

    @Override
    public StateTable<String, IpSummary> ips() {
        return ips;
    }

    @Override
    public StateTable<String, AccountSummary> accounts() {
        return accounts;
    }

    @Override
    public StateTable<String, NetworkHistory> networks() {
        return networks;
    }

    @Override
    public StateTable<String, PairHistory> pairHistory() {
        return pairHistory;
    }

    @Override
    public StateTable<String, PairWindow> pairWindows() {
        return pairWindows;
    }
}
