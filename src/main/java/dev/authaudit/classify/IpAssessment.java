package dev.authaudit.classify;

import dev.authaudit.correlate.IpEvidence;
import java.util.List;

/**
 * An address's verdict with its evidence.
 *
 * @param accounts logins it failed or succeeded with (the most frequent)
 */
public record IpAssessment(String ip, IpVerdict verdict, double confidence, List<String> accounts,
                           List<String> reasons, IpEvidence evidence, List<Claim> claims) {
    public IpAssessment {
        accounts = List.copyOf(accounts);
        // most addresses have one reason: copied without List.copyOf's intermediate array
        claims = claims.size() == 1 ? List.of(claims.get(0)) : List.copyOf(claims);
        reasons = Claim.texts(claims);
    }

    /** Returns an assessment whose reasons are {@code claims}. */
    public static IpAssessment of(String ip, IpVerdict verdict, double confidence, List<String> accounts,
                                  List<Claim> claims, IpEvidence evidence) {
        return new IpAssessment(ip, verdict, confidence, accounts, List.of(), evidence, claims);
    }
}
