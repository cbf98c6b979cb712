package dev.authaudit.classify;

import dev.authaudit.correlate.IpEvidence;
import java.util.List;

/**
 * An address's verdict with its evidence.
 *
 * @param accounts logins it failed or succeeded with (the most frequent)
 */
public record IpAssessment(String ip, IpVerdict verdict, double confidence, List<String> accounts,
                           List<String> reasons, IpEvidence evidence) {
    public IpAssessment {
        accounts = List.copyOf(accounts);
        reasons = List.copyOf(reasons);
    }
}
