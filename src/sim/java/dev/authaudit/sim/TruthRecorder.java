package dev.authaudit.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects the ground truth while the simulation runs: what every failure, success, kernel hit and
 * block really was, per account and per address. Labels are derived from what was actually logged,
 * so a planned stale device that never got to fail is not called stale.
 */
final class TruthRecorder {
    /**
     * Logged failures a stale device needs before the logs can tell it from a typo: one or two failures
     * from the customer's own address followed by nothing look exactly like a mistyped password that was
     * given up. From three on, a repeated password fingerprint or retries spread beyond a person's
     * retyping can show a client with an old password.
     */
    static final int STALE_KNOWABLE_FAILURES = 3;

    /** Everything known about one login. */
    static final class AccountTruth {
        final String login;
        boolean exists;
        final Map<HitKind, Integer> failures = new EnumMap<>(HitKind.class);
        int successes;
        long firstFailure = Long.MAX_VALUE;
        long passwordChangedAt = Long.MIN_VALUE;
        long staleFirstFailure = Long.MAX_VALUE;
        long staleFixedAt = Long.MIN_VALUE;
        String staleDevice;
        String staleMode;
        final TreeSet<String> staleIps = new TreeSet<>();
        final TreeSet<String> staleProtocols = new TreeSet<>();
        long firstCustomerBlock = Long.MAX_VALUE;
        final TreeSet<String> closedPortDevices = new TreeSet<>();

        AccountTruth(String login) {
            this.login = login;
        }

        int failures(HitKind k) {
            return failures.getOrDefault(k, 0);
        }

        int totalFailures() {
            int n = 0;
            for (int v : failures.values()) {
                n += v;
            }
            return n;
        }

        /**
         * Returns the report-v1 account verdict, as far as the logs can tell it. A stale device that
         * logged fewer than {@link #STALE_KNOWABLE_FAILURES} failures before it was fixed, or before its
         * address was blocked for good, left nothing that tells it from a typo given up: its login is
         * labelled by its other failures, or {@code ok} when there are none.
         */
        String verdict() {
            if (totalFailures() == 0) {
                return "ok";
            }
            if (!exists) {
                return "unknown_user";
            }
            if (staleKnowable()) {
                return "stale_password";
            }
            if (failures(HitKind.TYPO) > 0) {
                return "mistyped";
            }
            int attacks = totalFailures() - failures(HitKind.STALE);
            return attacks > 0 ? "targeted" : "ok";
        }

        /** Returns true when the stale device logged enough failures for the logs to show it. */
        boolean staleKnowable() {
            return failures(HitKind.STALE) >= STALE_KNOWABLE_FAILURES;
        }
    }

    /** Everything known about one address. */
    static final class IpTruth {
        final String ip;
        final TreeSet<String> roles = new TreeSet<>();
        final Map<HitKind, Integer> kinds = new EnumMap<>(HitKind.class);
        final TreeSet<String> accounts = new TreeSet<>();
        int failures;
        int successes;
        int kernelHits;
        int blocks;
        int dropped;

        IpTruth(String ip) {
            this.ip = ip;
        }

        /** Returns the report-v1 ip verdict. */
        String verdict() {
            for (HitKind k : kinds.keySet()) {
                if (k.customer()) {
                    return "customer";
                }
            }
            if (roles.contains("home_nat") || roles.contains("office_nat") || roles.contains("mobile")) {
                return "customer";
            }
            for (HitKind k : kinds.keySet()) {
                if (k.ipVerdict().equals("attacker")) {
                    return "attacker";
                }
            }
            if (kinds.containsKey(HitKind.SCANNER)) {
                return "scanner";
            }
            return "unknown";
        }
    }

    private final Map<String, AccountTruth> accounts = new TreeMap<>();
    private final Map<String, IpTruth> ips = new TreeMap<>();
    private final List<BlockRecord> blocks = new ArrayList<>();

    /** Registers a mailbox that exists on the host. */
    void mailbox(String login) {
        account(login).exists = true;
    }

    /** Notes the role an address plays ({@code home_nat}, {@code office_nat}, {@code mobile}, {@code brute_force}, ...). */
    void role(String ip, String role) {
        ip(ip).roles.add(role);
    }

    /** Records one logged failed attempt. */
    void failure(long t, String ip, String login, HitKind kind, String protocol) {
        AccountTruth a = account(login);
        a.failures.merge(kind, 1, Integer::sum);
        a.firstFailure = Math.min(a.firstFailure, t);
        if (kind == HitKind.STALE) {
            a.staleFirstFailure = Math.min(a.staleFirstFailure, t);
            a.staleIps.add(ip);
            a.staleProtocols.add(protocol);
        }
        IpTruth i = ip(ip);
        i.failures++;
        i.kinds.merge(kind, 1, Integer::sum);
        i.accounts.add(login);
    }

    /** Records one logged successful login or submission. */
    void success(String ip, String login) {
        account(login).successes++;
        IpTruth i = ip(ip);
        i.successes++;
        i.kinds.merge(HitKind.CUSTOMER, 1, Integer::sum);
        i.accounts.add(login);
    }

    /** Records one logged kernel firewall line. */
    void kernelHit(String ip, HitKind kind, String account) {
        IpTruth i = ip(ip);
        i.kernelHits++;
        i.kinds.merge(kind, 1, Integer::sum);
        if (account != null) {
            i.accounts.add(account);
        }
    }

    /** Records an attempt the firewall dropped silently because the address was blocked. */
    void dropped(String ip) {
        ip(ip).dropped++;
    }

    /** Records a password change that leaves one device with the old password. */
    void staleStarted(String login, String deviceId, String mode, long changedAt) {
        AccountTruth a = account(login);
        a.passwordChangedAt = changedAt;
        a.staleDevice = deviceId;
        a.staleMode = mode;
    }

    /** Records the moment the customer fixed the stale device. */
    void staleFixed(String login, long t) {
        account(login).staleFixedAt = t;
    }

    /** Records a customer device configured for a closed port. */
    void closedPort(String login, String deviceId) {
        account(login).closedPortDevices.add(deviceId);
    }

    /** Records a block lfd made. */
    void block(BlockRecord b) {
        blocks.add(b);
        ip(b.ip()).blocks++;
        if (b.account() != null) {
            AccountTruth a = account(b.account());
            a.firstCustomerBlock = Math.min(a.firstCustomerBlock, b.at());
        }
    }

    Map<String, AccountTruth> accounts() {
        return accounts;
    }

    Map<String, IpTruth> ips() {
        return ips;
    }

    List<BlockRecord> blocks() {
        return blocks;
    }

    private AccountTruth account(String login) {
        return accounts.computeIfAbsent(login, AccountTruth::new);
    }

    private IpTruth ip(String ip) {
        return ips.computeIfAbsent(ip, IpTruth::new);
    }
}
