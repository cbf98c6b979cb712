package dev.authaudit.classify;

import dev.authaudit.correlate.CorrelationResult;
import java.util.List;

/**
 * The outcome of a run: what the correlator learned and the verdicts on it, unsorted (the report
 * orders them).
 *
 * @param explanation the story of the subject passed to {@link Auditor.Builder#explain}, or null
 */
public record AuditResult(CorrelationResult correlation, List<AccountAssessment> accounts, List<IpAssessment> ips,
                          List<BlockAssessment> blocks, Explanation explanation) {
    public AuditResult {
        accounts = List.copyOf(accounts);
        ips = List.copyOf(ips);
        blocks = List.copyOf(blocks);
    }
}
