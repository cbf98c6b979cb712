package dev.authaudit.correlate;

import dev.authaudit.event.AuthSuccess;

/** Applies counted failures and successes to the login, address, network and window tables. */
final class AuthTally {
    /** Addresses whose key strings are kept at a time (see {@link SubjectKeys}). */
    private static final int MAX_KEYED_ADDRESSES = 32_768;
    /** Logins whose keys are kept at a time. */
    private static final int MAX_KEYED_LOGINS = 65_536;
    private final CorrelationStore store;
    private final CorrelationSettings settings;
    private final SubjectKeys keys;
    private final long minGapMs;
    private final long episodeGapMs;
    /** The time of the correlator's current call, which the windows expire by (the store's tables too). */
    private final CallTime time;
    private final long idleMs;
    /**
     * Makes an address's summary with the network of the address being looked up ({@link #creatingNetwork}):
     * one function for the run rather than a lambda capturing the address on each of a botnet's million lookups.
     */
    private String creatingNetwork;
    /** Set when {@link #newSummary} made a summary: the address was new to the table. */
    private boolean summaryCreated;
    private final java.util.function.Function<String, IpSummary> newSummary = k -> {
        summaryCreated = true;
        return new IpSummary(k, creatingNetwork);
    };

    AuthTally(CorrelationStore store, CorrelationSettings settings, IpNetworks networks, CallTime time) {
        this.store = store;
        this.time = time;
        this.idleMs = settings.windowIdle().toMillis();
        this.settings = settings;
        this.keys = new SubjectKeys(networks, Math.min(settings.maxIps(), MAX_KEYED_ADDRESSES),
                Math.min(settings.maxAccounts(), MAX_KEYED_LOGINS));
        this.minGapMs = settings.rhythmMinGap().toMillis();
        this.episodeGapMs = settings.episodeGap().toMillis();
    }

    /**
     * A tally over a fork's store that shares this one's {@link SubjectKeys} (a login's sources are found by
     * their keys): the fork's tables vouch for no entry, so it never trusts a key's handle, and a handle it
     * clears the live tally only looks up again.
     */
    private AuthTally(AuthTally live, CorrelationStore forkStore) {
        this.store = forkStore;
        this.time = live.time;
        this.idleMs = live.idleMs;
        this.settings = live.settings;
        this.keys = live.keys;
        this.minGapMs = live.minGapMs;
        this.episodeGapMs = live.episodeGapMs;
    }

    /** Returns a tally over a fork's store (see the constructor). */
    AuthTally fork(CorrelationStore forkStore) {
        return new AuthTally(this, forkStore);
    }

    /**
     * Applies a counted failure; returns the login's summary when the login table vouches that it still
     * holds it (see {@link StateTable#generation}), so the caller can judge it without looking it up again,
     * else null.
     */
    AccountSummary failure(Attempt a) {
        long ms = a.time().toEpochMilli();
        SubjectKeys.Address address = keys.address(a.ip());
        String network = address == null ? null : address.network;
        SubjectKeys.Pair pairKeys = address == null || a.account() == null ? null : keys.pair(address, a.account());
        // the pair window's failures and first failure after this one, and the gap since its previous failure
        long pairFailures = 0;
        long pairFirstFailureMs = -1;
        long gap = -1;
        if (address != null) {
            // one lookup of the address: its summary holds its window and its first logins' pair windows
            IpSummary ip = ipSummary(address);
            long now = time.millis();
            // the login's one string (the pair's), not the event's copy: the summary and its windows outlive the event
            String login = pairKeys != null ? pairKeys.login : a.account();
            long loginHash = pairKeys != null ? pairKeys.keys.hash : login == null ? 0 : DistinctCounter.hash(login);
            if (ms >= 0 && ip.blank()) {
                // most of a botnet's addresses: the windows this failure makes stay implicit in the summary
                ip.firstFailure(a, ms, now, settings.recentEventsPerIp(), login, loginHash);
                pairFailures = a.count();
                pairFirstFailureMs = ms;
            } else {
                PairWindow pair = null;
                if (pairKeys != null) {
                    pair = pairWindow(ip, pairKeys, now);
                    gap = pair.failure(a.protocol(), ms);
                    pair.failures += a.count();
                    pairFailures = pair.failures;
                    pairFirstFailureMs = pair.firstFailureMs;
                }
                ip.failure(a, ms, minGapMs, login, loginHash);
                if (pair != null) {
                    ip.maxFailuresOneLogin = Math.max(ip.maxFailuresOneLogin, pair.failures);
                }
                ip.window(now, idleMs, settings.recentEventsPerIp(), true)
                        .addFailure(ms, login, a.protocol(), a.count(), a.passwordFp());
            }
            if (address.summaryGeneration < 0) {
                store.ips().put(address.ip, ip);
            }
        }
        if (a.account() == null) {
            return null;
        }
        AccountSummary account = pairKeys != null ? accountSummary(pairKeys) : store.accounts().getOrCreate(
                a.account(), k -> new AccountSummary(k, settings.maxSourcesPerAccount()));
        if (address != null) {
            account.failure(a, ms, network, address.ipHash, address.networkHash);
        } else {
            account.failure(a, ms, network);
        }
        if (pairKeys != null) {
            sourceFailure(account, a, ms, pairKeys, pairFailures, pairFirstFailureMs, gap);
        }
        if (pairKeys == null || pairKeys.keys.accountGeneration < 0) {
            store.accounts().put(a.account(), account);
            return null;
        }
        return pairKeys.keys.accountGeneration == store.accounts().generation() ? account : null;
    }

