package dev.authaudit.classify;

import static java.util.Objects.requireNonNull;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.BlockEvidence;
import dev.authaudit.correlate.CorrelationResult;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.correlate.Correlator;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.correlate.ExplainFilter;
import dev.authaudit.correlate.IpEvidence;
import dev.authaudit.event.LogEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs correlator and classifiers over one stream of events: {@link #accept} each event in time order,
 * {@link #tick} when the clock moves without events (live), {@link #finish} for the verdicts. With an
 * {@link EventClock} (the default) the auditor moves the clock to each event, which is replay; with a
 * system clock it is live. Verdicts reached on the way go to the observer at once.
 */
public final class Auditor {
    private final Clock clock;
    private final Correlator correlator;
    private final VerdictTracker tracker;
    private final ClassifierSettings settings;
    private final DictionaryLogins dictionary;
    private final CsfConfig csf;
    private final OutsideFacts outside;
    /** Who hears verdicts on the way (null for none), so a fork keeps the same kind of tracker. */
    private final Consumer<Observation> observer;
    private boolean started;

    private Auditor(Builder b) {
        this.clock = b.clock != null ? b.clock : new EventClock(Instant.EPOCH);
        this.settings = b.classifierSettings;
        this.dictionary = DictionaryLogins.load(settings.dictionaryResource());
        this.csf = b.csf;
        this.outside = b.outside;
        this.observer = b.observer;
        this.tracker = new VerdictTracker(b.observer, b.correlationSettings.maxAccounts());
        this.correlator = Correlator.builder().settings(b.correlationSettings).csf(csf)
                .explain(b.explain).listener(tracker).eagerPrimaries(b.live).byServer(b.byServer).build();
    }

    /** A fork of {@code live} (see {@link #fork}). */
    private Auditor(Auditor live, OutsideFacts outside) {
        this.clock = live.clock instanceof EventClock ? new EventClock(Instant.ofEpochMilli(live.clock.millis()))
                : live.clock;
        this.settings = live.settings;
        this.dictionary = live.dictionary;
        this.csf = live.csf;
        this.outside = outside;
        this.tracker = live.tracker.copy(live.observer == null ? null : o -> { });
        this.observer = live.observer;
        this.correlator = live.correlator.fork(tracker);
        this.started = live.started;
    }

    /** Returns a builder; every setting has a default, and the default clock is an {@link EventClock} (replay). */
    public static Builder builder() {
        return new Builder();
    }

    /** Accepts the next event, in event-time order; in replay, first moves the clock to its time. */
    public void accept(LogEvent e) {
        accept(e, e.instant());
    }

    /**
     * As {@link #accept(LogEvent)}, for a caller that has the event's instant already ({@code t}, which must equal
     * {@code e.instant()}): a replay's parsing threads work it out, off the thread that runs the auditor.
     */
    public void accept(LogEvent e, Instant t) {
        if (!started) {
            started = true;
            tracker.classifiers(Classifiers.create(settings, dictionary, csf, e.time().getOffset(), true),
                    settings.oneOffMaxFailures());
        }
        if (clock instanceof EventClock replay) {
            replay.advanceTo(t);
        }
        correlator.accept(e, t, clock.millis());
    }

    /** Lets time pass without an event: counts lines whose pairing window has closed and expires idle windows. */
    public void tick() {
        correlator.tick(clock.millis());
    }

    /** Returns the correlator, e.g. to inspect its store. */
    public Correlator correlator() {
        return correlator;
    }

    /**
     * Returns the verdicts {@link #finish} would return now, weighing {@code outside} (in place of the builder's
     * facts, which only classification reads), and leaves this auditor as it was: lines still waiting for their
     * pair keep waiting, throttled subjects stay pending, so events accepted afterwards give the verdicts a
     * fresh auditor fed every event would. The work is done by a fork (see {@link Correlator#fork}): its cost
     * grows with what is waiting and with the subjects that judging it touches, not with the events accepted.
     * Observations the fork reaches are not told. Equal to a fresh auditor's while the correlator's tables have
     * evicted nothing; not with {@link Builder#explain}.
     */
    public AuditResult judge(OutsideFacts outside) {
        return fork(outside).finish();
    }

    /**
     * Returns an auditor in this one's state that goes on by itself, weighing {@code outside}: events it accepts
     * and its {@link #finish} leave this one as it was, and give what this one would give fed the same events
     * (while the correlator's tables have evicted nothing; see {@link Correlator#fork}). For a judgement over
     * events that may still be joined by earlier ones (the fleet feeds its live auditor only events no late one
     * can precede, and a fork the rest). Its table entries are copies made as it looks them up: fed many events,
     * it holds more. Use one of the two at a time (they share the correlator's notion of the current call's time).
     */
    public Auditor fork(OutsideFacts outside) {
        return new Auditor(this, requireNonNull(outside, "outside"));
    }

    /** As {@link #judge(OutsideFacts)} with the facts the auditor was built with. */
    public AuditResult judge() {
        return judge(outside);
    }

    /** Counts everything still waiting and returns the verdicts on the whole run. */
    public AuditResult finish() {
        CorrelationResult r = correlator.finish(clock.millis());
        boolean multiDay = r.from() != null && Duration.between(r.from(), r.to()).toHours() >= 20;
        ZoneOffset offset = r.offset();
        Classifiers c = Classifiers.create(settings, dictionary, csf, offset, multiDay);
        List<AccountAssessment> accounts = new ArrayList<>(r.accounts().size());
        Map<String, AccountAssessment> byLogin = new HashMap<>();
        // per address, what the logins' verdicts made of it: one table for the three roles, so each address is
        // looked up once per step instead of once per role
        Map<String, AddressRoles> roles = new HashMap<>(capacity(r.ips().size()));
        // each step's loop is a method of its own: finish runs once, so its loops are compiled on the stack (OSR),
        // and one unit per loop is smaller and cheaper for the JIT than the whole of finish again for each loop
        classifyAccounts(r, c, accounts, byLogin, roles);
        DistributedCampaign campaigns = new DistributedCampaign(settings, c.text());
        List<CampaignCandidate> candidates = new ArrayList<>();
        // each address's roles looked up once, kept by its place in the list for the verdicts below
        List<IpEvidence> evidence = r.ips();
        AddressRoles[] rolesAt = rolesOf(evidence, roles, byLogin, campaigns, candidates);
        roles = null;
        Map<String, String> outsideCampaign = outside.campaign(candidates);
        Map<String, String> campaign = outsideCampaign != null ? outsideCampaign : campaigns.find(candidates);
        Set<String> inUse = inUse(r);
        List<IpAssessment> ips = new ArrayList<>(evidence.size());
        Map<String, IpAssessment> byIp = new HashMap<>(capacity(r.ips().size()));
        classifyIps(c, evidence, rolesAt, byLogin, inUse, campaign, ips, byIp);
        // the address verdicts have the last word: an attacker is never a customer's own source
        reconcileAccounts(c, accounts, byLogin, byIp);
        List<BlockAssessment> blocks = new ArrayList<>();
        for (BlockEvidence b : r.blocks()) {
            blocks.add(inForce(c.blocks().classify(b, byLogin::get, byIp::get, supersededInForce(b, r)), r, byIp,
                    c.text()));
        }
        Explanation explanation = r.explainSubject() == null ? null
                : new Explainer().explain(r, byLogin, byIp, blocks);
        return new AuditResult(r, accounts, ips, blocks, explanation);
    }

    /** Classifies the logins that failed, noting each address's roles in their verdicts. */
    private void classifyAccounts(CorrelationResult r, Classifiers c, List<AccountAssessment> accounts,
                                  Map<String, AccountAssessment> byLogin, Map<String, AddressRoles> roles) {
        for (AccountEvidence e : r.accounts()) {
            if (e.failures() == 0) {
                continue; // report-v1 lists logins that failed at least once
            }
            AccountAssessment a = outside.account(e.account());
            if (a == null) {
                a = c.accounts().classify(withOutside(e, outside));
                Instant at = tracker.firstReached(e.account(), a.verdict());
                a = a.detectedAt(at != null ? at : e.lastFailure());
            }
            accounts.add(a);
            byLogin.put(a.account(), a);
            for (String ip : a.customerSources()) {
                AddressRoles.of(roles, ip).addCustomer(a.account());
            }
            for (String ip : a.attackerSources()) {
                AddressRoles.of(roles, ip).addAttacker(a.account());
            }
            for (String ip : a.oneOffSources()) {
                AddressRoles.of(roles, ip).addOneOff(a.account());
            }
        }
    }

    /** Returns each address's roles by its place in {@code evidence}, gathering the campaign candidates. */
    private AddressRoles[] rolesOf(List<IpEvidence> evidence, Map<String, AddressRoles> roles,
                                   Map<String, AccountAssessment> byLogin, DistributedCampaign campaigns,
                                   List<CampaignCandidate> candidates) {
        AddressRoles[] rolesAt = new AddressRoles[evidence.size()];
        for (int i = 0; i < rolesAt.length; i++) {
            IpEvidence e = evidence.get(i);
            AddressRoles known = unlistedOneOffs(e, roles, byLogin, settings.oneOffMaxFailures());
            rolesAt[i] = known;
            if (known != null && known.hasOneOff() && campaigns.candidate(e, known.hasCustomer())) {
                candidates.add(new CampaignCandidate(e.ip(), e.first(), e.failures(), known.oneOffOf()));
            }
        }
        return rolesAt;
    }

    /** Returns the logins that logged in successfully, here or as the outside facts know them. */
    private Set<String> inUse(CorrelationResult r) {
        Set<String> inUse = new HashSet<>();
        for (AccountEvidence e : r.accounts()) {
            AccountAssessment known = outside.account(e.account());
            if (e.successes() > 0 || (known != null && known.evidence().successes() > 0)) {
                inUse.add(e.account());
            }
        }
        return inUse;
    }

    /** Classifies the addresses that failed or were blocked. */
    private void classifyIps(Classifiers c, List<IpEvidence> evidence, AddressRoles[] rolesAt,
                             Map<String, AccountAssessment> byLogin, Set<String> inUse, Map<String, String> campaign,
                             List<IpAssessment> ips, Map<String, IpAssessment> byIp) {
        for (int i = 0; i < rolesAt.length; i++) {
            IpEvidence e = evidence.get(i);
            if (e.failures() == 0 && e.blocks() == 0 && e.dropHits() == 0) {
                continue; // report-v1 lists addresses that failed or were blocked
            }
            AddressRoles known = rolesAt[i];
            Set<String> customerOf = known == null ? Set.of() : known.customerOf();
            Set<String> attackerOf = known == null ? Set.of() : known.attackerOf();
            // the campaign's sentence is written only for an address whose verdict it decides
            IpAssessment a = c.ips().classifyAsking(e, roamingClientOf(e, byLogin, customerOf, settings.staleMinFailures()),
                    targeted(e, byLogin, attackerOf, settings.oneOffMaxFailures()), inUse::contains,
                    () -> campaign.get(e.ip()));
            ips.add(a);
            byIp.put(a.ip(), a);
        }
    }

    /** Makes the logins' verdicts agree with the addresses' and says where each was first reached. */
    private void reconcileAccounts(Classifiers c, List<AccountAssessment> accounts,
                                   Map<String, AccountAssessment> byLogin, Map<String, IpAssessment> byIp) {
        for (int i = 0; i < accounts.size(); i++) {
            AccountAssessment a = reconcileRoles(accounts.get(i), byIp);
            if (outside.account(a.account()) == null) {
                a = withDetection(a, tracker.deviceTimes(a.account(), a.verdict()), c.text());
            }
            accounts.set(i, a);
            byLogin.put(a.account(), a);
        }
    }

    /** Returns a hash map capacity that holds {@code n} entries without growing (looked up only, never listed). */
    static int capacity(int n) {
        return (int) (n / 0.75f) + 1;
    }

    /**
     * Returns the login's evidence with what the outside facts know about each source address (its other
     * logins, successes, passwords) in place of what this auditor's events showed of it.
     */
    static AccountEvidence withOutside(AccountEvidence e, OutsideFacts outside) {
        if (outside == OutsideFacts.NONE) {
            return e;
        }
        List<dev.authaudit.correlate.SourceEvidence> sources = new ArrayList<>(e.sources().size());
        boolean changed = false;
        for (dev.authaudit.correlate.SourceEvidence s : e.sources()) {
            dev.authaudit.correlate.IpContext context = outside.context(s.ip());
            long domain = outside.domainSuccesses(e.account(), s.ip());
            if (context == null && domain < 0) {
                sources.add(s);
                continue;
            }
            changed = true;
            sources.add(new dev.authaudit.correlate.SourceEvidence(s.ip(), s.network(), s.failures(), s.successes(),
                    s.protocols(), s.ports(), s.first(), s.last(), s.firstFailure(), s.lastFailure(),
                    s.successesBeforeFailures(), s.successesAfterFailures(), s.firstSuccessAfterFailures(),
                    s.failuresSinceLastSuccess(), s.distinctFingerprints(), s.helo(), s.rhythms(), s.burstGaps(),
                    context != null ? context : s.context(), s.unknownUsers(), s.fingerprintedFailures(),
                    s.topFingerprint(), s.topFingerprintCount(), s.lastSuccess(), s.networkSuccesses(),
                    domain >= 0 ? domain : s.domainSuccesses(), s.episode(), s.longestEpisode(),
                    s.failureProtocols(), s.failurePorts(), s.unitemized()));
        }
        if (!changed) {
            return e;
        }
        return new AccountEvidence(e.account(), e.failures(), e.failureLines(), e.successes(), e.passwordMismatches(),
                e.unknownUsers(), e.otherFailures(), e.firstFailure(), e.lastFailure(), e.firstSuccess(),
                e.lastSuccess(), e.distinctIps(), e.distinctNetworks(), e.distinctFingerprints(), e.fingerprints(),
                sources, e.omittedSources(), e.omittedSourceFailures(), e.successElsewhereIp(),
                e.successElsewhereAt(), e.successesElsewhere(), e.protocols());
    }

    /**
     * Finds a slow distributed campaign among candidates gathered from several auditors (the fleet's campaign
     * step), by the same rule a single run applies to its own; sentences print times at {@code offset}.
     */
    public static Map<String, String> campaign(List<CampaignCandidate> candidates, ClassifierSettings settings,
                                               ZoneOffset offset) {
        return new DistributedCampaign(settings, new EvidenceText(offset, true)).find(candidates);
    }

    /** Makes every source an address verdict calls an attacker a guesser of the login, never a customer. */
    static AccountAssessment reconcileRoles(AccountAssessment a, Map<String, IpAssessment> byIp) {
        Map<String, SourceRole> roles = new HashMap<>(a.roles());
        boolean changed = false;
        for (Map.Entry<String, SourceRole> e : roles.entrySet()) {
            IpAssessment ip = byIp.get(e.getKey());
            if (ip != null && ip.verdict() == IpVerdict.ATTACKER && e.getValue() != SourceRole.GUESSER) {
                e.setValue(SourceRole.GUESSER);
                changed = true;
            }
        }
        return changed ? a.withRoles(roles) : a;
    }

    /**
     * Says where the verdict was first reached when that was another of the customer's sources than the one
     * its reasons describe, so {@code detected_at} never precedes the evidence printed under it unexplained.
     */
    static AccountAssessment withDetection(AccountAssessment a, Map<String, Instant> deviceTimes, EvidenceText text) {
        if (a.detectedAt() == null || a.device() == null) {
            return a;
        }
        // the earliest the verdict stood on a source that is still the customer's
        String firstDevice = null;
        Instant first = null;
        for (Map.Entry<String, Instant> e : deviceTimes.entrySet()) {
            if (a.role(e.getKey()) == SourceRole.CUSTOMER && (first == null || e.getValue().isBefore(first))) {
                firstDevice = e.getKey();
                first = e.getValue();
            }
        }
        if (first == null) {
            // the verdict was first reached on sources no longer counted as the customer's: detected no
            // earlier than the device's own evidence
            String device = a.device();
            Instant own = a.evidence().sources().stream().filter(x -> x.ip().equals(device))
                    .map(dev.authaudit.correlate.SourceEvidence::firstFailure).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null);
            return own != null && own.isAfter(a.detectedAt()) ? a.detectedAt(own) : a;
        }
        a = a.detectedAt(first);
        if (firstDevice.equals(a.device())) {
            return a;
        }
        String from = firstDevice;
        dev.authaudit.correlate.SourceEvidence s = a.evidence().sources().stream()
                .filter(x -> x.ip().equals(from)).findFirst().orElse(null);
        if (s == null || s.firstFailure() == null || s.firstFailure().isAfter(a.detectedAt())) {
            return a;
        }
        List<Claim> claims = new ArrayList<>(a.claims());
        claims.add(Claim.of(ClaimKind.DETECTED).address(firstDevice).login(a.account()).first(s.firstFailure())
                .last(a.detectedAt()).say("first recognised at " + text.time(a.detectedAt()) + " from " + firstDevice
                        + ", another of the customer's addresses, failing since " + text.time(s.firstFailure())));
        return new AccountAssessment(a.account(), a.verdict(), a.confidence(), a.detectedAt(), List.of(),
                a.customerSources(), a.attackerSources(), a.oneOffSources(), a.clientFingerprints(), a.evidence(),
                claims, a.roles(), a.device());
    }

    /**
     * Adds, for a block still in force when the logs end (permanent, or temporary and not yet expired, and
     * no unblock seen), a claim that says so with the logins behind that address.
     */
    static BlockAssessment inForce(BlockAssessment a, CorrelationResult r, Map<String, IpAssessment> byIp,
                                   EvidenceText text) {
        BlockEvidence b = a.evidence();
        if (!lastInForce(b, r)) {
            return a;
        }
        IpAssessment ip = byIp.get(b.ip());
        java.util.Set<String> behind = new java.util.LinkedHashSet<>();
        if (ip != null) {
            behind.addAll(ip.evidence().successLogins());
            if (ip.verdict() != IpVerdict.ATTACKER) {
                ip.evidence().logins().forEach(x -> behind.add(x.value()));
            }
        }
        String who = behind.isEmpty() ? "" : "; " + EvidenceText.plural(behind.size(), "mailbox", "mailboxes")
                + " used this address (" + EvidenceText.list(behind, 5) + ")"
                + (ip != null && ip.verdict() != IpVerdict.ATTACKER ? " and stayed locked out" : "");
        return a.with(Claim.of(ClaimKind.BLOCK_IN_FORCE).address(b.ip()).logins(List.copyOf(behind)).first(b.at())
                .last(r.to()).say("still blocked when the logs end (" + text.time(r.to()) + ")" + who));
    }

    /**
     * Returns true when {@code b} is its address's last block and still in force when the logs end
     * (permanent, or temporary and not yet expired, and no unblock seen).
     */
    private static boolean lastInForce(BlockEvidence b, CorrelationResult r) {
        if (b.ip() == null || b.liftedAt() != null || r.to() == null) {
            return false;
        }
        boolean still = b.permanent() || (b.durationS() != null && b.at().plusSeconds(b.durationS()).isAfter(r.to()));
        // a later block of the same address tells the rest of the story
        return still && r.blocks().stream().noneMatch(x -> b.ip().equals(x.ip()) && x.at().isAfter(b.at()));
    }

    /**
     * Returns true when {@code b} has ended and a later block of the same address is still in force when
     * the logs end: lifting {@code b} is no longer anything to do.
     */
    private static boolean supersededInForce(BlockEvidence b, CorrelationResult r) {
        return b.ip() != null && b.liftedAt() != null && r.blocks().stream()
                .anyMatch(x -> b.ip().equals(x.ip()) && x.at().isAfter(b.at()) && lastInForce(x, r));
    }

    /**
     * Returns the targeted logins an address failed on as a one-off: a login's source list is bounded,
     * so a stuffing source that fell off it is recognised from the address's own logins instead, when
     * the address tried that login no more than a one-off would and the login is under distributed attack.
     */
    static Set<String> targetedLogins(IpEvidence e, Map<String, AccountAssessment> byLogin, Set<String> known,
                                      int oneOffMaxFailures) {
        Set<String> out = targeted(e, byLogin, known, oneOffMaxFailures);
        // a hash set of its own, as ever (targeted returns the address's one added login as an immutable set)
        return out != known && out instanceof HashSet ? out : new HashSet<>(out);
    }

    /**
     * As {@link #targetedLogins}, for a caller that only reads the set and whose {@code known} is a hash set made
     * with the default capacity (or empty): returns {@code known} itself when nothing is added and a copy would
     * iterate in the same order (up to 11 logins, where the copy's table is as large), so the reasons that list
     * the set name the same logins first. Saves a set per address at the end of a run.
     */
    private static Set<String> targeted(IpEvidence e, Map<String, AccountAssessment> byLogin, Set<String> known,
                                        int oneOffMaxFailures) {
        Set<String> out = null;
        // the one login added to an empty set, held as itself until a second comes (then the hash set is made
        // with the same adds in the same order): a botnet day's addresses mostly add one login each
        String one = null;
        if (e.maxFailuresOneLogin() <= oneOffMaxFailures) {
            for (dev.authaudit.correlate.Count c : e.logins()) {
                AccountAssessment a = byLogin.get(c.value());
                // a mistyped login has no roaming client whose one-offs could be mistaken for guesses
                boolean guessed = a != null && (a.verdict() == AccountVerdict.TARGETED
                        || (a.verdict() == AccountVerdict.MISTYPED && !a.attackerSources().isEmpty()));
                if (guessed && a.evidence().omittedSources() > 0
                        && (out != null || one != null || known.isEmpty() || !known.contains(a.account()))) {
                    if (out == null && one == null && known.isEmpty()) {
                        one = a.account();
                        continue;
                    }
                    if (out == null) {
                        out = new HashSet<>(known);
                        if (one != null) {
                            out.add(one);
                        }
                    }
                    out.add(a.account());
                }
            }
        }
        if (out == null && one != null) {
            return Set.of(one);
        }
        return out != null ? out : known.size() <= 11 ? known : new HashSet<>(known);
    }

    /**
     * Returns the stale logins an address is the customer's client for, when the login's bounded source
     * list could not keep it: it failed nothing but that login, again and again, with no sign of an
     * attacker (the same roaming client the login's verdict names on its other networks).
     */
    static Set<String> roamingClientOf(IpEvidence e, Map<String, AccountAssessment> byLogin, Set<String> known,
                                       int staleMinFailures) {
        if (e.distinctFailedLogins() != 1 || e.maxFailuresOneLogin() < staleMinFailures || e.logins().isEmpty()
                || e.distinctFingerprints() > 1) {
            return known;
        }
        AccountAssessment a = byLogin.get(e.logins().get(0).value());
        if (a == null || a.verdict() != AccountVerdict.STALE_PASSWORD || a.attackerSources().contains(e.ip())) {
            return known;
        }
        Set<String> out = new HashSet<>(known);
        out.add(a.account());
        return out;
    }

    /**
     * Adds the address to the campaign candidates when a login's bounded source list could only count it, not
     * keep it, as a one-off: on a stale login only when its password differs from the customer's client. Returns
     * the address's roles in {@code roles} (added when it had none and now has a one-off; null for none).
     */
    static AddressRoles unlistedOneOffs(IpEvidence e, Map<String, AddressRoles> roles,
                                        Map<String, AccountAssessment> byLogin, int oneOffMaxFailures) {
        AddressRoles known = roles.get(e.ip());
        if (e.failures() == 0 || e.successes() > 0 || e.maxFailuresOneLogin() > oneOffMaxFailures
                || known != null && (known.hasCustomer() || known.hasOneOff())) {
            return known;
        }
        for (dev.authaudit.correlate.Count c : e.logins()) {
            AccountAssessment a = byLogin.get(c.value());
            if (a == null || a.evidence().omittedSources() == 0) {
                continue;
            }
            // never where the customer's own client fails and might be this address on another network
            boolean noClient = a.verdict() != AccountVerdict.STALE_PASSWORD && a.customerSources().isEmpty();
            boolean typo = a.verdict() == AccountVerdict.MISTYPED;
            boolean other = noClient || typo
                    || (a.verdict() == AccountVerdict.STALE_PASSWORD && e.distinctFingerprints() == 1 && e.firstFingerprint() != null
                    && !a.clientFingerprints().isEmpty() && !a.clientFingerprints().contains(e.firstFingerprint()));
            if (other) {
                if (known == null) {
                    known = AddressRoles.of(roles, e.ip());
                }
                known.addOneOff(a.account());
            }
        }
        return known;
    }

    /**
     * What the logins' verdicts made of one address during {@link #finish}: the logins whose customer's own
     * source it is, those it is one of many attackers of, and those it tried as a one-off that cannot be the
     * customer's client. A role holds nothing (null), its one login, or a hash set of its logins made when the
     * second comes: at the end of a botnet day ~100,000 addresses have one login each, and a set apiece was
     * ~17 MB more to promote. The sets iterate as the per-role tables of hash sets this replaces did (the same
     * adds in the same order), so the reasons that list them name the same logins first.
     */
    static final class AddressRoles {
        private Object customer;
        private Object attacker;
        private Object oneOff;

        /** Returns the address's roles in {@code roles}, added when it has none yet. */
        static AddressRoles of(Map<String, AddressRoles> roles, String ip) {
            return roles.computeIfAbsent(ip, k -> new AddressRoles());
        }

        void addCustomer(String login) {
            customer = add(customer, login);
        }

        void addAttacker(String login) {
            attacker = add(attacker, login);
        }

        void addOneOff(String login) {
            oneOff = add(oneOff, login);
        }

        boolean hasCustomer() {
            return customer != null;
        }

        boolean hasOneOff() {
            return oneOff != null;
        }

        /** The logins whose customer's own source the address is (empty for none; read only). */
        Set<String> customerOf() {
            return set(customer);
        }

        /** The logins the address is one of many attackers of (empty for none; read only). */
        Set<String> attackerOf() {
            return set(attacker);
        }

        /** The logins that saw the address as a one-off (empty for none; read only). */
        Set<String> oneOffOf() {
            return set(oneOff);
        }

        @SuppressWarnings("unchecked")
        private static Object add(Object role, String login) {
            if (role == null) {
                return login;
            }
            if (role instanceof String one) {
                if (one.equals(login)) {
                    return one;
                }
                Set<String> both = new HashSet<>();
                both.add(one);
                both.add(login);
                return both;
            }
            ((Set<String>) role).add(login);
            return role;
        }

        @SuppressWarnings("unchecked")
        private static Set<String> set(Object role) {
            return role == null ? Set.of() : role instanceof String one ? Set.of(one) : (Set<String>) role;
        }
    }

    /** Configures an {@link Auditor}. */
    public static final class Builder {
        private Clock clock;
        private CorrelationSettings correlationSettings = CorrelationSettings.defaults();
        private ClassifierSettings classifierSettings = ClassifierSettings.defaults();
        private CsfConfig csf = CsfConfig.defaults();
        private ExplainFilter explain;
        /** Null when nobody listens: then the tracker keeps only what the report reads. */
        private Consumer<Observation> observer;
        private boolean live;
        private OutsideFacts outside = OutsideFacts.NONE;
        private boolean byServer;

        private Builder() {
        }

        /**
         * Sets what other steps of a partitioned run know (the fleet): a login's assessment from all of its
         * events, an address's context from all of its events. The default is none.
         */
        public Builder outside(OutsideFacts outside) {
            this.outside = requireNonNull(outside, "outside");
            return this;
        }

        /**
         * Reads several servers' events (the fleet): a failure line pairs with a detail line, and is taken for
         * Exim's syslog copy of another, only when both name the same server. Off by default: one server's own
         * files may name it differently (a syslog header's host beside the input's name).
         */
        public Builder byServer(boolean byServer) {
            this.byServer = byServer;
            return this;
        }

        /** Sets the clock: an {@link EventClock} for replay (moved to each event), a system clock for live. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the correlator's bounds and windows. */
        public Builder correlation(CorrelationSettings settings) {
            this.correlationSettings = requireNonNull(settings, "settings");
            return this;
        }

        /** Sets the verdict thresholds. */
        public Builder classifier(ClassifierSettings settings) {
            this.classifierSettings = requireNonNull(settings, "settings");
            return this;
        }

        /** Sets the server's csf.conf (thresholds, windows and open ports explain blocks). */
        public Builder csf(CsfConfig csf) {
            this.csf = requireNonNull(csf, "csf");
            return this;
        }

        /** Keeps the timeline of one address or login for {@link AuditResult#explanation()}. */
        public Builder explain(String subject) {
            this.explain = subject == null ? null : ExplainFilter.of(subject);
            return this;
        }

        /** Sets who hears verdicts as soon as they are reached (live mode acts on them). */
        public Builder observer(Consumer<Observation> observer) {
            this.observer = requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Tunes the engine for live following: failure lines count at once instead of waiting for a
         * Dovecot detail line that may still come, so a verdict follows its decisive line within the
         * poll interval.
         */
        public Builder live(boolean live) {
            this.live = live;
            return this;
        }

        /** Returns a new auditor. */
        public Auditor build() {
            return new Auditor(this);
        }
    }
}
