package dev.authaudit.classify;

import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.BlockEvidence;
import dev.authaudit.correlate.CorrelationListener;
import dev.authaudit.correlate.IpEvidence;
import dev.authaudit.correlate.RecencyMap;
import dev.authaudit.correlate.SourceEvidence;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Classifies evidence as it changes, remembers when each login first reached each verdict (the report's
 * {@code detected_at}) and tells an observer whenever a verdict changes. Memory is bounded per subject.
 */
final class VerdictTracker implements CorrelationListener {
    /** How much surer a verdict must become before observers hear it again. */
    private static final double CONFIDENCE_STEP = 0.1;

    /** Hears verdicts as they change; null when nobody does (a scan without notices). */
    private final Consumer<Observation> observer;
    /** Each login's detections, the least recently used dropped first; held in the correlator's slots too. */
    private final RecencyMap<String, Detection> accounts;
    private final Map<String, IpVerdict> ips;
    private final Map<String, Set<String>> customerOf;
    private final Map<String, Set<String>> attackerOf;
    private final Map<String, AccountAssessment> latest;
    private final Map<String, IpAssessment> latestIps;
    private final int maxSubjects;
    private Classifiers classifiers;
    private int oneOffMax;

    /** When a login first reached each verdict, and its current one. */
    private static final class Detection extends RecencyMap.Entry {
        AccountVerdict current = AccountVerdict.OK;
        double told;
        final EnumMap<AccountVerdict, Instant> first = new EnumMap<>(AccountVerdict.class);
        final EnumMap<AccountVerdict, String> device = new EnumMap<>(AccountVerdict.class);
        /** Devices the current verdict was already told about (a few; a flip-flop between two is told once). */
        final java.util.LinkedHashSet<String> toldDevices = new java.util.LinkedHashSet<>(2);
        /** When each device was first the current verdict's device (a few). */
        final Map<String, Instant> deviceFirst = new java.util.LinkedHashMap<>(2);

        Detection copy() {
            Detection c = new Detection();
            c.current = current;
            c.told = told;
            c.first.putAll(first);
            c.device.putAll(device);
            c.toldDevices.addAll(toldDevices);
            c.deviceFirst.putAll(deviceFirst);
            return c;
        }
    }

    VerdictTracker(Consumer<Observation> observer, int maxSubjects) {
        this.observer = observer;
        this.maxSubjects = maxSubjects;
        this.accounts = new RecencyMap<>(maxSubjects);
        this.ips = new BoundedMap<>(maxSubjects);
        this.customerOf = new BoundedMap<>(maxSubjects);
        this.attackerOf = new BoundedMap<>(maxSubjects);
        this.latest = new BoundedMap<>(Math.min(maxSubjects, 10_000));
        this.latestIps = new BoundedMap<>(Math.min(maxSubjects, 10_000));
    }

    /**
     * Returns a tracker in this one's state that changes on its own and tells {@code observer} (null for none:
     * only for a tracker that had none, as it keeps less): a fork's, for one judgement.
     */
    VerdictTracker copy(Consumer<Observation> observer) {
        if ((observer == null) != (this.observer == null)) {
            throw new IllegalArgumentException("a copy keeps what this tracker keeps: an observer for an observer");
        }
        VerdictTracker c = new VerdictTracker(observer, maxSubjects);
        accounts.forEach((k, d) -> c.accounts.put(k, d.copy()));
        c.ips.putAll(ips);
        customerOf.forEach((k, v) -> c.customerOf.put(k, new HashSet<>(v)));
        attackerOf.forEach((k, v) -> c.attackerOf.put(k, new HashSet<>(v)));
        c.latest.putAll(latest);
        c.latestIps.putAll(latestIps);
        c.classifiers = classifiers;
        c.oneOffMax = oneOffMax;
        return c;
    }

    void classifiers(Classifiers classifiers, int oneOffMaxFailures) {
        this.classifiers = classifiers;
        this.oneOffMax = oneOffMaxFailures;
    }

    /** Returns when the login first reached the verdict, or null when it never did while streaming. */
    Instant firstReached(String login, AccountVerdict verdict) {
        Detection d = accounts.get(login);
        return d == null ? null : d.first.get(verdict);
    }

    /**
     * Returns when each device was first the device of the login's verdict, while {@code verdict} is the
     * current one; empty otherwise.
     */
    Map<String, Instant> deviceTimes(String login, AccountVerdict verdict) {
        Detection d = accounts.get(login);
        return d == null || d.current != verdict ? Map.of() : Map.copyOf(d.deviceFirst);
    }

    /** Returns the device the verdict was about when first reached, or null. */
    String firstDevice(String login, AccountVerdict verdict) {
        Detection d = accounts.get(login);
        return d == null ? null : d.device.get(verdict);
    }

    /**
     * Without an observer only what the final report reads is kept (when each login first reached each
     * verdict, and on which device): address and block verdicts reached on the way would go nowhere.
     */
    @Override
    public boolean wantsAddresses() {
        return observer != null;
    }

    /**
     * Without an observer, a judgement that reaches the login's current verdict again about no device
     * changes nothing here (its first time and device are kept already), so the verdict standing is enough.
     * With one, the confidence and the reasons matter too: the whole evidence is asked for.
     */
    @Override
    public boolean keepsAccount(String login, long failures, long unknownUsers, long successes, Instant at) {
        return keepsAccount(login, null, failures, unknownUsers, successes, at);
    }