    /**
     * Returns the live window of the pair, created when absent: in the address's summary while it has room,
     * else in the store's pair window table, both expiring after the idle window.
     */
    private PairWindow pairWindow(IpSummary ip, SubjectKeys.Pair pairKeys, long now) {
        PairWindow pair = ip.pairWindow(pairKeys.login, now, idleMs, false);
        if (pair != null) {
            return pair;
        }
        StateTable<String, PairWindow> table = store.pairWindows();
        if (ip.pairsOverflowed) {
            pair = table.get(pairKeys.ipLogin());
        }
        if (pair == null) {
            pair = ip.pairWindow(pairKeys.login, now, idleMs, true);
            if (pair != null) {
                return pair;
            }
            String login = pairKeys.login;
            pair = table.getOrCreate(pairKeys.ipLogin(), k -> new PairWindow(login));
            ip.pairsOverflowed = true;
        }
        table.put(pairKeys.ipLogin(), pair);
        return pair;
    }

    /**
     * Returns the address's summary, created when absent; from its handle while the table vouches for it. The
     * address's keys are held from its second sighting on.
     */
    private IpSummary ipSummary(SubjectKeys.Address address) {
        return ipSummary(address, false);
    }

    /**
     * As {@link #ipSummary(SubjectKeys.Address)}; with {@code keepNew} the keys of an address new to the table
     * are held too (a success's: an address that got in is seldom seen once, and keys made again on its next
     * event would look its summary, network and pair histories up in their tables once more).
     */
    private IpSummary ipSummary(SubjectKeys.Address address, boolean keepNew) {
        StateTable<String, IpSummary> table = store.ips();
        long generation = table.generation();
        if (generation >= 0 && address.summaryGeneration == generation) {
            return address.summary;
        }
        creatingNetwork = address.network;
        summaryCreated = false;
        IpSummary s = table.getOrCreate(address.ip, newSummary);
        if (!summaryCreated || keepNew) {
            // seen before (or a success's): its keys are worth holding (see SubjectKeys#keep)
            keys.keep(address);
        }
        // the handle is kept only with the table's promise: without it, it would never be read, and would keep
        // an evicted summary (with its windows and counters) alive as long as the address's keys
        address.summaryGeneration = table.generation();
        address.summary = address.summaryGeneration >= 0 ? s : null;
        return s;
    }

    /** Returns the login's summary, created when absent; from the pair's handle while the table vouches for it. */
    private AccountSummary accountSummary(SubjectKeys.Pair pair) {
        StateTable<String, AccountSummary> table = store.accounts();
        long generation = table.generation();
        SubjectKeys.Login login = pair.keys;
        if (generation >= 0 && login.accountGeneration == generation) {
            return login.account;
        }
        AccountSummary a = table.getOrCreate(pair.login, k -> new AccountSummary(k, settings.maxSourcesPerAccount()));
        login.accountGeneration = table.generation();
        login.account = login.accountGeneration >= 0 ? a : null;
        return a;
    }

    /** Returns the network's success history, created when absent; from the address's handle when vouched for. */
    private NetworkHistory networkHistory(SubjectKeys.Address address) {
        StateTable<String, NetworkHistory> table = store.networks();
        long generation = table.generation();
        if (generation >= 0 && address.historyGeneration == generation) {
            return address.history;
        }
        NetworkHistory h = table.getOrCreate(address.network, k -> new NetworkHistory());
        address.historyGeneration = table.generation();
        address.history = address.historyGeneration >= 0 ? h : null;
        return h;
    }

    /** Returns the pair's (address, login) success history, or null; from its handle when vouched for. */
    private PairHistory ipLoginHistory(SubjectKeys.Pair pair) {
        long generation = store.pairHistory().generation();
        SubjectKeys.Histories h = pair.historiesIfMade();
        if (generation >= 0 && h != null && h.historyGeneration == generation && h.ipLoginHistory != null) {
            return h.ipLoginHistory;
        }
        StateTable<String, PairHistory> table = store.pairHistory();
        // nothing succeeded yet (a botnet's day): no history to find, and no key to make for it
        return table.size() == 0 ? null : table.get(pair.ipLogin());
    }

