package dev.authaudit.classify;

import dev.authaudit.correlate.IpContext;
import dev.authaudit.correlate.SourceEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a failing source of a login is the customer's own (history with this login, its
 * network or its domain) or an attacker's (many logins or passwords, never a success).
 */
final class SourceRoles {
    private final ClassifierSettings settings;

    SourceRoles(ClassifierSettings settings) {
        this.settings = settings;
    }

    /** Returns the sentences that make the source the customer's own; empty when nothing does. */
    List<String> customerEvidence(String login, SourceEvidence s) {
        List<String> why = new ArrayList<>(2);
        if (s.successesBeforeFailures() > 0) {
            why.add("same address logged in successfully as " + login + " "
                    + EvidenceText.plural(s.successesBeforeFailures(), "time", "times") + " before the failures began");
        } else if (s.successes() > 0) {
            why.add("same address also logged in successfully as " + login + " "
                    + EvidenceText.plural(s.successes(), "time", "times")
                    + " (another device behind the same address, e.g. a home or office NAT)");
        }
        IpContext c = s.context();
        if (why.isEmpty() && c.networkSuccessLogins().contains(login)) {
            why.add("its network " + s.network() + " has successful logins as " + login);
        }
        Optional<String> sibling = sameDomainSuccess(login, c);
        if (why.isEmpty() && sibling.isPresent()) {
            why.add("other logins of the same domain succeed from " + s.ip() + " (" + sibling.get() + ")");
        }
        return why;
    }

    /** Returns the sentence that makes the source an attacker, if any. */
    Optional<String> attackerEvidence(SourceEvidence s) {
        IpContext c = s.context();
        if (c.successes() > 0) {
            return Optional.empty();
        }
        if (c.distinctLogins() >= settings.sprayMinLogins()) {
            return Optional.of(s.ip() + " tried " + c.distinctLogins() + " different logins and never logged in");
        }
        long fps = Math.max(c.distinctFingerprints(), s.distinctFingerprints());
        if (fps >= settings.guessMinPasswords()) {
            return Optional.of(s.ip() + " sent " + fps + " different passwords");
        }
        return Optional.empty();
    }

    private static Optional<String> sameDomainSuccess(String login, IpContext c) {
        int at = login.indexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = login.substring(at);
        return c.successLogins().stream().filter(l -> !l.equals(login) && l.endsWith(domain)).findFirst();
    }
}