    /**
     * As the other, reading the login's detections from the slot while they are still this tracker's (a slot's
     * detections are its login's: only they are put there), and leaving them there.
     */
    @Override
    public boolean keepsAccount(String login, AccountSlot slot, long failures, long unknownUsers, long successes,
                                Instant at) {
        Detection d = detection(login, slot);
        return d != null && classifiers.accounts().keeps(d.current, failures, unknownUsers, successes);
    }

    /**
     * As the others, for a login that took on sources ({@code added}) since it was judged: the verdict stands
     * when the classifier finds that they cannot end it ({@link AccountClassifier#keeps(AccountVerdict, String,
     * Supplier, long, long, long)}); targeted logins have no device, so nothing else kept here would change.
     */
    @Override
    public boolean keepsAccount(String login, AccountSlot slot, Supplier<List<SourceEvidence>> added, long failures,
                                long unknownUsers, long successes, Instant at) {
        Detection d = detection(login, slot);
        return d != null && classifiers.accounts().keeps(d.current, login, added, failures, unknownUsers, successes);
    }

    /**
     * Returns the login's detections for a question whose answer may be "the verdict stands", read from the slot
     * while they are still this tracker's (a slot's detections are its login's: only they are put there), and
     * left there; null when it has none or keeps an observer (which hears confidence and reasons as well).
     */
    private Detection detection(String login, AccountSlot slot) {
        if (observer != null) {
            return null;
        }
        Detection d = slot != null && slot.get() instanceof Detection held && accounts.touch(held) ? held
                : accounts.get(login);
        if (d != null && slot != null) {
            slot.set(d);
        }
        return d;
    }

    @Override
    public void onAccount(AccountEvidence evidence, Instant at) {
        AccountAssessment a = classifiers.accounts().classify(evidence);
        Detection d = accounts.get(evidence.account());
        if (d == null) {
            d = new Detection();
            accounts.put(evidence.account(), d);
        }
        if (d.first.putIfAbsent(a.verdict(), at) == null && a.device() != null) {
            d.device.put(a.verdict(), a.device());
        }
        if (observer == null) {
            if (a.verdict() != d.current) {
                d.deviceFirst.clear();
                d.current = a.verdict();
            }
            if (a.device() != null && a.verdict() != AccountVerdict.OK && d.deviceFirst.size() < 16) {
                d.deviceFirst.putIfAbsent(a.device(), at);
            }
            return;
        }
        if (a.verdict() != AccountVerdict.OK) {
            latest.put(a.account(), a.slim());
            a.customerSources().forEach(ip -> customerOf.computeIfAbsent(ip, k -> new HashSet<>(2)).add(a.account()));
            a.attackerSources().forEach(ip -> attackerOf.computeIfAbsent(ip, k -> new HashSet<>(2)).add(a.account()));
        }
        // tell again when the same verdict grows markedly surer: a notice held back for low confidence
        // is decided again, and live mode learns as soon as the evidence is strong enough
        boolean surer = a.verdict() == d.current && a.verdict() != AccountVerdict.OK
                && a.confidence() >= d.told + CONFIDENCE_STEP;
        // and when the customer's device changes: a notice decided about another device is decided again
        boolean newDevice = a.verdict() == d.current && a.device() != null && !d.toldDevices.contains(a.device())
                && d.toldDevices.size() < 8;
        if (a.verdict() != d.current) {
            d.deviceFirst.clear();
        }
        if (a.device() != null && a.verdict() != AccountVerdict.OK && d.deviceFirst.size() < 16) {
            d.deviceFirst.putIfAbsent(a.device(), at);
        }
        if (a.verdict() != d.current || surer || newDevice) {
            if (a.verdict() != d.current) {
                d.toldDevices.clear();
            }
            d.current = a.verdict();
            d.told = a.confidence();
            if (a.device() != null) {
                d.toldDevices.add(a.device());
            }
            observer.accept(new Observation(Observation.Kind.ACCOUNT, a.account(), a.verdict().word(), a.confidence(),
                    d.first.get(a.verdict()), a.reasons(), a.device()));
        }
    }

    @Override
    public void onIp(IpEvidence evidence, Instant at) {
        IpAssessment a = classifiers.ips().classify(evidence, customerOf.getOrDefault(evidence.ip(), Set.of()),
                Auditor.targetedLogins(evidence, latest, attackerOf.getOrDefault(evidence.ip(), Set.of()), oneOffMax),
                login -> {
                    AccountAssessment known = latest.get(login);
                    return known == null || known.evidence().successes() > 0;
                }, null);
        IpVerdict before = ips.put(evidence.ip(), a.verdict());
        if (a.verdict() != IpVerdict.UNKNOWN) {
            latestIps.put(a.ip(), a);
        }
        if (a.verdict() != IpVerdict.UNKNOWN && a.verdict() != before) {
            observer.accept(new Observation(Observation.Kind.IP, a.ip(), a.verdict().word(), a.confidence(), at,
                    a.reasons()));
        }
    }

    @Override
    public void onBlock(BlockEvidence evidence) {
        BlockAssessment a = classifiers.blocks().classify(evidence, latest::get, latestIps::get);
        observer.accept(new Observation(Observation.Kind.BLOCK, evidence.ip(), a.cause().word(), a.confidence(),
                evidence.at(), a.reasons()));
    }
}
