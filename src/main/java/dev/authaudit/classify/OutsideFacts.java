package dev.authaudit.classify;

import dev.authaudit.correlate.IpContext;

/**
 * What the other steps of a partitioned run know that one auditor's own events cannot show. The fleet
 * judges a login with only that login's events and an address network with only that network's events;
 * each step hands the other what its verdicts need, and {@link Auditor} weighs it in place of what its
 * own events would say. A single server's run has none ({@link #NONE}).
 */
public interface OutsideFacts {
    /** No outside facts: the auditor's own events are all there is (scan, watch). */
    OutsideFacts NONE = new OutsideFacts() {
    };

    /**
     * Returns the login's assessment made from all of its events (the fleet's login step), used for the
     * address and block verdicts in place of the one made from this auditor's share; null when unknown.
     */
    default AccountAssessment account(String login) {
        return null;
    }

    /**
     * Returns what is known about a source address beyond one login's events (the fleet's address step),
     * used in that login's evidence in place of what this auditor saw of the address; null when unknown.
     */
    default IpContext context(String ip) {
        return null;
    }

    /**
     * Returns the successful logins from {@code ip} as any login of {@code login}'s domain, counted from all
     * of the address's events, or -1 when unknown.
     */
    default long domainSuccesses(String login, String ip) {
        return -1;
    }

    /**
     * Returns, per address of a slow distributed campaign, the sentence that says so, judged over more
     * candidates than this auditor's own (the fleet's campaign step gathers every network's); null to judge
     * from {@code candidates} alone, as a single server's run does.
     *
     * @param candidates this auditor's addresses that may take part in a campaign
     */
    default java.util.Map<String, String> campaign(java.util.List<CampaignCandidate> candidates) {
        return null;
    }
}
