package dev.authaudit.correlate;

import java.util.HashMap;
import java.util.Map;

/**
 * The key strings the correlator's tables are looked up with, made once per address and per (address,
 * login) instead of on every event: an address's network, and the pair keys of {@link PairWindow} and
 * {@link PairHistory}. Each event's strings are fresh from the parser; the canonical ones handed out here
 * keep their hash codes, and a table that holds the same instance compares them by identity.
 *
 * <p>Only a cache of values that can be made again: bounded by dropping everything when full, which
 * changes no result.
 */
final class SubjectKeys {
    /** Pair keys of one address kept in a field and a plain array before a map is worth it. */
    private static final int SMALL = 8;
    /** Logins remembered per address; an address that tries more starts over. */
    private static final int MAX_PAIRS_PER_ADDRESS = 256;

    private final IpNetworks networks;
    private final int maxAddresses;
    /**
     * The addresses' keys: on a botnet's day every event brings a new address, whose keys a {@code HashMap} put in
     * a node of their own.
     */
    private final KeyedSlots<Address> addresses = new KeyedSlots<>(a -> a.ip, true);
    private final int maxLogins;
    /**
     * The logins: the parsing threads hand every event of a login the same string ({@code LoginInterner}), so a
     * held login is matched by identity. A botnet day looks a login up on each of its million lines: a
     * {@code HashMap}'s lookup was ~8% of the main thread's samples.
     */
    private final KeyedSlots<Login> logins = new KeyedSlots<>(l -> l.name);

    /**
     * A login, once per run however many addresses try it: its summary as last handed out by the login
     * table, with the table's {@link StateTable#generation} then, so a botnet's thousandth address trying it
     * finds the summary without a lookup in the table.
     */
    static final class Login {
        final String name;
        AccountSummary account;
        long accountGeneration = -1;
        /** The login's {@link DistinctCounter#hash}, made once rather than on every failure. */
        final long hash;

        Login(String name) {
            this.name = name;
            this.hash = DistinctCounter.hash(name);
        }
    }

    /**
     * An address, its network and the keys of the logins it used; also the address's and its network's
     * entries as last handed out by their tables, with the table's {@link StateTable#generation} then.
     */
    static final class Address {
        final String ip;
        final String network;
        /** The {@link DistinctCounter#hash} of the address and of its network (0 for none), made once. */
        final long ipHash;
        final long networkHash;
        IpSummary summary;
        long summaryGeneration = -1;
        NetworkHistory history;
        long historyGeneration = -1;
        /**
         * The keys of the first login tried from here, then of the next ones in {@link #small} (made on the
         * second: most of a botnet's addresses try one login), then all in {@link #many}.
         */
        private Pair first;
        private Pair[] small;
        private int smallCount;
        private Map<String, Pair> many;
        /** Whether these keys are held (see {@link #keep}); being dropped with all the others leaves it set. */
        private boolean held;

        Address(String ip, String network) {
            this(ip, network, DistinctCounter.hash(ip), network == null ? 0 : DistinctCounter.hash(network));
        }

        /** Keys whose {@link DistinctCounter#hash}es the caller worked out (see {@link IpNetworks#keysOf}). */
        Address(String ip, String network, long ipHash, long networkHash) {
            this.ip = ip;
            this.network = network;
            this.ipHash = ipHash;
            this.networkHash = networkHash;
        }
    }

    /**
     * The keys of one (address, login); also where its tally was last found in the login's source list, and
     * the pair's histories as last handed out by their table ({@link Histories}).
     */
    static final class Pair {
        final Address address;
        final String login;
        /** The login's own keys, shared by every address that tries it. */
        final Login keys;
        /** Where the pair's tally was last found in a login's source list (checked before use). */
        SourceTally source;
        int sourceSlot;
        AccountSummary sourceAccount;
        /** {@code ip|login}: the key of the pair's {@link PairHistory} (and {@link PairWindow} in the table). */
        private String ipLogin;
        /**
         * Made on first use: most pairs of a botnet never succeed nor are judged, and each is made for one of a
         * million addresses (a 72-byte pair with these fields in it, 48 without).
         */
        private Histories histories;

        Pair(Address address, Login login) {
            this.address = address;
            this.keys = login;
            this.login = login.name;
        }

        /** Returns the (address, login) key, made on first use: most pairs of a botnet never need one. */
        String ipLogin() {
            if (ipLogin == null) {
                ipLogin = PairHistory.ipLogin(address.ip, login);
            }
            return ipLogin;
        }

