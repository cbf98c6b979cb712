package dev.authaudit.correlate;

/**
 * A fork's {@link CorrelationStore}: each table an {@link OverlayTable} over the live correlator's, so a
 * judgement can count waiting lines and judge throttled subjects without changing the live state.
 */
final class ForkStore implements CorrelationStore {
    private final StateTable<String, IpSummary> ips;
    private final StateTable<String, AccountSummary> accounts;
    private final StateTable<String, NetworkHistory> networks;
    private final StateTable<String, PairHistory> pairHistory;
    private final StateTable<String, PairWindow> pairWindows;

    ForkStore(CorrelationStore live) {
        this.ips = new OverlayTable<>(live.ips(), IpSummary::copy);
        this.accounts = new OverlayTable<>(live.accounts(), AccountSummary::copy);
        this.networks = new OverlayTable<>(live.networks(), NetworkHistory::copy);
        this.pairHistory = new OverlayTable<>(live.pairHistory(), PairHistory::copy);
        this.pairWindows = new OverlayTable<>(live.pairWindows(), PairWindow::copy);
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
