package dev.authaudit.classify;

import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.EpisodeEvidence;
import dev.authaudit.correlate.SourceEvidence;
import dev.authaudit.event.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Gives a login its verdict from the verdicts of its failing sources. Each source is judged on its own
 * ({@link SourceRoles}); then the customer's problem wins: one source of the customer's that keeps failing
 * makes the login {@code stale_password} even while attackers guess it from elsewhere (those stay
 * attackers), a corrected typo makes it {@code mistyped}, and only failures from attackers or from many
 * unrelated one-off addresses make it {@code targeted}.
 */
public final class AccountClassifier {
    private final ClassifierSettings settings;
    private final DictionaryLogins dictionary;
    private final EvidenceText text;
    private final SourceRoles roles;

    AccountClassifier(ClassifierSettings settings, DictionaryLogins dictionary, EvidenceText text) {
        this.settings = settings;
        this.dictionary = dictionary;
        this.text = text;
        this.roles = new SourceRoles(settings, text);
    }

    /** Returns the verdict for a login's evidence (without {@code detectedAt}; the caller stamps it). */
    public AccountAssessment classify(AccountEvidence e) {
        String login = e.account();
        if (e.failures() == 0) {
            return result(e, AccountVerdict.OK, 1.0, List.of(Claim.of(ClaimKind.INCONCLUSIVE).login(login)
                    .say("no failed logins")), Set.of(), Set.of(), null);
        }
        List<SourceAssessment> failing = new ArrayList<>();
        for (SourceEvidence s : e.sources()) {
            if (s.failures() > 0) {
                failing.add(roles.assess(login, s));
            }
        }
        Set<String> attackers = new LinkedHashSet<>();
        List<Claim> attackerWhy = new ArrayList<>();
        for (SourceAssessment a : failing) {
            if (a.attacker() != null) {
                attackers.add(a.ip());
                attackerWhy.add(a.attacker());
            }
        }
        if (e.unknownUsers() > 0 && e.successes() == 0
                && (double) e.unknownUsers() / e.failures() >= settings.unknownUserShare()) {
            return unknownUser(e, attackers, attackerWhy);
        }
        boolean inUse = e.successes() > 0;
        // (loops, not streams: this runs for every failing login, and a stream's pipeline inlined here made
        // one of the largest compiles of a botnet day's end)
        List<SourceAssessment> stale = new ArrayList<>(0);
        List<SourceAssessment> typos = new ArrayList<>(0);
        for (SourceAssessment a : failing) {
            if (staleClient(a)) {
                stale.add(a);
            }
            if (a.typo() != null && a.attacker() == null) {
                typos.add(a);
            }
        }
        if (!stale.isEmpty()) {
            return stale(e, failing, stale, attackers, attackerWhy);
        }
        if (!typos.isEmpty()) {
            return mistyped(e, failing, typos, attackers, attackerWhy);
        }
        return targetedOrOk(e, failing, attackers, attackerWhy, inUse);
    }

    // Each verdict and each of its sentences is built in a method of its own: the sentences (string
    // concatenation inlines into a lot of machine code) then compile apart from the tests that choose
    // the verdict, in units small enough that no single compile dominates the JIT's time in a scan.

    private AccountAssessment unknownUser(AccountEvidence e, Set<String> attackers, List<Claim> attackerWhy) {
        double share = (double) e.unknownUsers() / e.failures();
        List<Claim> why = new ArrayList<>();
        why.add(unknownUserShare(e));
        why.add(failureSummary(e));
        why.addAll(attackerWhy.stream().limit(3).toList());
        return result(e, AccountVerdict.UNKNOWN_USER, round(0.6 + 0.39 * share), why, Set.of(), attackers, null);
    }

    private static Claim unknownUserShare(AccountEvidence e) {
        return Claim.of(ClaimKind.UNKNOWN_USER_SHARE).login(e.account()).count(e.unknownUsers()).other(e.failures())
                .say("the server answered \"unknown user\" to " + e.unknownUsers() + " of " + e.failures()
                + " failures and " + e.account() + " never logged in");
    }

