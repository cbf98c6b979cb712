package dev.authaudit.classify;

import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.EpisodeEvidence;
import dev.authaudit.correlate.SourceEvidence;
import dev.authaudit.event.Protocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
            return result(e, AccountVerdict.OK, 1.0, List.of("no failed logins"), Set.of(), Set.of());
        }
        List<SourceAssessment> failing = new ArrayList<>();
        for (SourceEvidence s : e.sources()) {
            if (s.failures() > 0) {
                failing.add(roles.assess(login, s));
            }
        }
        Set<String> attackers = new LinkedHashSet<>();
        List<String> attackerWhy = new ArrayList<>();
        for (SourceAssessment a : failing) {
            if (a.attacker() != null) {
                attackers.add(a.ip());
                attackerWhy.add(a.attacker());
            }
        }
        if (e.unknownUsers() > 0 && e.successes() == 0
                && (double) e.unknownUsers() / e.failures() >= settings.unknownUserShare()) {
            double share = (double) e.unknownUsers() / e.failures();
            List<String> why = new ArrayList<>();
            why.add("the server answered \"unknown user\" to " + e.unknownUsers() + " of " + e.failures()
                    + " failures and " + login + " never logged in");
            why.add(failureSummary(e));
            why.addAll(attackerWhy.stream().limit(3).toList());
            return result(e, AccountVerdict.UNKNOWN_USER, round(0.6 + 0.39 * share), why, Set.of(), attackers);
        }
        boolean inUse = e.successes() > 0;
        List<SourceAssessment> stale = failing.stream().filter(this::staleClient).toList();
        if (!stale.isEmpty()) {
            return stale(e, failing, stale, attackers, attackerWhy);
        }
        List<SourceAssessment> typos = failing.stream().filter(a -> a.typo() != null && a.attacker() == null).toList();
        if (!typos.isEmpty()) {
            List<String> why = new ArrayList<>();
            typos.stream().limit(2).forEach(a -> why.add(a.typo()));
            Set<String> customers = new LinkedHashSet<>();
            typos.forEach(a -> customers.add(a.ip()));
            Distributed spread = distributed(e, failing, customers);
            Set<String> attackerSources = new LinkedHashSet<>(attackers);
            attackerSources.addAll(spread.sources());
            if (!attackerSources.isEmpty()) {
                why.add("separately, others guess this login: "
                        + (attackerWhy.isEmpty() ? spread.reason() : attackerWhy.get(0)));
            }
            return result(e, AccountVerdict.MISTYPED, 0.85, why, customers, attackerSources, spread.candidates(), Set.of());
        }
        return targetedOrOk(e, failing, attackers, attackerWhy, inUse);
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
                                    Set<String> attackers, List<String> attackerWhy) {
        SourceAssessment main = stale.stream()
                .max(Comparator.comparingLong((SourceAssessment a) -> a.source().failures())).orElseThrow();
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
            if (stale.contains(a) || a.isOwned() || a.client() != null || sameDevice || roaming) {
                customers.add(a.ip());
            }
        }
        Set<String> attackerSources = new LinkedHashSet<>(attackers);
        Distributed spread = distributed(e, failing, customers);
        attackerSources.addAll(spread.sources());
        List<String> why = new ArrayList<>();
        why.add(main.persistent());
        why.addAll(main.owned());
        if (main.client() != null && !main.client().equals(main.persistent())) {
            why.add(main.client());
        }
        SourceEvidence ms = main.source();
        if (ms.distinctFingerprints() == 1 && ms.topFingerprintCount() >= settings.oneFingerprintMin()
                && !main.persistent().contains("same password")) {
            why.add("one password fingerprint " + ms.topFingerprint() + " repeated " + ms.topFingerprintCount()
                    + " times");
        }
        Set<Protocol> p = ms.protocols();
        if (p.contains(Protocol.SMTP) && (p.contains(Protocol.IMAP) || p.contains(Protocol.POP3))) {
            why.add(EvidenceText.protocols(p.stream().filter(x -> x != Protocol.OTHER).toList())
                    + " failing together from " + main.ip() + ": one device, one stored password");
        }
        EpisodeEvidence run = ms.longestEpisode();
        if (run != null && run.confirmedAt() != null && !main.persistent().contains("the password works")) {
            why.add(e.account() + " logged in from " + (main.ip().equals(run.confirmedFrom())
                    ? "the same address (another device)" : run.confirmedFrom()) + " at "
                    + text.time(run.confirmedAt()) + " after the failures began: the password was changed there");
        }
        if (stale.size() > 1) {
            why.add("the same happens from " + EvidenceText.plural(stale.size() - 1, "more address", "more addresses")
                    + " (" + EvidenceText.list(stale.stream().filter(a -> a != main).map(SourceAssessment::ip).toList(), 3)
                    + "): the same device on other networks, or another device with the old password");
        }
        if (!attackerSources.isEmpty()) {
            why.add("separately, " + EvidenceText.plural(attackerSources.size(), "address guesses", "addresses guess")
                    + " this login: " + (attackerWhy.isEmpty() ? spread.reason() : attackerWhy.get(0)));
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
                attackerSources, spread.candidates(), clientFps);
    }

    private AccountAssessment targetedOrOk(AccountEvidence e, List<SourceAssessment> failing, Set<String> attackers,
                                           List<String> attackerWhy, boolean inUse) {
        String login = e.account();
        List<SourceAssessment> customerSide = failing.stream().filter(SourceAssessment::customerSide).toList();
        Set<String> customerIps = new LinkedHashSet<>();
        customerSide.forEach(a -> customerIps.add(a.ip()));
        Distributed spread = distributed(e, failing, customerIps);
        boolean distributed = !spread.sources().isEmpty();
        boolean manyPasswords = customerSide.isEmpty() && e.distinctFingerprints() >= settings.manyFingerprints();
        boolean dict = dictionary.contains(login) && !inUse && customerSide.isEmpty();
        if (!attackers.isEmpty() || distributed || manyPasswords || dict) {
            List<String> why = new ArrayList<>();
            long strangers = failing.stream().filter(a -> !a.customerSide() && a.source().successes() == 0
                    && a.source().networkSuccesses() == 0).count();
            if (strangers >= settings.stuffingMinSources()) {
                why.add(e.failures() + " failures from " + e.distinctIps() + " different addresses in "
                        + e.distinctNetworks() + " networks, none of which ever logged in as " + login);
            }
            if (distributed) {
                why.add(spread.reason());
            }
            why.addAll(attackerWhy.stream().distinct().limit(3).toList());
            if (manyPasswords) {
                why.add(e.distinctFingerprints() + " different password fingerprints: someone is guessing");
            }
            if (dict) {
                why.add(login + " is a name attackers guess on every server, and it never logged in here");
            }
            why.add(failureSummary(e));
            Set<String> sources = new LinkedHashSet<>(attackers);
            sources.addAll(spread.sources());
            double confidence = 0.6 + (distributed ? 0.15 : 0) + (!attackers.isEmpty() ? 0.2 : 0)
                    + (manyPasswords ? 0.1 : 0) + (dict ? 0.05 : 0);
            return result(e, AccountVerdict.TARGETED, round(Math.min(0.95, confidence)), why, Set.of(), sources,
                    spread.candidates(), Set.of());
        }
        List<String> why = new ArrayList<>();
        why.add(failureSummary(e));
        failing.stream().map(SourceAssessment::client).filter(Objects::nonNull).findFirst().ifPresent(why::add);
        why.add("too few or too mixed failures to say more");
        Set<String> customers = new LinkedHashSet<>();
        customerSide.forEach(a -> customers.add(a.ip()));
        return result(e, AccountVerdict.OK, 0.5, why, customers, Set.of(), spread.candidates(), Set.of());
    }

    /** One-off addresses that guess a login together, with the sentence that says so. */
    private record Distributed(Set<String> sources, Set<String> candidates, String reason) {
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
                : Math.max(0, e.distinctIps() - e.sources().stream().filter(s -> s.failures() > 0).count());
        long count = out.size() + unlisted;
        if (count < settings.stuffingMinSources()) {
            return new Distributed(Set.of(), out, "");
        }
        return new Distributed(out, out, EvidenceText.plural(count, "address", "addresses") + " tried " + e.account()
                + " at most " + EvidenceText.plural(settings.oneOffMaxFailures(), "time", "times")
                + " each without any history here (no success from them or their networks): distributed guessing");
    }

    private String failureSummary(AccountEvidence e) {
        return EvidenceText.plural(e.failures(), "failure", "failures") + " from "
                + EvidenceText.plural(e.distinctIps(), "address", "addresses") + " between " + text.time(e.firstFailure())
                + " and " + text.time(e.lastFailure()) + ", " + EvidenceText.plural(e.successes(), "success", "successes");
    }

    private static AccountAssessment result(AccountEvidence e, AccountVerdict verdict, double confidence,
                                            List<String> reasons, Set<String> customers, Set<String> attackers) {
        return result(e, verdict, confidence, reasons, customers, attackers, Set.of(), Set.of());
    }

    private static AccountAssessment result(AccountEvidence e, AccountVerdict verdict, double confidence,
                                            List<String> reasons, Set<String> customers, Set<String> attackers,
                                            Set<String> oneOffs, Set<String> clientFps) {
        return new AccountAssessment(e.account(), verdict, confidence, null, reasons, customers, attackers, oneOffs,
                clientFps, e);
    }

    private static double round(double v) {
        return Math.round(Math.max(0, Math.min(1, v)) * 100) / 100.0;
    }
}
