package dev.authaudit.classify;

import dev.authaudit.correlate.SourceEvidence;
import java.util.List;

/**
 * What one failing source of a login looks like on its own, before the login's verdict combines its
 * sources. Each field holds the claim that says why, or null (empty) when the sign is absent.
 *
 * @param owned why the address is the customer's own (history as this login, its network or domain)
 * @param client why the failures look like a mail client rather than a person or a bot (a polling
 *     rhythm, one password repeated)
 * @param persistent why the failures are a client that keeps an old password rather than a typo
 * @param typo why the failures were a typo that the customer corrected from the same address
 * @param attacker why the address is an attacker on its own evidence (many logins, many passwords,
 *     logins that do not exist)
 * @param oneOff true when the address failed this login only once or twice, without any history: alone it
 *     says nothing, many of them on one login are distributed guessing
 */
record SourceAssessment(SourceEvidence source, List<Claim> owned, Claim client, Claim persistent, Claim typo,
                        Claim attacker, boolean oneOff) {
    SourceAssessment {
        owned = List.copyOf(owned);
    }

    String ip() {
        return source.ip();
    }

    boolean isOwned() {
        return !owned.isEmpty();
    }

    /** Returns true when the address behaves like the customer's device (owned, or a client's rhythm). */
    boolean customerSide() {
        return attacker == null && (isOwned() || client != null);
    }
}