    private AccountAssessment mistyped(AccountEvidence e, List<SourceAssessment> failing, List<SourceAssessment> typos,
                                       Set<String> attackers, List<Claim> attackerWhy) {
        List<Claim> why = new ArrayList<>();
        typos.stream().limit(2).forEach(a -> why.add(a.typo()));
        Set<String> customers = new LinkedHashSet<>();
        typos.forEach(a -> customers.add(a.ip()));
        Distributed spread = distributed(e, failing, customers);
        Set<String> attackerSources = new LinkedHashSet<>(attackers);
        attackerSources.addAll(spread.sources());
        if (!attackerSources.isEmpty()) {
            why.add(guessers(e, attackerSources, attackerWhy.isEmpty() ? spread.reason() : attackerWhy.get(0)));
        }
        return result(e, AccountVerdict.MISTYPED, 0.85, why, customers, attackerSources, spread.candidates(), Set.of(),
                typos.get(0).ip());
    }

    /**
     * Returns true when a login whose last verdict was {@code before} keeps it, and its device, after
     * events that changed only its totals (see {@code CorrelationListener#keepsAccount}): its sources and
     * their assessments are as they were, its successes too, and its distinct address and fingerprint
     * counts have not fallen. Then {@link #classify} would decide the same: the unknown-user test comes
     * first and is decided again here from the totals; the stale and typo tests read the sources only;
     * a targeted login stays targeted, because its attackers are the same, and the spread of one-off
     * addresses, the many passwords and the dictionary test can only have become truer. An {@code ok}
     * login may have become targeted, so it is judged again.
     */
    boolean keeps(AccountVerdict before, long failures, long unknownUsers, long successes) {
        if (failures == 0) {
            return false;
        }
        boolean unknownUser = unknownUsers > 0 && successes == 0
                && (double) unknownUsers / failures >= settings.unknownUserShare();
        return switch (before) {
            case UNKNOWN_USER -> unknownUser;
            case STALE_PASSWORD, MISTYPED, TARGETED -> !unknownUser;
            case OK -> false;
        };
    }

