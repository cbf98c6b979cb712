package dev.authaudit.classify;

import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.Count;
import dev.authaudit.correlate.Rhythm;
import dev.authaudit.correlate.SourceEvidence;
import dev.authaudit.event.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a login its verdict: unknown_user, mistyped, stale_password, targeted or ok, weighing the signals
 * for a customer's stale client (own sources, polling rhythm, one repeated password, a success elsewhere)
 * against those of guessing (many logins or passwords per address, many addresses, dictionary names, bursts).
 */
public final class AccountClassifier {
    private final ClassifierSettings settings;
    private final DictionaryLogins dictionary;
    private final EvidenceText text;
    private final PollingRhythm rhythm;
    private final SourceRoles roles;

    AccountClassifier(ClassifierSettings settings, DictionaryLogins dictionary, EvidenceText text) {
        this.settings = settings;
        this.dictionary = dictionary;
        this.text = text;
        this.rhythm = new PollingRhythm(settings);
        this.roles = new SourceRoles(settings);
    }

    /** Returns the verdict for a login's evidence (without {@code detectedAt}; the caller stamps it). */
    public AccountAssessment classify(AccountEvidence e) {
        String login = e.account();
        List<SourceEvidence> failing = e.sources().stream().filter(s -> s.failures() > 0).toList();
        Set<String> customers = new HashSet<>();
        Set<String> attackers = new HashSet<>();
        List<String> customerWhy = new ArrayList<>();
        List<String> attackerWhy = new ArrayList<>();
        for (SourceEvidence s : failing) {
            List<String> c = roles.customerEvidence(login, s);
            if (!c.isEmpty()) {
                customers.add(s.ip());
                customerWhy.addAll(c);
                continue;
            }
            Optional<String> a = roles.attackerEvidence(s);
            if (a.isPresent()) {
                attackers.add(s.ip());
                attackerWhy.add(a.get());
            }
        }
        if (e.failures() == 0) {
            return result(e, AccountVerdict.OK, 1.0, List.of("no failed logins"), Set.of(), Set.of());
        }
        if (e.unknownUsers() > 0 && e.successes() == 0
                && (double) e.unknownUsers() / e.failures() >= settings.unknownUserShare()) {
            double share = (double) e.unknownUsers() / e.failures();
            List<String> why = new ArrayList<>();
            why.add("the server answered \"unknown user\" to " + e.unknownUsers() + " of " + e.failures()
                    + " failures and " + login + " never logged in");
            why.add(failureSummary(e));
            why.addAll(attackerWhy);
            return result(e, AccountVerdict.UNKNOWN_USER, round(0.6 + 0.39 * share), why, Set.of(), attackers);
        }
        Optional<AccountAssessment> typo = mistyped(e, failing);
        if (typo.isPresent()) {
            return typo.get();
        }
        StaleScore stale = staleScore(e, failing, customers, customerWhy, attackers);
        if (stale.stale()) {
            return result(e, AccountVerdict.STALE_PASSWORD, round(Math.min(0.99, stale.score())), stale.reasons(),
                    customers.isEmpty() ? Set.copyOf(failing.stream().map(SourceEvidence::ip).toList()) : customers,
                    Set.of());
        }
        boolean dict = dictionary.contains(login);
        boolean stuffing = e.distinctIps() >= settings.stuffingMinIps() && customers.isEmpty();
        boolean guessed = !attackers.isEmpty() && customers.isEmpty();
        boolean manyPasswords = e.distinctFingerprints() >= settings.manyFingerprints() && customers.isEmpty();
        if (stuffing || guessed || manyPasswords || (dict && e.successes() == 0 && customers.isEmpty())) {
            List<String> why = new ArrayList<>();
            if (stuffing) {
                why.add(e.failures() + " failures from " + e.distinctIps() + " different addresses in "
                        + e.distinctNetworks() + " networks, none of which ever logged in as " + login);
            }
            why.addAll(attackerWhy.stream().limit(3).toList());
            if (manyPasswords) {
                why.add(e.distinctFingerprints() + " different password fingerprints: someone is guessing");
            }
            if (dict) {
                why.add(login + " is a name attackers guess on every server");
            }
            if (why.isEmpty()) {
                why.add(failureSummary(e));
            }
            double confidence = 0.55 + (stuffing ? 0.2 : 0) + (guessed ? 0.2 : 0) + (manyPasswords ? 0.1 : 0)
                    + (dict ? 0.05 : 0);
            Set<String> sources = stuffing ? Set.copyOf(failing.stream().map(SourceEvidence::ip).toList()) : attackers;
            return result(e, AccountVerdict.TARGETED, round(Math.min(0.95, confidence)), why, Set.of(), sources);
        }
        List<String> why = new ArrayList<>();
        why.add(failureSummary(e));
        why.addAll(stale.reasons());
        why.add("too few or too mixed failures to say more");
        return result(e, AccountVerdict.OK, 0.5, why, customers, Set.of());
    }

