package dev.authaudit.correlate;

/**
 * The correlator's state, split by what it is keyed on and how long it must live. Summaries feed the
 * final report and are bounded by size only; windows hold recent events and also expire in event time.
 * The default is {@link CaffeineCorrelationStore}; a partitioned store (Kafka Streams, keyed by address
 * and by login) can implement the same tables.
 */
public interface CorrelationStore {

    /** Returns per-address summaries (counts, logins, drops), kept for the report. */
    StateTable<String, IpSummary> ips();

    /** Returns per-login summaries (counts, sources, fingerprints), kept for the report. */
    StateTable<String, AccountSummary> accounts();

    /** Returns per-network success history (/24 or /48), used to recognise a customer's network. */
    StateTable<String, NetworkHistory> networks();

    /** Returns per-address recent failures and drops, used to join a block to what led to it. */
    StateTable<String, IpWindow> ipWindows();

    /** Returns successful (address, login), (network, login) and (address, domain) pairs, bounded by size. */
    StateTable<String, PairHistory> pairHistory();

    /** Returns per-(address, login) recent times, used to measure polling gaps. */
    StateTable<String, PairWindow> pairWindows();
}
