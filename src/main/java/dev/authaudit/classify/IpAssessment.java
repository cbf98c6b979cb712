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
        claims = List.copyOf(claims);
        reasons = Claim.texts(claims);
    }

    /** Returns an assessment whose reasons are {@code claims}. */
    public static IpAssessment of(String ip, IpVerdict verdict, double confidence, List<String> accounts,
                                  List<Claim> claims, IpEvidence evidence) {
        return new IpAssessment(ip, verdict, confidence, accounts, List.of(), evidence, claims);
    }
}
