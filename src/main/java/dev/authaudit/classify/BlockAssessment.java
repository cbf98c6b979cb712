package dev.authaudit.classify;

import dev.authaudit.correlate.BlockEvidence;
import java.util.List;

/**
 * A firewall block explained: its cause, the customer login behind it when there is one, and reasons
 * that say which rule fired on which hits and what the admin should do.
 */
public record BlockAssessment(BlockEvidence evidence, BlockCause cause, double confidence, String account,
                              List<String> reasons, List<Claim> claims, String trigger) {
    public BlockAssessment {
        claims = List.copyOf(claims);
        reasons = Claim.texts(claims);
    }

    /**
     * Returns an assessment whose reasons are {@code claims}.
     *
     * @param trigger the block's rule as lfd names it ({@code LF_PERMBLOCK} for an escalation)
     */
    public BlockAssessment(BlockEvidence evidence, BlockCause cause, double confidence, String account,
                           List<Claim> claims, String trigger) {
        this(evidence, cause, confidence, account, List.of(), claims, trigger);
    }

    /** Returns a copy with one more claim. */
    public BlockAssessment with(Claim claim) {
        List<Claim> more = new java.util.ArrayList<>(claims);
        more.add(claim);
        return new BlockAssessment(evidence, cause, confidence, account, more, trigger);
    }
}