    /**
     * @param pairFailures the failures of the pair's window, this one's attempts included
     * @param pairFirstFailureMs the first of them
     */
    private void sourceFailure(AccountSummary account, Attempt a, long ms, SubjectKeys.Pair pairKeys, long pairFailures,
                               long pairFirstFailureMs, long gap) {
        SourceTally source = account.source(pairKeys, a.count(), ipLoginHistory(pairKeys),
                Math.max(0, pairFailures - a.count()), settings.maxOneOffSourcesPerAccount(),
                settings.oneOffSourceFailures());
        if (source == null) {
            return;
        }
        account.sourcesChanged = true;
        if (source.unitemized > 0 && source.firstFailureMs < 0) {
            // a source that fell off the login's list and came back: its first failure is the pair's
            source.firstFailureMs = pairFirstFailureMs;
            source.touch(pairFirstFailureMs);
            if (source.successesBeforeFailures > 0 && source.lastSuccessMs >= pairFirstFailureMs) {
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
        // the pair's keys first: the address's summary and its network's history count the login by its keys'
        // one string and hash
        SubjectKeys.Pair pairKeys = address == null || s.account() == null ? null : keys.pair(address, s.account());
        if (address != null) {
            news |= ipSuccess(address, s, ms, recentMs, pairKeys);
        }
        if (s.account() == null) {
            return news;
        }
        AccountSummary account = pairKeys != null ? accountSummary(pairKeys) : store.accounts().getOrCreate(
                s.account(), k -> new AccountSummary(k, settings.maxSourcesPerAccount()));
        if (account.lastFailureMs > account.lastSuccessMs) {
            news |= ACCOUNT_NEWS;
        }
        SourceTally source = pairKeys == null ? null : account.find(pairKeys);
        account.success(s.ip(), s.protocol(), ms, source);
        if (source == null && pairKeys != null) {
            source = account.source(pairKeys, 0, ipLoginHistory(pairKeys), 0,
                    settings.maxOneOffSourcesPerAccount(), settings.oneOffSourceFailures());
        }
        if (source != null) {
            source.success(s.protocol(), s.port(), ms);
            // its new weight marked now, while the tally is in the cache, rather than at the login's next lookup
            account.settle();
        }
        if (pairKeys == null || pairKeys.keys.accountGeneration < 0) {
            store.accounts().put(s.account(), account);
        }
        if (pairKeys != null) {
            rememberPair(pairKeys, ms);
        }
        return news;
    }

    private int ipSuccess(SubjectKeys.Address address, AuthSuccess s, long ms, long recentMs, SubjectKeys.Pair pair) {
        int news = 0;
        IpSummary ip = ipSummary(address, true);
        if (ip.lastFailureMs > ip.lastSuccessMs()
                || ip.lastDropMs() >= 0 && ms - ip.lastDropMs() <= recentMs && ip.lastDropMs() > ip.lastSuccessMs()) {
            news |= IP_NEWS;
        }
        String login = pair != null ? pair.login : s.account();
        if (pair != null) {
            ip.success(login, pair.keys.hash, s.protocol(), ms);
        } else {
            ip.success(login, s.protocol(), ms);
        }
        if (address.summaryGeneration < 0) {
            store.ips().put(address.ip, ip);
        }
        NetworkHistory net = networkHistory(address);
        net.success(login, ms);
        if (address.historyGeneration < 0) {
            store.networks().put(address.network, net);
        }
        return news;
    }

    /** Records a success of the pair in its (address, login), (network, login) and (address, domain) histories. */
    private void rememberPair(SubjectKeys.Pair pair, long ms) {
        long generation = store.pairHistory().generation();
        SubjectKeys.Histories h = pair.histories();
        if (generation >= 0 && h.historyGeneration == generation) {
            h.ipLoginHistory.success(ms);
            h.networkLoginHistory.success(ms);
            if (h.ipDomainHistory != null) {
                h.ipDomainHistory.success(ms);
            }
            return;
        }
        h.ipLoginHistory = remember(pair.ipLogin(), ms);
        h.networkLoginHistory = remember(pair.networkLogin(), ms);
        String domain = pair.ipDomain();
        h.ipDomainHistory = domain == null ? null : remember(domain, ms);
        h.historyGeneration = store.pairHistory().generation();
    }

    private PairHistory remember(String key, long ms) {
        PairHistory h = store.pairHistory().getOrCreate(key, k -> new PairHistory());
        h.success(ms);
        store.pairHistory().put(key, h);
        return h;
    }
}
