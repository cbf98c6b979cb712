package dev.authaudit.correlate;

/**
 * The correlator's state, split by what it is keyed on and how long it must live. Summaries feed the
 * final report and are bounded by size only; windows hold recent events and also expire in event time.
 * The default is {@link CaffeineCorrelationStore}; a partitioned store (Kafka Streams, keyed by address
 * and by login) can implement the same tables.
 */
public interface CorrelationStore {

    /**
     * Returns per-address summaries (counts, logins, drops), kept for the report. Each also holds the
     * address's recent failures and drops and the polling windows of its first logins, which expire by
     * themselves after the idle window: one entry per address.
     */
    StateTable<String, IpSummary> ips();

    /** Returns per-login summaries (counts, sources, fingerprints), kept for the report. */
    StateTable<String, AccountSummary> accounts();

    /** Returns per-network success history (/24 or /48), used to recognise a customer's network. */
    StateTable<String, NetworkHistory> networks();

    /** Returns successful (address, login), (network, login) and (address, domain) pairs, bounded by size. */
    StateTable<String, PairHistory> pairHistory();

    /**
     * Returns per-(address, login) recent times, used to measure polling gaps, of the logins an address
     * tries beyond those its summary holds.
     */
    StateTable<String, PairWindow> pairWindows();
}
