package dev.authaudit.correlate;

import dev.authaudit.event.AuthSuccess;

/** Applies counted failures and successes to the login, address, network and window tables. */
final class AuthTally {
    private final CorrelationStore store;
    private final CorrelationSettings settings;
    private final IpNetworks networks;
    private final long minGapMs;

    AuthTally(CorrelationStore store, CorrelationSettings settings, IpNetworks networks) {
        this.store = store;
        this.settings = settings;
        this.networks = networks;
        this.minGapMs = settings.rhythmMinGap().toMillis();
    }

    void failure(Attempt a) {
        long ms = a.time().toEpochMilli();
        String network = networks.networkOf(a.ip());
        if (a.ip() != null) {
            IpSummary ip = store.ips().getOrCreate(a.ip(), k -> new IpSummary(k, network));
            ip.failure(a, ms, minGapMs);
            store.ips().put(a.ip(), ip);
            IpWindow window = store.ipWindows().getOrCreate(a.ip(), k -> new IpWindow(settings.recentEventsPerIp()));
            window.addFailure(new RecentFailure(ms, a.account(), a.protocol(), a.port(), a.count(), a.passwordFp()));
            store.ipWindows().put(a.ip(), window);
        }
        if (a.account() == null) {
            return;
        }
        AccountSummary account = store.accounts().getOrCreate(a.account(),
                k -> new AccountSummary(k, settings.maxSourcesPerAccount()));
        account.failure(a, ms, network);
        if (a.ip() != null) {
            SourceTally source = account.source(a.ip(), network, a.count());
            if (source != null) {
                source.failure(a, ms);
                String pairKey = a.ip() + '|' + a.account();
                PairWindow pair = store.pairWindows().getOrCreate(pairKey, k -> new PairWindow());
                long gap = pair.failure(a.protocol(), ms);
                store.pairWindows().put(pairKey, pair);
                if (gap >= 0) {
                    source.gap(a.protocol(), gap / 1000, minGapMs / 1000);
                }
                source.burstGaps += a.count() - 1;
            }
        }
        store.accounts().put(a.account(), account);
    }

    void success(AuthSuccess s) {
        long ms = s.instant().toEpochMilli();
        String network = networks.networkOf(s.ip());
        if (s.ip() != null) {
            IpSummary ip = store.ips().getOrCreate(s.ip(), k -> new IpSummary(k, network));
            ip.success(s.account(), s.protocol(), ms);
            store.ips().put(s.ip(), ip);
            NetworkHistory net = store.networks().getOrCreate(network, k -> new NetworkHistory());
            net.success(s.account(), ms);
            store.networks().put(network, net);
        }
        if (s.account() == null) {
            return;
        }
        AccountSummary account = store.accounts().getOrCreate(s.account(),
                k -> new AccountSummary(k, settings.maxSourcesPerAccount()));
        SourceTally source = s.ip() == null ? null : account.find(s.ip());
        account.success(s.ip(), s.protocol(), ms, source);
        if (source == null && s.ip() != null) {
            source = account.source(s.ip(), network, 10);
        }
        if (source != null) {
            source.success(s.protocol(), s.port(), ms);
        }
        store.accounts().put(s.account(), account);
    }
}
