package dev.authaudit.classify;

import dev.authaudit.correlate.EpisodeEvidence;
import dev.authaudit.correlate.IpContext;
import dev.authaudit.correlate.Rhythm;
import dev.authaudit.correlate.SourceEvidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges one failing source of a login on its own evidence: is it the customer's (history with this
 * login, its network or its domain), does it behave like a mail client (rhythm, one repeated
 * password), does it keep failing after the password worked elsewhere, was it a typo, or is the address
 * an attacker (many logins, many passwords, logins that do not exist).
 */
final class SourceRoles {
    private final ClassifierSettings settings;
    private final EvidenceText text;
    private final PollingRhythm rhythm;

    SourceRoles(ClassifierSettings settings, EvidenceText text) {
        this.settings = settings;
        this.text = text;
        this.rhythm = new PollingRhythm(settings);
    }

    SourceAssessment assess(String login, SourceEvidence s) {
        List<Claim> owned = ownership(login, s);
        Claim attacker = attackerEvidence(login, s).orElse(null);
        Claim client = attacker == null ? clientSignature(login, s).orElse(null) : null;
        boolean mostlyMismatch = s.unknownUsers() * 2 < s.failures();
        // a short run that ended in a success from the same address, with nothing longer before it, is a
        // person correcting a password, however regular the retries looked
        Claim typo = attacker == null && shortOnly(s) ? typo(login, s).orElse(null) : null;
        Claim persistent = attacker == null && mostlyMismatch && typo == null
                ? persistence(login, s, client).orElse(null) : null;
        boolean oneOff = owned.isEmpty() && client == null && persistent == null && typo == null
                && s.failures() <= settings.oneOffMaxFailures() && s.context().successes() == 0;
        return new SourceAssessment(s, owned, client, persistent, typo, attacker, oneOff);
    }

    private List<Claim> ownership(String login, SourceEvidence s) {
        List<Claim> why = new ArrayList<>(1);
        if (s.successesBeforeFailures() > 0) {
            why.add(successBefore(login, s));
        } else if (s.successes() > 0) {
            why.add(successSameAddress(login, s));
        } else if (s.networkSuccesses() > 0) {
            why.add(networkSuccess(login, s));
        } else if (s.domainSuccesses() > 0) {
            why.add(domainSuccess(login, s));
        }
        return why;
    }

    // Each claim is built in a method of its own: the sentences (string concatenation inlines into a
    // lot of machine code) then compile apart from the tests that choose between them, in units small
    // enough that no single compile of the classifier dominates the JIT's time in a scan.

    private Claim successBefore(String login, SourceEvidence s) {
        return Claim.of(ClaimKind.SUCCESS_BEFORE).address(s.ip()).login(login).count(s.successesBeforeFailures())
                .first(s.firstFailure()).say("same address logged in successfully as " + login + " "
                + EvidenceText.plural(s.successesBeforeFailures(), "time", "times") + " before the failures began");
    }

    private Claim successSameAddress(String login, SourceEvidence s) {
        return Claim.of(ClaimKind.SUCCESS_SAME_ADDRESS).address(s.ip()).login(login).count(s.successes())
                .say("same address also logged in successfully as " + login + " "
                + EvidenceText.plural(s.successes(), "time", "times")
                + " (another device behind the same address, e.g. a home or office NAT)");
    }

    private Claim networkSuccess(String login, SourceEvidence s) {
        return Claim.of(ClaimKind.NETWORK_SUCCESS).address(s.ip(), s.network()).login(login)
                .count(s.networkSuccesses()).say("the network of " + s.ip() + " (" + s.network() + ") has "
                + EvidenceText.plural(s.networkSuccesses(), "successful login", "successful logins") + " as "
                + login);
    }

    private Claim domainSuccess(String login, SourceEvidence s) {
        return Claim.of(ClaimKind.DOMAIN_SUCCESS).address(s.ip()).login(login).count(s.domainSuccesses())
                .say("other mailboxes of " + login.substring(login.indexOf('@') + 1) + " log in successfully from "
                + s.ip() + " (" + EvidenceText.plural(s.domainSuccesses(), "time", "times") + ")");
    }

    private Optional<Claim> clientSignature(String login, SourceEvidence s) {
        Optional<Rhythm> r = rhythm.of(s);
        if (r.isPresent()) {
            return Optional.of(polling(login, s, r.get()));
        }
        if (s.distinctFingerprints() == 1 && s.topFingerprintCount() >= settings.oneFingerprintMin()) {
            return Optional.of(samePassword(login, s));
        }
        return Optional.empty();
    }

    private Claim polling(String login, SourceEvidence s, Rhythm r) {
        Claim.Builder b = Claim.of(ClaimKind.POLLING).address(s.ip()).login(login).count(s.failures())
                .first(s.firstFailure()).last(s.lastFailure()).protocols(s.failureProtocols())
                .ports(s.failurePorts()).period(java.time.Duration.ofSeconds(rhythm.period(r)))
                .on(r.protocol());
        return b.say(pollingText(s, r, b.protocols()));
    }

