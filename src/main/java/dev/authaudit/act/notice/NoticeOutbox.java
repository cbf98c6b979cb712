package dev.authaudit.act.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns candidates into recorded decisions: resolves the recipient, lets the policy decide, and
 * records the outcome once per (account, incident). Enqueueing the same candidate again (a restart, a
 * second replay, the next tick of {@code watch}) returns the existing row and changes nothing, except
 * that a suppressed row is decided again, so stronger evidence for the same incident can still lead to
 * a notice.
 */
public final class NoticeOutbox {
    private static final Logger log = LoggerFactory.getLogger(NoticeOutbox.class);

    private final NoticeLedger ledger;
    private final RecipientResolver recipients;
    private final NoticePolicy policy;
    private final Clock clock;

    /**
     * Creates an outbox.
     *
     * @param ledger where decisions are kept
     * @param recipients who gets told
     * @param policy what may be sent
     * @param clock decision time: the event clock in replay, the system clock live
     */
    public NoticeOutbox(NoticeLedger ledger, RecipientResolver recipients, NoticePolicy policy, Clock clock) {
        this.ledger = ledger;
        this.recipients = recipients;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Decides and records a notice for {@code c}; returns its ledger row (new or existing).
     *
     * @param c the candidate
     * @param mode drafts or send, for a new notice
     */
    public NoticeRecord enqueue(NoticeCandidate c, DeliveryMode mode) {
        return enqueue(c, mode, null);
    }

    /**
     * Decides and records a notice for {@code c}, drafting instead of sending an incident that is over.
     *
     * @param sendCutoff with {@code mode} send, an incident whose last failure is before this is drafted and
     *     marked so, never mailed (a replay of old logs); null for no limit
     */
    public NoticeRecord enqueue(NoticeCandidate c, DeliveryMode mode, Instant sendCutoff) {
        String old = null;
        if (mode == DeliveryMode.SEND && sendCutoff != null && c.lastFailure().isBefore(sendCutoff)) {
            mode = DeliveryMode.DRAFTS;
            old = "drafted, not sent: its last failure (" + c.lastFailure() + ") is before " + sendCutoff
                    + ", the oldest a mailed notice may be about (--notice-max-age)";
        }
        Optional<NoticeRecord> existing = ledger.find(c.account(), c.incidentKey());
        if (existing.isPresent() && existing.get().status() != NoticeStatus.SUPPRESSED) {
            log.debug("notice {} for {} / {} already recorded ({})", existing.get().id(), SafeText.quoted(c.account()),
                    c.incidentKey(), existing.get().status().word());
            return existing.get();
        }
        Instant now = clock.instant();
        Resolution r = recipients.resolve(c.account());
        Decision d = policy.decide(c, r, ledger, mode, now);
        if (old != null && d.action() != Decision.Action.SUPPRESS) {
            d = new Decision(d.action(), d.reason() + "; " + old);
        }
        NoticeRecord rec;
        if (existing.isPresent()) {
            if (d.action() == Decision.Action.SUPPRESS) {
                return existing.get();
            }
            rec = ledger.redecide(existing.get().id(), c, d, r, mode, now);
        } else {
            rec = ledger.insert(c, d, r, mode, now);
        }
        log.debug("notice {} for {}: {} ({})", rec.id(), SafeText.quoted(c.account()), rec.status().word(),
                rec.reason());
        return rec;
    }

    /** Enqueues every candidate; returns their rows in the same order. */
    public List<NoticeRecord> enqueueAll(Collection<NoticeCandidate> candidates, DeliveryMode mode) {
        List<NoticeRecord> out = new ArrayList<>(candidates.size());
        for (NoticeCandidate c : candidates) {
            out.add(enqueue(c, mode));
        }
        return out;
    }

    /**
     * Records that the firewall blocked {@code account}'s device {@code ip} at {@code at}, so the report
     * can say how long before the block the notice went out.
     *
     * @return the number of notices that learned of the block
     */
    public int noteBlock(String account, String ip, Instant at) {
        return ledger.noteBlock(account.toLowerCase(java.util.Locale.ROOT), ip, at);
    }

    /** Returns the current state of {@code records} as report-v1 {@code notices[]} items. */
    public List<NoticeEntry> entries(Collection<NoticeRecord> records) {
        List<NoticeEntry> out = new ArrayList<>(records.size());
        for (NoticeRecord r : records) {
            out.add(ledger.get(r.id()).orElse(r).entry());
        }
        return out;
    }

    /** Returns every notice in the ledger as report-v1 {@code notices[]} items, newest first. */
    public List<NoticeEntry> entries() {
        return ledger.list().stream().map(NoticeRecord::entry).toList();
    }
}
