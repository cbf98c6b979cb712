package dev.authaudit.correlate;

/**
 * A fork's {@link CorrelationStore}: each table an {@link OverlayTable} over the live correlator's, so a
 * judgement can count waiting lines and judge throttled subjects without changing the live state.
 */
record ForkStore(StateTable<String, IpSummary> ips, StateTable<String, AccountSummary> accounts,
        StateTable<String, NetworkHistory> networks, StateTable<String, PairHistory> pairHistory,
        StateTable<String, PairWindow> pairWindows) implements CorrelationStore {

    /** Returns overlays over the live store's tables, each copying an entry the first time the fork uses it. */
    static ForkStore over(CorrelationStore live) {
        return new ForkStore(new OverlayTable<>(live.ips(), IpSummary::copy),
                new OverlayTable<>(live.accounts(), AccountSummary::copy),
                new OverlayTable<>(live.networks(), NetworkHistory::copy),
                new OverlayTable<>(live.pairHistory(), PairHistory::copy),
                new OverlayTable<>(live.pairWindows(), PairWindow::copy));
    }
}
