package dev.authaudit.classify;

import dev.authaudit.correlate.Count;
import dev.authaudit.correlate.IpEvidence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Gives an address its verdict. A customer's address is never called an attacker: one success, or
 * being the device behind a login's stale password or typo, outweighs any number of failures (a NAT
 * with a stale phone and a working laptop is a customer). Otherwise an address is an attacker on its
 * own evidence (many logins, many passwords, logins that do not exist, several logins tried once or
 * twice each) or as one of many one-off addresses guessing the same login.
 */
public final class IpClassifier {
    /** The length of the fixed words of a distributed guesser's sentence. */
    private static final int MEMBER_WORDS = " is one of many addresses that failed ".length()
            + " once or twice each without ever logging in: distributed guessing".length();
    private final ClassifierSettings settings;
    private final DictionaryLogins dictionary;

    IpClassifier(ClassifierSettings settings, DictionaryLogins dictionary) {
        this.settings = settings;
        this.dictionary = dictionary;
    }

    /**
     * Returns the verdict for an address's evidence.
     *
     * @param customerOf logins whose verdict shows this address to be the customer's own device
     * @param attackerOf logins whose verdict shows this address to be one of many attackers
     * @param inUse true for a login that logged in successfully at least once
     * @param campaign why the address is one of many one-off addresses of a distributed attack, or null
     */
    public IpAssessment classify(IpEvidence e, Set<String> customerOf, Set<String> attackerOf,
                                 Predicate<String> inUse, String campaign) {
        return classifyAsking(e, customerOf, attackerOf, inUse, () -> campaign);
    }

    /**
     * As {@link #classify(IpEvidence, Set, Set, Predicate, String)}, asking for the campaign's sentence (null when
     * the address is not one of a campaign) only when no stronger reason decides the verdict.
     */
    IpAssessment classifyAsking(IpEvidence e, Set<String> customerOf, Set<String> attackerOf,
                                Predicate<String> inUse, Supplier<String> campaignOf) {
        // The tests that choose the verdict stay here; each verdict's sentences are built in a method of
        // their own, so that this method, run for each of a botnet day's ~100,000 addresses, compiles in a
        // small unit apart from the string building of the verdicts most addresses never reach.
        List<String> logins = e.logins().size() == 1 && e.successLogins().isEmpty()
                ? List.of(e.logins().get(0).value()) // the usual address at the end of a big run
                : allLogins(e);
        if (e.successes() > 0) {
            return loggedIn(e, logins);
        }
        if (!customerOf.isEmpty()) {
            return deviceOf(e, customerOf, logins);
        }
        if (networkHistory(e) && e.distinctLogins() < settings.sprayMinLogins()) {
            return networkHistory(e, logins);
        }
        boolean scans = e.distinctDropPorts() >= settings.scannerMinPorts();
        // guessing passwords makes an attacker, whatever else the address does; a scan is said beside it
        Optional<Claim> own = e.failures() == 0 ? Optional.empty() : AttackerSigns.of(settings, e.ip(),
                e.distinctFailedLogins(), e.distinctFingerprints(), e.unknownUsers(), e.maxFailuresOneLogin(),
                e.networkSuccesses());
        if (own.isPresent()) {
            return ownSigns(e, own.get(), scans, logins);
        }
        if (!attackerOf.isEmpty()) {
            return member(e, attackerOf, scans, logins);
        }
        String campaign = campaignOf.get();
        if (campaign != null) {
            return campaignMember(e, campaign, scans, logins);
        }
        if (scans) {
            return scanner(e, logins);
        }
        if (e.failures() > 0 && !e.logins().isEmpty() && onlyDictionary(e, inUse)) {
            return onlyDictionary(e, logins);
        }
        return undecided(e, logins);
    }

    private static List<String> allLogins(IpEvidence e) {
        Set<String> accounts = new LinkedHashSet<>();
        for (Count c : e.logins()) {
            accounts.add(c.value());
        }
        accounts.addAll(e.successLogins());
        return List.copyOf(accounts);
    }

    private static IpAssessment loggedIn(IpEvidence e, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        why.add(Claim.of(ClaimKind.ADDRESS_SUCCESS).address(e.ip()).logins(e.successLogins()).count(e.successes())
                .say(e.ip() + " logged in successfully " + EvidenceText.plural(e.successes(), "time", "times")
                + " as " + EvidenceText.list(e.successLogins(), 3)));
        if (e.failures() > 0) {
            why.add(Claim.of(ClaimKind.CUSTOMER_FAILURES).address(e.ip()).count(e.failures())
                    .say("its " + EvidenceText.plural(e.failures(), "failure", "failures")
                    + " come from a customer's device, not an attacker"));
        }
        return IpAssessment.of(e.ip(), IpVerdict.CUSTOMER, 0.95, logins, why, e);
    }

    private static IpAssessment deviceOf(IpEvidence e, Set<String> customerOf, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        why.add(Claim.of(ClaimKind.DEVICE_OF).address(e.ip()).logins(List.copyOf(customerOf))
                .say(e.ip() + " is the device of " + EvidenceText.list(customerOf, 3)
                + ", whose failures are a stale or mistyped password"));
        return IpAssessment.of(e.ip(), IpVerdict.CUSTOMER, 0.85, logins, why, e);
    }

