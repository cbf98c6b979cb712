package dev.authaudit.classify;

import dev.authaudit.correlate.BlockEvidence;
import java.util.List;

/**
 * A firewall block explained: its cause, the customer login behind it when there is one, and reasons
 * that say which rule fired on which hits and what the admin should do.
 */
public record BlockAssessment(BlockEvidence evidence, BlockCause cause, double confidence, String account,
                              List<String> reasons) {
    public BlockAssessment {
        reasons = List.copyOf(reasons);
    }
}
