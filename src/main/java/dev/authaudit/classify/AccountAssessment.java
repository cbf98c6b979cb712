package dev.authaudit.classify;

import dev.authaudit.correlate.AccountEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A login's verdict with its evidence.
 *
 * @param detectedAt the event time at which evidence first reached this verdict; null for {@code ok}
 * @param reasons short sentences naming the evidence
 * @param customerSources addresses this verdict shows to be the customer's own devices
 * @param attackerSources addresses this verdict shows to be attackers (stuffing sources)
 * @param oneOffSources addresses that failed this login once or twice without any history and cannot be
 *     the customer's own client (some may be attackers already); alone they prove nothing, among many
 *     such addresses on the server they are a slow distributed attack
 * @param clientFingerprints the password fingerprints of the customer's failing client (a stale login),
 *     so an address the bounded source list could not keep can be told apart from it
 * @param claims the reasons as data; {@code reasons} are their texts
 * @param roles what each listed source is to this login; a source not in the map is {@code unknown}
 * @param device the customer's failing device the verdict is about (a stale or mistyped login), or null
 */
public record AccountAssessment(String account, AccountVerdict verdict, double confidence, Instant detectedAt,
                                List<String> reasons, Set<String> customerSources, Set<String> attackerSources,
                                Set<String> oneOffSources, Set<String> clientFingerprints,
                                AccountEvidence evidence, List<Claim> claims, Map<String, SourceRole> roles,
                                String device) {
    public AccountAssessment {
        claims = List.copyOf(claims);
        reasons = Claim.texts(claims);
        roles = Map.copyOf(roles);
        customerSources = Set.copyOf(customerSources);
        attackerSources = Set.copyOf(attackerSources);
        oneOffSources = Set.copyOf(oneOffSources);
        clientFingerprints = Set.copyOf(clientFingerprints);
    }

    /**
     * Returns a copy without the per-source evidence (the heaviest part), for keeping many verdicts in
     * memory while streaming; counts and times of the login stay.
     */
    public AccountAssessment slim() {
        AccountEvidence e = evidence;
        AccountEvidence thin = new AccountEvidence(e.account(), e.failures(), e.failureLines(), e.successes(),
                e.passwordMismatches(), e.unknownUsers(), e.otherFailures(), e.firstFailure(), e.lastFailure(),
                e.firstSuccess(), e.lastSuccess(), e.distinctIps(), e.distinctNetworks(), e.distinctFingerprints(),
                List.of(), List.of(), e.omittedSources(), e.omittedSourceFailures(), e.successElsewhereIp(),
                e.successElsewhereAt(), e.successesElsewhere(), e.protocols());
        return new AccountAssessment(account, verdict, confidence, detectedAt, reasons, customerSources,
                attackerSources, oneOffSources, clientFingerprints, thin, claims, roles, device);
    }

    /** Returns a copy stamped with the time its verdict was first reached. */
    public AccountAssessment detectedAt(Instant at) {
        return new AccountAssessment(account, verdict, confidence, verdict == AccountVerdict.OK ? null : at, reasons,
                customerSources, attackerSources, oneOffSources, clientFingerprints, evidence, claims, roles, device);
    }

    /** Returns the role of {@code ip} for this login. */
    public SourceRole role(String ip) {
        return roles.getOrDefault(ip, SourceRole.UNKNOWN);
    }

    /** Returns a copy with the roles given (the address verdicts have the last word on guessers). */
    public AccountAssessment withRoles(Map<String, SourceRole> roles) {
        return new AccountAssessment(account, verdict, confidence, detectedAt, reasons, customerSources,
                attackerSources, oneOffSources, clientFingerprints, evidence, claims, roles, device);
    }
}