    /**
     * Returns true when a login whose last verdict was {@code before} keeps it after it took on the sources
     * {@code added} gives (their evidence now, asked for only when {@code before} is targeted) while its other sources and their assessments stayed as they were, its
     * successes too, and its distinct address and fingerprint counts did not fall. Only a targeted login is
     * decided here, and only when {@link #keeps(AccountVerdict, long, long, long)} holds and each failing added
     * source is neither the customer's side, nor a stale client, nor a typo, and is a one-off or an attacker.
     * Then {@link #classify} decides targeted again: the unknown-user test is the totals'; no stale client and no
     * typo is added to the old sources' (none, or the verdict would not have been targeted); the customer's side
     * is the same, so the many-passwords and dictionary tests (which read it, the successes and the fingerprint
     * count) can only have become truer; the attackers can only be more (an added attacker makes it targeted by
     * itself). Else every added source is a one-off, and the distributed count can only have grown: with a
     * customer's roaming client it is the one-offs that are no customer's and sent another password, among which
     * the old ones still are; without, it is all one-offs that are no customer's plus the addresses the list does
     * not itemise (distinct addresses less failing sources): each added one-off is counted in the first term and
     * takes at most one from the second, and the distinct addresses did not fall. So whichever of these made it
     * targeted still holds.
     */
    boolean keeps(AccountVerdict before, String login, Supplier<List<SourceEvidence>> added, long failures,
                  long unknownUsers, long successes) {
        if (before != AccountVerdict.TARGETED || !keeps(before, failures, unknownUsers, successes)) {
            return false;
        }
        for (SourceEvidence s : added.get()) {
            if (s.failures() == 0) {
                continue; // not one of the sources classify weighs
            }
            SourceAssessment a = roles.assess(login, s);
            if (a.customerSide() || staleClient(a) || (a.typo() != null && a.attacker() == null)
                    || !(a.oneOff() || a.attacker() != null)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A source is the customer's stale client when it keeps failing like one (persistent), is the
     * customer's (owned) or behaves like a mail client (a polling rhythm, one password repeated), and
     * has no sign of an attacker. An address without history only counts when it fails nothing but
     * this login.
     */
    private boolean staleClient(SourceAssessment a) {
        if (a.persistent() == null || a.attacker() != null) {
            return false;
        }
        if (a.isOwned()) {
            return true;
        }
        return a.client() != null && a.source().context().distinctFailedLogins() <= 1;
    }

    private AccountAssessment stale(AccountEvidence e, List<SourceAssessment> failing, List<SourceAssessment> stale,
                                    Set<String> attackers, List<Claim> attackerWhy) {
        SourceAssessment main = stale.get(0); // the first of those with the most failures
        for (SourceAssessment a : stale) {
            if (a.source().failures() > main.source().failures()) {
                main = a;
            }
        }
        Set<String> customers = staleCustomers(failing, main);
        Set<String> attackerSources = new LinkedHashSet<>(attackers);
        Distributed spread = distributed(e, failing, customers);
        attackerSources.addAll(spread.sources());
        List<Claim> why = staleReasons(e.account(), main, stale);
        if (!attackerSources.isEmpty()) {
            why.add(guessers(e, attackerSources, attackerWhy.isEmpty() ? spread.reason() : attackerWhy.get(0)));
        }
        double confidence = 0.7 + (main.isOwned() ? 0.1 : 0) + (main.client() != null ? 0.1 : 0)
                + (main.source().longestEpisode() != null
                && main.source().longestEpisode().failuresAfterConfirm() > 0 ? 0.05 : 0);
        Set<String> clientFps = new LinkedHashSet<>();
        for (SourceAssessment a : failing) {
            if (customers.contains(a.ip()) && a.source().distinctFingerprints() == 1) {
                clientFps.add(a.source().topFingerprint());
            }
        }
        return result(e, AccountVerdict.STALE_PASSWORD, round(Math.min(0.97, confidence)), why, customers,
                attackerSources, spread.candidates(), clientFps, main.ip());
    }

    /**
     * Returns the addresses of a stale login that are the customer's: the stale clients, owned addresses,
     * mail clients, the stale device's password elsewhere, and addresses that keep failing this login alone.
     */
    private Set<String> staleCustomers(List<SourceAssessment> failing, SourceAssessment main) {
        String staleFp = main.source().distinctFingerprints() == 1 ? main.source().topFingerprint() : null;
        Set<String> customers = new LinkedHashSet<>();
        for (SourceAssessment a : failing) {
            if (a.attacker() != null) {
                continue;
            }
            SourceEvidence s = a.source();
            boolean sameDevice = staleFp != null && staleFp.equals(s.topFingerprint()) && s.distinctFingerprints() == 1;
            boolean roaming = s.failures() >= settings.staleMinFailures() && s.distinctFingerprints() <= 1
                    && s.context().distinctFailedLogins() <= 1;
            // staleClient(a) is what put a source in the stale list (a pure test of the source)
            if (staleClient(a) || a.isOwned() || a.client() != null || sameDevice || roaming) {
                customers.add(a.ip());
            }
        }
        return customers;
    }

    /** Returns why the main stale source is the customer's device with an old password (a mutable list). */
    private List<Claim> staleReasons(String login, SourceAssessment main, List<SourceAssessment> stale) {
        List<Claim> why = new ArrayList<>();
        why.add(main.persistent());
        why.addAll(main.owned());
        if (main.client() != null && !main.client().equals(main.persistent())) {
            why.add(main.client());
        }
        SourceEvidence ms = main.source();
        if (ms.distinctFingerprints() == 1 && ms.topFingerprintCount() >= settings.oneFingerprintMin()
                && main.persistent().kind() != ClaimKind.SAME_PASSWORD) {
            why.add(fingerprintRepeated(login, main));
        }
        Set<Protocol> p = ms.failureProtocols();
        if (p.contains(Protocol.SMTP) && (p.contains(Protocol.IMAP) || p.contains(Protocol.POP3))) {
            why.add(protocolsTogether(login, main.ip(), p));
        }
        EpisodeEvidence run = ms.longestEpisode();
        if (run != null && run.confirmedAt() != null && main.persistent().kind() != ClaimKind.FAILING_AFTER_SUCCESS) {
            why.add(Claim.of(ClaimKind.PASSWORD_CHANGED).address(main.ip(), run.confirmedFrom()).login(login)
                    .first(run.confirmedAt()).say(passwordChanged(login, main.ip(), run)));
        }
        if (stale.size() > 1) {
            why.add(sameElsewhere(login, main, stale));
        }
        return why;
    }

    private static Claim fingerprintRepeated(String login, SourceAssessment main) {
        SourceEvidence ms = main.source();
        return Claim.of(ClaimKind.FINGERPRINT_REPEATED).address(main.ip()).login(login)
                .fingerprint(ms.topFingerprint()).count(ms.topFingerprintCount())
                .other(ms.unitemized() > 0 ? 1 : 0)
                .say("one password fingerprint " + ms.topFingerprint() + " repeated "
                + (ms.unitemized() > 0 ? "at least " : "") + ms.topFingerprintCount() + " times");
    }

    private static Claim protocolsTogether(String login, String ip, Set<Protocol> p) {
        Claim.Builder b = Claim.of(ClaimKind.PROTOCOLS_TOGETHER).address(ip).login(login).protocols(p);
        return b.say(EvidenceText.protocols(b.protocols()) + " failing together from " + ip
                + ": one device, one stored password");
    }

    private static Claim sameElsewhere(String login, SourceAssessment main, List<SourceAssessment> stale) {
        List<String> more = new ArrayList<>(stale.size());
        for (SourceAssessment a : stale) {
            if (a != main) {
                more.add(a.ip());
            }
        }
        List<String> named = new ArrayList<>();
        named.add(main.ip());
        named.addAll(more);
        return Claim.of(ClaimKind.SAME_ELSEWHERE).addresses(named).login(login).count(more.size())
                .say("the same happens from " + EvidenceText.plural(more.size(), "more address", "more addresses")
                + " (" + EvidenceText.list(more, 3)
                + "): the same device on other networks, or another device with the old password");
    }

    private AccountAssessment targetedOrOk(AccountEvidence e, List<SourceAssessment> failing, Set<String> attackers,
                                           List<Claim> attackerWhy, boolean inUse) {
        String login = e.account();
        List<SourceAssessment> customerSide = failing.stream().filter(SourceAssessment::customerSide).toList();
        Set<String> customerIps = new LinkedHashSet<>();
        customerSide.forEach(a -> customerIps.add(a.ip()));
        Distributed spread = distributed(e, failing, customerIps);
        boolean distributed = !spread.sources().isEmpty();
        boolean manyPasswords = customerSide.isEmpty() && e.distinctFingerprints() >= settings.manyFingerprints();
        boolean dict = dictionary.contains(login) && !inUse && customerSide.isEmpty();
        if (!attackers.isEmpty() || distributed || manyPasswords || dict) {
            return targeted(e, failing, attackers, attackerWhy, spread, manyPasswords, dict);
        }
        List<Claim> why = new ArrayList<>();
        why.add(failureSummary(e));
        failing.stream().map(SourceAssessment::client).filter(Objects::nonNull).findFirst().ifPresent(why::add);
        why.add(Claim.of(ClaimKind.INCONCLUSIVE).login(login).say("too few or too mixed failures to say more"));
        Set<String> customers = new LinkedHashSet<>();
        customerSide.forEach(a -> customers.add(a.ip()));
        return result(e, AccountVerdict.OK, 0.5, why, customers, Set.of(), spread.candidates(), Set.of(), null);
    }

    private AccountAssessment targeted(AccountEvidence e, List<SourceAssessment> failing, Set<String> attackers,
                                       List<Claim> attackerWhy, Distributed spread, boolean manyPasswords,
                                       boolean dict) {
        String login = e.account();
        boolean distributed = !spread.sources().isEmpty();
        List<Claim> why = new ArrayList<>();
        List<SourceAssessment> strangers = new ArrayList<>();
        for (SourceAssessment a : failing) {
            if (!a.customerSide() && a.source().successes() == 0 && a.source().networkSuccesses() == 0) {
                strangers.add(a);
            }
        }
        if (strangers.size() >= settings.stuffingMinSources() && e.successes() == 0) {
            // nobody ever logged in as this login: the login's own totals are all strangers'
            why.add(allStrangers(e));
        } else if (strangers.size() >= settings.stuffingMinSources()) {
            why.add(strangers(login, strangers));
        }
        if (distributed && spread.reason() != null) {
            why.add(spread.reason());
        }
        addDistinct(why, attackerWhy, 3);
        if (manyPasswords) {
            why.add(Claim.of(ClaimKind.MANY_PASSWORDS).login(login).count(e.distinctFingerprints())
                    .say(EvidenceText.distinct(e.distinctFingerprints())
                            + " different password fingerprints: someone is guessing"));
        }
        if (dict) {
            why.add(Claim.of(ClaimKind.DICTIONARY).login(login)
                    .say(login + " is a name attackers guess on every server, and it never logged in here"));
        }
        why.add(failureSummary(e));
        Set<String> sources = new LinkedHashSet<>(attackers);
        sources.addAll(spread.sources());
        double confidence = 0.6 + (distributed ? 0.15 : 0) + (!attackers.isEmpty() ? 0.2 : 0)
                + (manyPasswords ? 0.1 : 0) + (dict ? 0.05 : 0);
        return result(e, AccountVerdict.TARGETED, round(Math.min(0.95, confidence)), why, Set.of(), sources,
                spread.candidates(), Set.of(), null);
    }

    private static Claim allStrangers(AccountEvidence e) {
        return Claim.of(ClaimKind.STRANGERS).login(e.account()).count(e.failures()).other(e.distinctIps())
                .extra(e.distinctNetworks()).say(e.failures() + " failures from "
                + EvidenceText.distinct(e.distinctIps()) + " different addresses in "
                + EvidenceText.distinct(e.distinctNetworks()) + " networks, none of which ever logged in as "
                + e.account());
    }

    private static Claim strangers(String login, List<SourceAssessment> strangers) {
        long failures = strangers.stream().mapToLong(a -> a.source().failures()).sum();
        Set<String> networks = new java.util.HashSet<>();
        strangers.forEach(a -> networks.add(a.source().network() == null ? a.ip() : a.source().network()));
        return Claim.of(ClaimKind.STRANGERS).login(login)
                .addresses(strangers.stream().map(SourceAssessment::ip).toList()).count(failures)
                .other(strangers.size()).extra(networks.size()).say(failures + " failures from "
                + strangers.size() + " different addresses in " + networks.size()
                + " networks, none of which ever logged in as " + login);
    }

    /** One-off addresses that guess a login together, with the sentence that says so. */
    private record Distributed(Set<String> sources, Set<String> candidates, Claim reason) {
    }

    /**
     * Returns the one-off addresses (a try or two each, no history, no client rhythm) that together
     * guess the login, when there are at least {@code stuffingMinSources} of them. A one-off that may
     * be the customer's own client on another network never counts: with a customer-side client in
     * the picture, only one-offs that sent a different password than it are someone else's.
     */
    private Distributed distributed(AccountEvidence e, List<SourceAssessment> failing, Set<String> customers) {
        Set<String> clientFps = new LinkedHashSet<>();
        boolean roamingClient = false;
        for (SourceAssessment a : failing) {
            if (customers.contains(a.ip()) && (a.client() != null || a.persistent() != null)) {
                roamingClient = true;
                if (a.source().topFingerprint() != null) {
                    clientFps.add(a.source().topFingerprint());
                }
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (SourceAssessment a : failing) {
            if (!a.oneOff() || customers.contains(a.ip())) {
                continue;
            }
            String fp = a.source().topFingerprint();
            if (roamingClient && (fp == null || clientFps.isEmpty() || clientFps.contains(fp))) {
                continue;
            }
            out.add(a.ip());
        }
        // addresses beyond the bounded source list all have fewer failures than the ones kept
        long unlisted = roamingClient ? 0
                : Math.max(0, e.distinctIps() - failingSources(e));
        long count = out.size() + unlisted;
        if (count < settings.stuffingMinSources()) {
            return new Distributed(Set.of(), out, null);
        }
        return new Distributed(out, out, distributedClaim(e.account(), out, count));
    }

    private Claim distributedClaim(String login, Set<String> oneOffs, long count) {
        return Claim.of(ClaimKind.DISTRIBUTED).addresses(List.copyOf(oneOffs)).login(login)
                .count(count).other(settings.oneOffMaxFailures())
                .say(EvidenceText.distinct(count) + (count == 1 ? " address" : " addresses") + " tried " + login
                + " at most " + EvidenceText.plural(settings.oneOffMaxFailures(), "time", "times")
                + " each without any history here (no success from them or their networks): distributed guessing");
    }

    private Claim failureSummary(AccountEvidence e) {
        return Claim.of(ClaimKind.LOGIN_SUMMARY).login(e.account()).count(e.failures()).other(e.distinctIps())
                .extra(e.successes()).first(e.firstFailure()).last(e.lastFailure())
                .say(EvidenceText.plural(e.failures(), "failure", "failures") + " from "
                + EvidenceText.distinct(e.distinctIps()) + (e.distinctIps() == 1 ? " address" : " addresses")
                + " between " + text.time(e.firstFailure())
                + " and " + text.time(e.lastFailure()) + ", " + EvidenceText.plural(e.successes(), "success", "successes"));
    }

    /**
     * Returns "separately, N addresses guess this login (at least M failures): why", naming the guessers apart
     * from the customer's own sources. M is a lower bound: a guesser that fell off the login's bounded source
     * list and came back is counted from its return.
     */
    private Claim guessers(AccountEvidence e, Set<String> guessers, Claim why) {
        long failures = 0;
        for (SourceEvidence s : e.sources()) {
            if (guessers.contains(s.ip())) {
                failures += s.failures();
            }
        }
        return Claim.of(ClaimKind.GUESSERS).addresses(List.copyOf(guessers)).login(e.account()).count(guessers.size())
                .other(failures).say(guessersText(guessers.size(), failures, why));
    }

    private static String guessersText(int guessers, long failures, Claim why) {
        String because = why == null ? "" : ": " + why.text();
        return "separately, " + EvidenceText.plural(guessers, "address guesses", "addresses guess")
                + " this login (at least " + EvidenceText.plural(failures, "failure", "failures") + ")" + because;
    }

    private static AccountAssessment result(AccountEvidence e, AccountVerdict verdict, double confidence,
                                            List<Claim> reasons, Set<String> customers, Set<String> attackers,
                                            String device) {
        return result(e, verdict, confidence, reasons, customers, attackers, Set.of(), Set.of(), device);
    }

    private static AccountAssessment result(AccountEvidence e, AccountVerdict verdict, double confidence,
                                            List<Claim> reasons, Set<String> customers, Set<String> attackers,
                                            Set<String> oneOffs, Set<String> clientFps, String device) {
        Map<String, SourceRole> roles = new HashMap<>();
        for (SourceEvidence s : e.sources()) {
            SourceRole role = attackers.contains(s.ip()) ? SourceRole.GUESSER
                    : customers.contains(s.ip()) || (s.failures() == 0 && s.successes() > 0) ? SourceRole.CUSTOMER
                    : SourceRole.UNKNOWN;
            roles.put(s.ip(), role);
        }
        return new AccountAssessment(e.account(), verdict, confidence, null, Claim.texts(reasons), customers, attackers,
                oneOffs, clientFps, e, reasons, roles, device);
    }

    private static double round(double v) {
        return Math.round(Math.max(0, Math.min(1, v)) * 100) / 100.0;
    }

    /**
     * Says where the working password was seen after the failures began: another address, or the failing
     * address itself, where either the failures stopped (that client was given the new password) or went
     * on (another device behind the address has it).
     */
    private String passwordChanged(String login, String ip, EpisodeEvidence run) {
        String at = " at " + text.time(run.confirmedAt());
        if (!ip.equals(run.confirmedFrom())) {
            return login + " logged in from " + run.confirmedFrom() + at + " after the failures began: the password"
                    + " was changed there";
        }
        if (run.failuresAfterConfirm() == 0) {
            return login + " logged in from " + ip + at + " after failing there, and the failures stopped: the client"
                    + " there was given the new password";
        }
        return login + " logged in from the same address (another device)" + at + " after the failures began: the"
                + " password was changed there";
    }

    /** Adds the first {@code max} distinct claims of {@code from} to {@code to} (a loop: on every targeted login). */
    private static void addDistinct(List<Claim> to, List<Claim> from, int max) {
        List<Claim> seen = new ArrayList<>(max);
        for (Claim c : from) {
            if (seen.size() == max) {
                break;
            }
            if (!seen.contains(c)) {
                seen.add(c);
            }
        }
        to.addAll(seen);
    }

    /** The number of the login's listed sources that failed (a loop: a stream's pipeline compiled into {@code distributed}). */
    private static long failingSources(AccountEvidence e) {
        long n = 0;
        for (SourceEvidence s : e.sources()) {
            if (s.failures() > 0) {
                n++;
            }
        }
        return n;
    }
}
