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
        List<String> owned = ownership(login, s);
        String attacker = attackerEvidence(login, s).orElse(null);
        String client = attacker == null ? clientSignature(s).orElse(null) : null;
        boolean mostlyMismatch = s.unknownUsers() * 2 < s.failures();
        // a short run that ended in a success from the same address, with nothing longer before it, is a
        // person correcting a password, however regular the retries looked
        String typo = attacker == null && shortOnly(s) ? typo(s).orElse(null) : null;
        String persistent = attacker == null && mostlyMismatch && typo == null
                ? persistence(login, s, client).orElse(null) : null;
        boolean oneOff = owned.isEmpty() && client == null && persistent == null && typo == null
                && s.failures() <= settings.oneOffMaxFailures() && s.context().successes() == 0;
        return new SourceAssessment(s, owned, client, persistent, typo, attacker, oneOff);
    }

    private List<String> ownership(String login, SourceEvidence s) {
        List<String> why = new ArrayList<>(1);
        if (s.successesBeforeFailures() > 0) {
            why.add("same address logged in successfully as " + login + " "
                    + EvidenceText.plural(s.successesBeforeFailures(), "time", "times") + " before the failures began");
        } else if (s.successes() > 0) {
            why.add("same address also logged in successfully as " + login + " "
                    + EvidenceText.plural(s.successes(), "time", "times")
                    + " (another device behind the same address, e.g. a home or office NAT)");
        } else if (s.networkSuccesses() > 0) {
            why.add("the network of " + s.ip() + " (" + s.network() + ") has "
                    + EvidenceText.plural(s.networkSuccesses(), "successful login", "successful logins") + " as "
                    + login);
        } else if (s.domainSuccesses() > 0) {
            why.add("other mailboxes of " + login.substring(login.indexOf('@') + 1) + " log in successfully from "
                    + s.ip() + " (" + EvidenceText.plural(s.domainSuccesses(), "time", "times") + ")");
        }
        return why;
    }

    private Optional<String> clientSignature(SourceEvidence s) {
        Optional<Rhythm> r = rhythm.of(s);
        if (r.isPresent()) {
            return Optional.of(s.failures() + " failures from " + s.ip() + " " + rhythm.describe(r.get()) + " since "
                    + text.time(s.firstFailure()) + ", " + EvidenceText.protocols(s.protocols())
                    + ": a mail client polling, not a person");
        }
        if (s.distinctFingerprints() == 1 && s.topFingerprintCount() >= settings.oneFingerprintMin()) {
            return Optional.of(s.ip() + " sent the same password (fingerprint " + s.topFingerprint() + ") "
                    + s.topFingerprintCount() + " times since " + text.time(s.firstFailure())
                    + ": one stored password, retried");
        }
        return Optional.empty();
    }

    private Optional<String> persistence(String login, SourceEvidence s, String client) {
        if (s.failures() < settings.staleMinFailures()) {
            return Optional.empty();
        }
        if (client != null) {
            return Optional.of(client);
        }
        EpisodeEvidence run = s.longestEpisode();
        if (run != null && run.failuresAfterConfirm() >= settings.staleConfirmedFailures()
                && run.span().compareTo(settings.staleConfirmedSpan()) >= 0) {
            String where = s.ip().equals(run.confirmedFrom()) ? "from the same address (another device)"
                    : "from " + run.confirmedFrom();
            return Optional.of(login + " logged in successfully " + where + " at " + text.exactTime(run.confirmedAt())
                    + ", yet " + s.ip() + " failed " + run.failuresAfterConfirm()
                    + " more times: the password works, this client has an old one");
        }
        if (run != null && run.failures() >= settings.staleMinFailures()
                && run.span().compareTo(settings.staleMinSpan()) >= 0) {
            return Optional.of(run.failures() + " failures from " + s.ip() + " between " + text.time(run.first())
                    + " and " + text.time(run.last()) + " (" + EvidenceText.duration(run.span())
                    + "), " + EvidenceText.protocols(s.protocols())
                    + ": a client retrying for longer than anyone takes to retype a password");
        }
        return Optional.empty();
    }

    /** Returns true when every run of failures from the source so far was short. */
    private boolean shortOnly(SourceEvidence s) {
        EpisodeEvidence run = s.episode();
        EpisodeEvidence longest = s.longestEpisode();
        return run != null && longest != null && longest.span().compareTo(settings.staleMinSpan()) < 0;
    }

    private Optional<String> typo(SourceEvidence s) {
        EpisodeEvidence run = s.episode();
        if (run == null || run.failures() > settings.mistypedMaxFailures() || run.resolvedAt() == null
                || Duration.between(run.first(), run.resolvedAt()).compareTo(settings.mistypedWindow()) > 0) {
            return Optional.empty();
        }
        return Optional.of(EvidenceText.plural(run.failures(), "failure", "failures") + " from " + s.ip() + " at "
                + text.exactTime(run.first()) + ", then a successful login from the same address at "
                + text.exactTime(run.resolvedAt()) + " and no failure since");
    }

    /** Returns the sentence that makes the source an attacker on its own evidence, if any. */
    Optional<String> attackerEvidence(String login, SourceEvidence s) {
        IpContext c = s.context();
        if (c.successes() > 0) {
            return Optional.empty();
        }
        Optional<String> own = AttackerSigns.of(settings, s.ip(), c.distinctFailedLogins(), c.distinctFingerprints(),
                c.unknownUsers(), c.maxFailuresOneLogin(), c.networkSuccesses());
        if (own.isPresent()) {
            return own;
        }
        if (s.distinctFingerprints() >= settings.manyFingerprints() && s.successes() == 0) {
            return Optional.of(s.ip() + " sent " + s.distinctFingerprints() + " different passwords for " + login
                    + ": guessing, not a stored password");
        }
        return Optional.empty();
    }
}