    private Optional<AccountAssessment> mistyped(AccountEvidence e, List<SourceEvidence> failing) {
        if (e.failures() > settings.mistypedMaxFailures()) {
            return Optional.empty();
        }
        Duration window = settings.mistypedWindow();
        for (SourceEvidence s : failing) {
            if (s.failuresSinceLastSuccess() > 0) {
                return Optional.empty(); // still failing after its success: not a typo that was corrected
            }
        }
        for (SourceEvidence s : failing) {
            if (s.firstSuccessAfterFailures() != null
                    && Duration.between(s.firstFailure(), s.firstSuccessAfterFailures()).compareTo(window) <= 0) {
                String why = EvidenceText.plural(s.failures(), "failure", "failures") + " from " + s.ip() + " at "
                        + text.exactTime(s.firstFailure()) + ", then a successful login from the same address at "
                        + text.exactTime(s.firstSuccessAfterFailures()) + " and no failure since";
                return Optional.of(result(e, AccountVerdict.MISTYPED, 0.85, List.of(why), Set.of(s.ip()), Set.of()));
            }
        }
        return Optional.empty();
    }

    /** The stale-password signals found and their weight. */
    private record StaleScore(boolean stale, double score, List<String> reasons) {
    }

    private StaleScore staleScore(AccountEvidence e, List<SourceEvidence> failing, Set<String> customers,
                                  List<String> customerWhy, Set<String> attackers) {
        List<String> why = new ArrayList<>();
        double score = 0;
        boolean few = e.distinctIps() <= settings.staleMaxSources();
        boolean support = false;
        for (SourceEvidence s : failing.stream().limit(settings.staleMaxSources()).toList()) {
            Optional<Rhythm> r = rhythm.of(s);
            if (r.isPresent()) {
                why.add(s.failures() + " failures from " + s.ip() + " " + rhythm.describe(r.get()) + " since "
                        + text.time(s.firstFailure()) + ", " + EvidenceText.protocols(s.protocols()));
                score += 0.3;
                support = true;
                break;
            }
        }
        if (!customers.isEmpty()) {
            why.addAll(customerWhy.stream().distinct().limit(2).toList());
            score += 0.35;
            support = true;
        }
        if (e.distinctFingerprints() == 1 && e.fingerprints().get(0).count() >= settings.oneFingerprintMin()) {
            Count fp = e.fingerprints().get(0);
            why.add("one password fingerprint " + fp.value() + " repeated " + fp.count() + " times");
            score += 0.25;
            support = true;
        }
        for (SourceEvidence s : failing) {
            Set<Protocol> p = s.protocols();
            if (p.contains(Protocol.SMTP) && (p.contains(Protocol.IMAP) || p.contains(Protocol.POP3))) {
                why.add(EvidenceText.protocols(p) + " failing together from " + s.ip() + ": one device, one stored password");
                score += 0.1;
                break;
            }
        }
        if (e.successElsewhereAt() != null) {
            why.add(e.account() + " logged in from " + e.successElsewhereIp() + " at " + text.time(e.successElsewhereAt())
                    + " after the failures began: the password was changed there");
            score += 0.2;
            support = true;
        }
        if (few) {
            score += 0.1;
        }
        long bursts = failing.stream().mapToLong(SourceEvidence::burstGaps).sum();
        long gaps = failing.stream().mapToLong(s -> s.rhythms().stream().mapToLong(Rhythm::gaps).sum()).sum() + bursts;
        if (gaps > 0 && (double) bursts / gaps >= settings.burstShare()) {
            why.add(bursts + " of " + gaps + " retries came within seconds of the previous one: a burst, not polling");
            score -= 0.3;
        }
        if (!attackers.isEmpty()) {
            score -= 0.4;
        }
        if (dictionary.contains(e.account()) && customers.isEmpty()) {
            score -= 0.3;
        }
        boolean manyFps = e.distinctFingerprints() >= settings.manyFingerprints();
        boolean stale = e.failures() >= settings.staleMinFailures() && few && !manyFps && support
                && score >= settings.staleScore();
        return new StaleScore(stale, score, why);
    }

    private String failureSummary(AccountEvidence e) {
        return EvidenceText.plural(e.failures(), "failure", "failures") + " from "
                + EvidenceText.plural(e.distinctIps(), "address", "addresses") + " between " + text.time(e.firstFailure())
                + " and " + text.time(e.lastFailure()) + ", " + EvidenceText.plural(e.successes(), "success", "successes");
    }

    private static AccountAssessment result(AccountEvidence e, AccountVerdict verdict, double confidence,
                                            List<String> reasons, Set<String> customers, Set<String> attackers) {
        return new AccountAssessment(e.account(), verdict, confidence, null, reasons, customers, attackers, e);
    }

    private static double round(double v) {
        return Math.round(Math.max(0, Math.min(1, v)) * 100) / 100.0;
    }
}
