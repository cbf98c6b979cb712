package dev.authaudit.act.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the notice ledger: a candidate, what was decided, and how its delivery went.
 *
 * @param id the ledger id
 * @param account the login (from the candidate)
 * @param incidentKey the incident (from the candidate)
 * @param status where it stands
 * @param mode drafts or send
 * @param reason the policy's reason
 * @param to the recipient, or null when suppressed for want of one
 * @param cc the admin copy, or null
 * @param via where the recipient came from, or null
 * @param createdAt when it was first decided
 * @param dueAt the (event) time it would go out: the decision time
 * @param attempts failed delivery attempts so far
 * @param nextAttemptAt when the dispatcher may try it next, or null
 * @param lastError the last delivery failure or hold, or null
 * @param releasedAt when it was sent or drafted, or null
 * @param generation 0, plus one per deliberate resend (part of the Message-ID)
 * @param messageId the Message-ID it went out with, or null
 * @param outcome where it went ({@code accepted by ...}, {@code drafted to ...}), or null
 * @param blockedIp the address the firewall blocked, or null
 * @param mayHaveArrived true when an earlier send may have reached the server although it failed or its
 *     run stopped (the next successful send may be a second copy)
 * @param candidate the candidate, with the latest known first block time
 */
public record NoticeRecord(long id, String account, String incidentKey, NoticeStatus status, DeliveryMode mode,
                           String reason, String to, String cc, String via, Instant createdAt, Instant dueAt,
                           int attempts, Instant nextAttemptAt, String lastError, Instant releasedAt,
                           int generation, String messageId, String outcome, String blockedIp,
                           boolean mayHaveArrived, NoticeCandidate candidate) {
    /**
     * Returns how long before the firewall's first block of this customer the notice went out (or
     * would have), when a block is known and came after it.
     */
    public Optional<Duration> aheadOfBlock() {
        Instant block = candidate.firstBlockAt();
        Instant out = releasedAt != null && mode == DeliveryMode.SEND ? releasedAt : dueAt;
        if (block == null || status == NoticeStatus.SUPPRESSED || block.isBefore(out)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(out, block));
    }

    /** Returns this notice as a report-v1 {@code notices[]} item. */
    public NoticeEntry entry() {
        String why;
        Instant at;
        switch (status) {
            case SENT:
                why = reason + "; " + outcome;
                at = releasedAt;
                break;
            case DRAFTED:
                why = reason + "; " + outcome;
                at = releasedAt;
                break;
            case SUPPRESSED:
                why = reason;
                at = dueAt;
                break;
            case FAILED:
                why = "not delivered: " + lastError + "; 'authaudit notices resend " + id + "' tries again";
                at = dueAt;
                break;
            default:
                why = "in the outbox, not yet delivered" + (lastError == null ? "" : ": " + lastError);
                at = dueAt;
        }
        Optional<Duration> ahead = aheadOfBlock();
        if (ahead.isPresent()) {
            why += "; " + (status == NoticeStatus.SENT ? "reached" : "would have reached") + " the customer "
                    + minutes(ahead.get()) + " before the firewall blocked " + (blockedIp == null ? "them" : blockedIp);
        }
        // a send that failed and waits for its retry has failed so far: the report says so, with the error
        String word = status == NoticeStatus.QUEUED && attempts > 0 ? "failed" : status.reportWord();
        if (status == NoticeStatus.QUEUED && attempts > 0) {
            why = "not delivered yet: " + lastError;
        }
        return new NoticeEntry(account, to, word, at, why);
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        if (m < 1) {
            return d.toSeconds() + " seconds";
        }
        if (m < 120) {
            return m + (m == 1 ? " minute" : " minutes");
        }
        return d.toHours() + " hours";
    }
}