    private String pollingText(SourceEvidence s, Rhythm r, java.util.Set<dev.authaudit.event.Protocol> protocols) {
        // the rhythm belongs to one protocol; say which when the source failed on more than one
        String on = protocols.size() > 1 ? " on " + EvidenceText.protocols(java.util.Set.of(r.protocol())) : "";
        return s.failures() + " failures from " + s.ip() + " since "
                + text.time(s.firstFailure()) + ", " + EvidenceText.protocols(protocols) + ", "
                + rhythm.describe(r) + on + ": a mail client polling, not a person";
    }

    private Claim samePassword(String login, SourceEvidence s) {
        String atLeast = s.unitemized() > 0 ? "at least " : "";
        return Claim.of(ClaimKind.SAME_PASSWORD).address(s.ip()).login(login)
                .fingerprint(s.topFingerprint()).count(s.topFingerprintCount()).other(s.unitemized() > 0 ? 1 : 0)
                .first(s.firstFailure())
                .say(s.ip() + " sent the same password (fingerprint " + s.topFingerprint() + ") " + atLeast
                + s.topFingerprintCount() + " times since " + text.time(s.firstFailure())
                + ": one stored password, retried");
    }

    private Optional<Claim> persistence(String login, SourceEvidence s, Claim client) {
        if (s.failures() < settings.staleMinFailures()) {
            return Optional.empty();
        }
        if (client != null) {
            return Optional.of(client);
        }
        EpisodeEvidence run = s.longestEpisode();
        if (run != null && run.failuresAfterConfirm() >= settings.staleConfirmedFailures()
                && run.span().compareTo(settings.staleConfirmedSpan()) >= 0) {
            return Optional.of(failingAfterSuccess(login, s, run));
        }
        if (run != null && run.failures() >= settings.staleMinFailures()
                && run.span().compareTo(settings.staleMinSpan()) >= 0) {
            return Optional.of(longRun(login, s, run));
        }
        return Optional.empty();
    }

    private Claim failingAfterSuccess(String login, SourceEvidence s, EpisodeEvidence run) {
        String where = s.ip().equals(run.confirmedFrom()) ? "from the same address (another device)"
                : "from " + run.confirmedFrom();
        return Claim.of(ClaimKind.FAILING_AFTER_SUCCESS).address(s.ip(), run.confirmedFrom())
                .login(login).first(run.confirmedAt()).count(run.failuresAfterConfirm())
                .say(login + " logged in successfully " + where + " at " + text.exactTime(run.confirmedAt())
                + ", yet " + s.ip() + " failed " + run.failuresAfterConfirm()
                + " more times: the password works, this client has an old one");
    }

    private Claim longRun(String login, SourceEvidence s, EpisodeEvidence run) {
        Claim.Builder b = Claim.of(ClaimKind.LONG_RUN).address(s.ip()).login(login).count(run.failures())
                .first(run.first()).last(run.last()).protocols(s.failureProtocols()).ports(s.failurePorts());
        return b.say(run.failures() + " failures from " + s.ip() + " between "
                + text.time(run.first()) + " and " + text.time(run.last()) + " ("
                + EvidenceText.duration(run.span()) + "), " + EvidenceText.protocols(b.protocols())
                + ": a client retrying for longer than anyone takes to retype a password");
    }

    /** Returns true when every run of failures from the source so far was short. */
    private boolean shortOnly(SourceEvidence s) {
        EpisodeEvidence run = s.episode();
        EpisodeEvidence longest = s.longestEpisode();
        return run != null && longest != null && longest.span().compareTo(settings.staleMinSpan()) < 0;
    }

    private Optional<Claim> typo(String login, SourceEvidence s) {
        EpisodeEvidence run = s.episode();
        if (run == null || run.failures() > settings.mistypedMaxFailures() || run.resolvedAt() == null
                || Duration.between(run.first(), run.resolvedAt()).compareTo(settings.mistypedWindow()) > 0) {
            return Optional.empty();
        }
        return Optional.of(typoClaim(login, s, run));
    }

    private Claim typoClaim(String login, SourceEvidence s, EpisodeEvidence run) {
        return Claim.of(ClaimKind.TYPO).address(s.ip()).login(login).count(run.failures())
                .first(run.first()).last(run.resolvedAt())
                .say(EvidenceText.plural(run.failures(), "failure", "failures") + " from " + s.ip() + " at "
                + text.exactTime(run.first()) + ", then a successful login from the same address at "
                + text.exactTime(run.resolvedAt()) + " and no failure since");
    }

    /** Returns the claim that makes the source an attacker on its own evidence, if any. */
    Optional<Claim> attackerEvidence(String login, SourceEvidence s) {
        IpContext c = s.context();
        if (c.successes() > 0) {
            return Optional.empty();
        }
        Optional<Claim> own = AttackerSigns.of(settings, s.ip(), c.distinctFailedLogins(), c.distinctFingerprints(),
                c.unknownUsers(), c.maxFailuresOneLogin(), c.networkSuccesses());
        if (own.isPresent()) {
            return own;
        }
        if (s.distinctFingerprints() >= settings.manyFingerprints() && s.successes() == 0) {
            return Optional.of(manyPasswords(login, s));
        }
        return Optional.empty();
    }

    private static Claim manyPasswords(String login, SourceEvidence s) {
        return Claim.of(ClaimKind.MANY_PASSWORDS).address(s.ip()).login(login)
                .count(s.distinctFingerprints()).say(s.ip() + " sent " + s.distinctFingerprints()
                + " different passwords for " + login + ": guessing, not a stored password");
    }
}
