package dev.authaudit.correlate;

import dev.authaudit.event.AuthSuccess;

/** Applies counted failures and successes to the login, address, network and window tables. */
final class AuthTally {
    /** Addresses whose key strings are kept at a time (see {@link SubjectKeys}). */
    private static final int MAX_KEYED_ADDRESSES = 32_768;
    private final CorrelationStore store;
    private final CorrelationSettings settings;
    private final SubjectKeys keys;
    private final long minGapMs;
    private final long episodeGapMs;

    AuthTally(CorrelationStore store, CorrelationSettings settings, IpNetworks networks) {
        this.store = store;
        this.settings = settings;
        this.keys = new SubjectKeys(networks, Math.min(settings.maxIps(), MAX_KEYED_ADDRESSES));
        this.minGapMs = settings.rhythmMinGap().toMillis();
        this.episodeGapMs = settings.episodeGap().toMillis();
    }

    void failure(Attempt a) {
        long ms = a.time().toEpochMilli();
        SubjectKeys.Address address = keys.address(a.ip());
        String ipKey = address == null ? null : address.ip;
        String network = address == null ? null : address.network;
        SubjectKeys.Pair pairKeys = address == null || a.account() == null ? null : keys.pair(address, a.account());
        PairWindow pair = null;
        long gap = -1;
        if (pairKeys != null) {
            pair = store.pairWindows().getOrCreate(pairKeys.ipLogin, k -> new PairWindow());
            gap = pair.failure(a.protocol(), ms);
            pair.failures += a.count();
            store.pairWindows().put(pairKeys.ipLogin, pair);
        }
        if (ipKey != null) {
            IpSummary ip = store.ips().getOrCreate(ipKey, k -> new IpSummary(k, network));
            ip.failure(a, ms, minGapMs);
            if (pair != null) {
                ip.maxFailuresOneLogin = Math.max(ip.maxFailuresOneLogin, pair.failures);
            }
            store.ips().put(ipKey, ip);
            IpWindow window = store.ipWindows().getOrCreate(ipKey, k -> new IpWindow(settings.recentEventsPerIp()));
            window.addFailure(new RecentFailure(ms, a.account(), a.protocol(), a.port(), a.count(), a.passwordFp()));
            store.ipWindows().put(ipKey, window);
        }
        if (a.account() == null) {
            return;
        }
        AccountSummary account = store.accounts().getOrCreate(a.account(),
                k -> new AccountSummary(k, settings.maxSourcesPerAccount()));
        account.failure(a, ms, network);
        if (pairKeys != null) {
            sourceFailure(account, a, ms, pairKeys, pair, gap);
        }
        store.accounts().put(a.account(), account);
    }

    private void sourceFailure(AccountSummary account, Attempt a, long ms, SubjectKeys.Pair pairKeys, PairWindow pair,
                               long gap) {
        SourceTally source = account.source(pairKeys, a.count(), store.pairHistory().get(pairKeys.ipLogin),
                Math.max(0, pair.failures - a.count()), settings.maxOneOffSourcesPerAccount(),
                settings.oneOffSourceFailures());
        if (source == null) {
            return;
        }
        if (source.unitemized > 0 && source.firstFailureMs < 0) {
            // a source that fell off the login's list and came back: its first failure is the pair's
            source.firstFailureMs = pair.firstFailureMs;
            source.touch(pair.firstFailureMs);
            if (source.successesBeforeFailures > 0 && source.lastSuccessMs >= pair.firstFailureMs) {
                // its successes may have come between those failures: none is known to precede them
                source.successesAfterFailures += source.successesBeforeFailures;
                source.successesBeforeFailures = 0;
            }
        }
        source.failure(a, ms, episodeGapMs);
        account.unconfirmed = true;
        if (gap >= 0) {
            source.gap(a.protocol(), gap / 1000, minGapMs / 1000);
        }
        source.burstGaps += a.count() - 1;
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
        SubjectKeys.Address address = keys.address(s.ip());
        if (address != null) {
            news |= ipSuccess(address, s, ms, recentMs);
        }
        if (s.account() == null) {
            return news;
        }
        AccountSummary account = store.accounts().getOrCreate(s.account(),
                k -> new AccountSummary(k, settings.maxSourcesPerAccount()));
        if (account.lastFailureMs > account.lastSuccessMs) {
            news |= ACCOUNT_NEWS;
        }
        SubjectKeys.Pair pairKeys = address == null ? null : keys.pair(address, s.account());
        SourceTally source = address == null ? null : account.find(address.ip);
        account.success(s.ip(), s.protocol(), ms, source);
        if (source == null && pairKeys != null) {
            source = account.source(pairKeys, 0, store.pairHistory().get(pairKeys.ipLogin), 0,
                    settings.maxOneOffSourcesPerAccount(), settings.oneOffSourceFailures());
        }
        if (source != null) {
            source.success(s.protocol(), s.port(), ms);
        }
        store.accounts().put(s.account(), account);
        if (pairKeys != null) {
            remember(pairKeys.ipLogin, ms);
            remember(pairKeys.networkLogin(), ms);
            String domain = pairKeys.ipDomain();
            if (domain != null) {
                remember(domain, ms);
            }
        }
        return news;
    }

    private int ipSuccess(SubjectKeys.Address address, AuthSuccess s, long ms, long recentMs) {
        int news = 0;
        IpSummary ip = store.ips().getOrCreate(address.ip, k -> new IpSummary(k, address.network));
        if (ip.lastFailureMs > ip.lastSuccessMs
                || ip.lastDropMs >= 0 && ms - ip.lastDropMs <= recentMs && ip.lastDropMs > ip.lastSuccessMs) {
            news |= IP_NEWS;
        }
        ip.success(s.account(), s.protocol(), ms);
        store.ips().put(address.ip, ip);
        NetworkHistory net = store.networks().getOrCreate(address.network, k -> new NetworkHistory());
        net.success(s.account(), ms);
        store.networks().put(address.network, net);
        return news;
    }

    private void remember(String key, long ms) {
        PairHistory h = store.pairHistory().getOrCreate(key, k -> new PairHistory());
        h.success(ms);
        store.pairHistory().put(key, h);
    }
}