    /** True when a login this address tried logged in successfully from its network. */
    private static boolean networkHistory(IpEvidence e) {
        if (e.networkSuccessLogins().isEmpty()) {
            return false;
        }
        for (Count c : e.logins()) {
            if (e.networkSuccessLogins().contains(c.value())) {
                return true;
            }
        }
        return false;
    }

    private static IpAssessment networkHistory(IpEvidence e, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        why.add(Claim.of(ClaimKind.NETWORK_HISTORY).address(e.ip(), e.network()).logins(e.networkSuccessLogins())
                .say("its network " + e.network() + " has successful logins as the same "
                + EvidenceText.list(e.networkSuccessLogins(), 3)));
        return IpAssessment.of(e.ip(), IpVerdict.CUSTOMER, 0.7, logins, why, e);
    }

    /** The claim that the address knocked on many ports, said beside an attacker's reasons or alone. */
    private static Claim ports(IpEvidence e) {
        return Claim.of(ClaimKind.PORTS_KNOCKED).address(e.ip()).ports(e.dropPorts())
                .count(e.distinctDropPorts()).other(e.dropAttempts())
                .say(e.ip() + " knocked on " + e.distinctDropPorts() + " different ports ("
                + EvidenceText.list(e.dropPorts(), 8) + ") in " + e.dropAttempts() + " connection attempts");
    }

    private IpAssessment ownSigns(IpEvidence e, Claim own, boolean scans, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        why.add(own);
        List<String> dictLogins = new ArrayList<>();
        for (Count c : e.logins()) {
            if (dictionary.contains(c.value())) {
                dictLogins.add(c.value());
            }
        }
        if (!dictLogins.isEmpty() && e.distinctFailedLogins() > 1) {
            why.add(Claim.of(ClaimKind.DICTIONARY_LOGINS).address(e.ip()).logins(dictLogins).count(dictLogins.size())
                    .say(dictLogins.size() + " of the logins it tried are names attackers guess everywhere ("
                    + EvidenceText.list(dictLogins, 3) + ")"));
        }
        if (scans) {
            why.add(ports(e));
        }
        return IpAssessment.of(e.ip(), IpVerdict.ATTACKER, 0.9, logins, why, e);
    }

    private static IpAssessment member(IpEvidence e, Set<String> attackerOf, boolean scans, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        // the botnet day's ~100,000 addresses each say this: written into a builder of the sentence's size
        // (a default one grew three times, 60 % of what the end of that run allocated for addresses)
        String tried = EvidenceText.list(attackerOf, 3);
        // the usual address guessed the one login it is listed with: the claim keeps that list, not a copy
        List<String> guessed = attackerOf.size() == 1 && logins.size() == 1
                && attackerOf.contains(logins.get(0)) ? logins : List.copyOf(attackerOf);
        why.add(Claim.of(ClaimKind.DISTRIBUTED_MEMBER).address(e.ip()).logins(guessed)
                .say(new StringBuilder(e.ip().length() + tried.length() + MEMBER_WORDS)
                        .append(e.ip()).append(" is one of many addresses that failed ").append(tried)
                        .append(" once or twice each without ever logging in: distributed guessing").toString()));
        if (scans) {
            why.add(ports(e));
        }
        return IpAssessment.of(e.ip(), IpVerdict.ATTACKER, 0.75, logins, why, e);
    }

    private static IpAssessment campaignMember(IpEvidence e, String campaign, boolean scans, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        why.add(Claim.of(ClaimKind.DISTRIBUTED_MEMBER).address(e.ip()).logins(logins).say(campaign));
        if (scans) {
            why.add(ports(e));
        }
        return IpAssessment.of(e.ip(), IpVerdict.ATTACKER, 0.65, logins, why, e);
    }

    private IpAssessment scanner(IpEvidence e, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        why.add(ports(e));
        return IpAssessment.of(e.ip(), IpVerdict.SCANNER, e.distinctDropPorts() >= 2L * settings.scannerMinPorts()
                ? 0.95 : 0.8, logins, why, e);
    }

    /** True when every login the address tried is a name attackers guess everywhere that never logged in here. */
    private boolean onlyDictionary(IpEvidence e, Predicate<String> inUse) {
        for (Count c : e.logins()) {
            if (!dictionary.contains(c.value()) || inUse.test(c.value())) {
                return false;
            }
        }
        return true;
    }

    private static IpAssessment onlyDictionary(IpEvidence e, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        List<String> tried = new ArrayList<>(e.logins().size());
        for (Count c : e.logins()) {
            tried.add(c.value());
        }
        why.add(Claim.of(ClaimKind.ONLY_DICTIONARY).address(e.ip()).logins(tried)
                .say(e.ip() + " only tried names attackers guess everywhere ("
                + EvidenceText.list(tried, 3) + "), none of which ever logged in here"));
        return IpAssessment.of(e.ip(), IpVerdict.ATTACKER, 0.6, logins, why, e);
    }

    private static IpAssessment undecided(IpEvidence e, List<String> logins) {
        List<Claim> why = new ArrayList<>(2);
        why.add(Claim.of(ClaimKind.UNDECIDED).address(e.ip()).count(e.failures()).other(e.dropHits())
                .say(EvidenceText.plural(e.failures(), "failure", "failures") + " and "
                + EvidenceText.plural(e.dropHits(), "firewall drop", "firewall drops")
                + ": not enough to say whose it is"));
        return IpAssessment.of(e.ip(), IpVerdict.UNKNOWN, 0.5, logins, why, e);
    }
}
