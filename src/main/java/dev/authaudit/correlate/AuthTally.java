package dev.authaudit.correlate;

import dev.authaudit.event.AuthSuccess;

/** Applies counted failures and successes to the login, address, network and window tables. */
final class AuthTally {
    private final CorrelationStore store;
    private final CorrelationSettings settings;
    private final IpNetworks networks;
    private final long minGapMs;
    private final long episodeGapMs;

    AuthTally(CorrelationStore store, CorrelationSettings settings, IpNetworks networks) {
        this.store = store;
        this.settings = settings;
        this.networks = networks;
        this.minGapMs = settings.rhythmMinGap().toMillis();
        this.episodeGapMs = settings.episodeGap().toMillis();
    }

    void failure(Attempt a) {
        long ms = a.time().toEpochMilli();
        String network = networks.networkOf(a.ip());
        PairWindow pair = null;
        long gap = -1;
        if (a.ip() != null && a.account() != null) {
            String pairKey = a.ip() + '|' + a.account();
            pair = store.pairWindows().getOrCreate(pairKey, k -> new PairWindow());
            gap = pair.failure(a.protocol(), ms);
            pair.failures += a.count();
            store.pairWindows().put(pairKey, pair);
        }
        if (a.ip() != null) {
            IpSummary ip = store.ips().getOrCreate(a.ip(), k -> new IpSummary(k, network));
            ip.failure(a, ms, minGapMs);
            if (pair != null) {
                ip.maxFailuresOneLogin = Math.max(ip.maxFailuresOneLogin, pair.failures);
            }
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
            SourceTally source = account.source(a.ip(), network, a.count(),
                    store.pairHistory().get(PairHistory.ipLogin(a.ip(), a.account())),
                    pair == null ? 0 : Math.max(0, pair.failures - a.count()), settings.maxOneOffSourcesPerAccount(),
                    settings.oneOffSourceFailures());
            if (source != null && pair != null && source.unitemized > 0 && source.firstFailureMs < 0) {
                // a source that fell off the login's list and came back: its first failure is the pair's
                source.firstFailureMs = pair.firstFailureMs;
                source.touch(pair.firstFailureMs);
            }
            if (source != null) {
                source.failure(a, ms, episodeGapMs);
                if (gap >= 0) {
                    source.gap(a.protocol(), gap / 1000, minGapMs / 1000);
                }
                source.burstGaps += a.count() - 1;
            }
        }
        store.accounts().put(a.account(), account);
    }

    /** {@link #success} found a failure (or a recent drop) on the address since its last success. */
    static final int IP_NEWS = 1;
    /** {@link #success} found a failure on the login since its last success. */
    static final int ACCOUNT_NEWS = 2;

    /**
     * Applies a success; returns which subjects it tells something new about ({@link #IP_NEWS},
     * {@link #ACCOUNT_NEWS}), judged from their state before it: a success matters to a verdict only
     * where a failure came since the previous one (a typo corrected, a password changed on another
     * device, a stale device fixed).
     *
     * @param recentMs how long after a drop a success still tells something about the address
     */
    int success(AuthSuccess s, long ms, long recentMs) {
        int news = 0;
        String network = networks.networkOf(s.ip());
        if (s.ip() != null) {
            IpSummary ip = store.ips().getOrCreate(s.ip(), k -> new IpSummary(k, network));
            if (ip.lastFailureMs > ip.lastSuccessMs
                    || ip.lastDropMs >= 0 && ms - ip.lastDropMs <= recentMs && ip.lastDropMs > ip.lastSuccessMs) {
                news |= IP_NEWS;
            }
            ip.success(s.account(), s.protocol(), ms);
            store.ips().put(s.ip(), ip);
            NetworkHistory net = store.networks().getOrCreate(network, k -> new NetworkHistory());
            net.success(s.account(), ms);
            store.networks().put(network, net);
        }
        if (s.account() == null) {
            return news;
        }
        AccountSummary account = store.accounts().getOrCreate(s.account(),
                k -> new AccountSummary(k, settings.maxSourcesPerAccount()));
        if (account.lastFailureMs > account.lastSuccessMs) {
            news |= ACCOUNT_NEWS;
        }
        SourceTally source = s.ip() == null ? null : account.find(s.ip());
        account.success(s.ip(), s.protocol(), ms, source);
        if (source == null && s.ip() != null) {
            source = account.source(s.ip(), network, 0,
                    store.pairHistory().get(PairHistory.ipLogin(s.ip(), s.account())), 0,
                    settings.maxOneOffSourcesPerAccount(), settings.oneOffSourceFailures());
        }
        if (source != null) {
            source.success(s.protocol(), s.port(), ms);
        }
        store.accounts().put(s.account(), account);
        if (s.ip() != null) {
            remember(PairHistory.ipLogin(s.ip(), s.account()), ms);
            remember(PairHistory.networkLogin(network, s.account()), ms);
            String domain = PairHistory.ipDomain(s.ip(), s.account());
            if (domain != null) {
                remember(domain, ms);
            }
        }
        return news;
    }

    private void remember(String key, long ms) {
        PairHistory h = store.pairHistory().getOrCreate(key, k -> new PairHistory());
        h.success(ms);
        store.pairHistory().put(key, h);
    }
}