        /** Returns the pair's histories and their keys, made on first use. */
        Histories histories() {
            if (histories == null) {
                histories = new Histories();
            }
            return histories;
        }

        /** Returns the pair's histories if they were ever asked for, else null. */
        Histories historiesIfMade() {
            return histories;
        }

        /** Returns the (network, login) history key. */
        String networkLogin() {
            Histories h = histories();
            if (h.networkLogin == null) {
                h.networkLogin = PairHistory.networkLogin(address.network, login);
            }
            return h.networkLogin;
        }

        /** Returns the (address, domain) history key, or null when the login has no domain. */
        String ipDomain() {
            Histories h = histories();
            if (!h.domainMade) {
                h.ipDomain = PairHistory.ipDomain(address.ip, login);
                h.domainMade = true;
            }
            return h.ipDomain;
        }
    }

    /**
     * The (address, login), (network, login) and (address, domain) success histories of a pair as last handed
     * out by their table, with the table's {@link StateTable#generation} then; and the keys of the latter two.
     */
    static final class Histories {
        PairHistory ipLoginHistory;
        PairHistory networkLoginHistory;
        PairHistory ipDomainHistory;
        long historyGeneration = -1;
        private String networkLogin;
        private String ipDomain;
        private boolean domainMade;
    }

    SubjectKeys(IpNetworks networks, int maxAddresses, int maxLogins) {
        this.networks = networks;
        this.maxAddresses = Math.max(1, maxAddresses);
        this.maxLogins = Math.max(1, maxLogins);
    }

    /** Returns the login's keys, made on first use; when {@code maxLogins} are held, they are dropped first. */
    Login login(String name) {
        Login l = logins.get(name);
        if (l == null) {
            if (logins.size() >= maxLogins) {
                logins.clear();
            }
            l = new Login(name);
            logins.add(l);
        }
        return l;
    }

    /** Returns how many logins' keys are held. */
    int logins() {
        return logins.size();
    }

    /**
     * Returns the address's keys, or null for a null address: those held, else new ones, held only once
     * {@link #keep} is called with them.
     */
    Address address(String ip) {
        if (ip == null) {
            return null;
        }
        Address a = addresses.get(ip);
        if (a != null) {
            return a;
        }
        String network = networks.keysOf(ip);
        return new Address(ip, network, networks.ipHash(), networks.networkHash());
    }

    /**
     * Holds keys {@link #address} made, so the address's next lookup finds them (when {@code maxAddresses} are
     * held, they are dropped first); keys held already stay as they are. The caller holds the keys of an address
     * seen before: a botnet's million addresses, each seen once, then cost no insert, and their keys die young
     * instead of being copied by the collector while up to {@code maxAddresses} of them wait here.
     */
    void keep(Address a) {
        if (a.held) {
            return;
        }
        if (addresses.size() >= maxAddresses) {
            addresses.clear();
        }
        addresses.add(a);
        a.held = true;
    }

    /** Returns the keys of (address, login); neither may be null. */
    Pair pair(Address a, String login) {
        if (a.many != null) {
            Pair p = a.many.get(login);
            if (p == null) {
                if (a.many.size() >= MAX_PAIRS_PER_ADDRESS) {
                    a.many.clear();
                }
                p = new Pair(a, login(login));
                a.many.put(login, p);
            }
            return p;
        }
        Pair f = a.first;
        if (f == null) {
            Pair p = new Pair(a, login(login));
            a.first = p;
            return p;
        }
        int h = login.hashCode();
        if (f.login == login || f.login.hashCode() == h && f.login.equals(login)) {
            return f;
        }
        for (int i = 0; i < a.smallCount; i++) {
            Pair p = a.small[i];
            if (p.login.hashCode() == h && p.login.equals(login)) {
                return p;
            }
        }
        Pair p = new Pair(a, login(login));
        if (a.smallCount < SMALL - 1) {
            if (a.small == null) {
                a.small = new Pair[2];
            } else if (a.smallCount == a.small.length) {
                a.small = java.util.Arrays.copyOf(a.small, SMALL - 1);
            }
            a.small[a.smallCount++] = p;
        } else {
            a.many = new HashMap<>();
            a.many.put(f.login, f);
            for (int i = 0; i < a.smallCount; i++) {
                a.many.put(a.small[i].login, a.small[i]);
            }
            a.first = null;
            a.small = null;
            a.smallCount = 0;
            a.many.put(login, p);
        }
        return p;
    }
}
