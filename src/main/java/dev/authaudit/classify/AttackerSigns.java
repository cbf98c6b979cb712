package dev.authaudit.classify;

import java.util.Optional;

/**
 * The signs that make an address an attacker on its own, without looking at any one login: many
 * logins, many passwords, logins the server does not have, or several logins tried once or twice each.
 * Only for addresses that never logged in successfully; a success outweighs all of them.
 */
final class AttackerSigns {
    private AttackerSigns() {
    }

    /**
     * Returns the sentence naming the strongest sign, if any.
     *
     * @param networkSuccesses successful logins from the address's network, any login
     */
    static Optional<Claim> of(ClassifierSettings settings, String ip, long failedLogins, long fingerprints,
                               long unknownUsers, long maxFailuresOneLogin, long networkSuccesses) {
        if (failedLogins >= settings.sprayMinLogins()) {
            return Optional.of(manyLogins(settings, ip, failedLogins, maxFailuresOneLogin));
        }
        if (fingerprints >= settings.guessMinPasswords()
                || (failedLogins <= 1 && fingerprints >= settings.manyFingerprints())) {
            return Optional.of(manyPasswords(ip, failedLogins, fingerprints));
        }
        if (unknownUsers > 0 && (failedLogins >= 2 || maxFailuresOneLogin <= settings.oneOffMaxFailures())) {
            return Optional.of(unknownUsers(ip, unknownUsers));
        }
        if (failedLogins >= settings.oneOffMinLogins() && maxFailuresOneLogin <= settings.oneOffMaxFailures()
                && networkSuccesses == 0) {
            return Optional.of(oneOffs(ip, failedLogins, maxFailuresOneLogin));
        }
        return Optional.empty();
    }

    // One method per sentence: the tests above compile apart from the string concatenation below, which
    // inlines into a lot of machine code (see AccountClassifier).

    private static Claim manyLogins(ClassifierSettings settings, String ip, long failedLogins, long maxFailuresOneLogin) {
        return Claim.of(ClaimKind.MANY_LOGINS).address(ip).count(failedLogins)
                .other(maxFailuresOneLogin).say(ip + " tried " + EvidenceText.distinct(failedLogins)
                + " different logins and never logged in"
                + (maxFailuresOneLogin <= settings.oneOffMaxFailures() ? ": spraying, a try or two per login"
                : ": guessing"));
    }

    private static Claim manyPasswords(String ip, long failedLogins, long fingerprints) {
        return Claim.of(ClaimKind.MANY_ADDRESS_PASSWORDS).address(ip).count(fingerprints)
                .say(ip + " sent " + EvidenceText.distinct(fingerprints) + " different passwords"
                + (failedLogins <= 1 ? " for one login" : "") + " and never logged in: guessing");
    }

    private static Claim unknownUsers(String ip, long unknownUsers) {
        return Claim.of(ClaimKind.UNKNOWN_USERS).address(ip).count(unknownUsers)
                .say(ip + " asked for logins this server does not have ("
                + EvidenceText.plural(unknownUsers, "\"unknown user\" answer", "\"unknown user\" answers")
                + ") and never logged in");
    }

    private static Claim oneOffs(String ip, long failedLogins, long maxFailuresOneLogin) {
        return Claim.of(ClaimKind.ONE_OFFS).address(ip).count(failedLogins).other(maxFailuresOneLogin)
                .say(ip + " tried " + EvidenceText.distinct(failedLogins) + " different logins, at most "
                + EvidenceText.plural(maxFailuresOneLogin, "time", "times")
                + " each, and neither it nor its network ever logged in: one address of a distributed attack");
    }
}
