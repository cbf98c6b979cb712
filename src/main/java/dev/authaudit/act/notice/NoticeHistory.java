package dev.authaudit.act.notice;

import java.time.Instant;
import java.util.Optional;

/** What the policy needs to know about notices already decided (the ledger answers it). */
public interface NoticeHistory {
    /**
     * Returns the latest due time of a notice (queued, drafted or sent, not suppressed) about
     * {@code account} for an incident other than {@code incidentKey}, at or after {@code since}.
     */
    Optional<Instant> lastNoticeSince(String account, String incidentKey, Instant since);
}
