package dev.authaudit.act.notice;

import dev.authaudit.act.ActionException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the notices that are due. It is driven by calls, not by a thread of its own: {@code watch}
 * calls {@link #dispatchDue} from its scheduler, {@code scan} once at the end, tests with any instant.
 *
 * <p>The global brake lets at most {@link NoticePolicy#globalLimit()} notices leave per {@link
 * NoticePolicy#globalWindow()}; the rest stay queued until the window frees. When the SMTP server
 * cannot be reached, the failing notice waits per {@link Backoff}, and the other notices of that call
 * are left for the next call instead of each waiting out a connection timeout.
 */
public final class NoticeDispatcher {
    private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);
    // Longer than any SMTP timeout: a 'sending' row older than this belongs to a run that stopped.
    private static final Duration STALE_CLAIM = Duration.ofMinutes(15);
    /** What the ledger adds to a notice sent again after a run stopped while sending it. */
    public static final String SECOND_COPY = "sent again after an earlier send was cut off (a run that stopped, or a"
            + " connection that broke) after the server may have stored it: the customer may have two copies with the"
            + " same Message-ID";

    private final NoticeLedger ledger;
    private final NoticeComposer composer;
    private final NoticePolicy policy;
    private final Backoff backoff;
    private final Delivery smtp;
    private final Delivery drafts;

    /**
     * Creates a dispatcher.
     *
     * @param ledger the outbox
     * @param composer builds the messages
     * @param policy supplies the global brake
     * @param backoff when to retry
     * @param smtp delivery for notices in send mode, or null when no SMTP server is configured
     * @param drafts delivery for notices in drafts mode
     */
    public NoticeDispatcher(NoticeLedger ledger, NoticeComposer composer, NoticePolicy policy, Backoff backoff,
                            Delivery smtp, Delivery drafts) {
        this.ledger = ledger;
        this.composer = composer;
        this.policy = policy;
        this.backoff = backoff;
        this.smtp = smtp;
        this.drafts = drafts;
    }

    /**
     * Delivers every notice due at {@code now}, within the global brake.
     *
     * @param now the current time (event time in replay)
     * @return what happened
     */
    public DispatchResult dispatchDue(Instant now) {
        List<Instant> released = new ArrayList<>(ledger.releasedSince(now.minus(policy.globalWindow())));
        int sent = 0;
        int drafted = 0;
        int retrying = 0;
        int failed = 0;
        int held = 0;
        boolean smtpDown = false;
        List<String> problems = new ArrayList<>();
        for (NoticeRecord n : ledger.due(now, now.minus(STALE_CLAIM))) {
            if (released.size() >= policy.globalLimit()) {
                Instant next = released.get(released.size() - policy.globalLimit()).plus(policy.globalWindow());
                ledger.requeue(n.id(), n.attempts(), next, "held by the global brake (" + policy.globalLimit()
                        + " per " + NoticePolicy.human(policy.globalWindow()) + "); next slot at " + next);
                held++;
                continue;
            }
            Delivery delivery = n.mode() == DeliveryMode.SEND ? smtp : drafts;
            if (delivery == null || (n.mode() == DeliveryMode.SEND && smtpDown)) {
                if (delivery == null) {
                    ledger.requeue(n.id(), n.attempts(), now, "waiting for an SMTP server: run with --notify send"
                            + " and --smtp-host");
                }
                held++;
                continue;
            }
            if (!ledger.claim(n, now)) {
                continue;
            }
            // At least once: SMTP has no two-phase commit, so a notice left 'sending' by a run that stopped,
            // or whose connection broke after it was submitted, may or may not have reached the server. Sending it again (same Message-ID, which most mail
            // clients fold) risks a second copy; not sending it risks a customer who stays blocked without
            // knowing why. The second copy is the smaller harm, and the ledger says it may have happened.
            boolean interrupted = n.status() == NoticeStatus.SENDING;
            if (interrupted) {
                ledger.mayHaveArrived(n.id()); // kept should this attempt fail too
                log.warn("notice {} was being sent when an earlier run stopped; sending it again with the same"
                        + " Message-ID, so the customer may see it twice", n.id());
            }
            boolean secondCopy = interrupted || n.mayHaveArrived();
            String messageId = composer.messageId(n.account(), n.incidentKey(), n.generation());
            try {
                MimeMessage m = composer.compose(n.candidate(), n.to(), n.cc(), messageId, now);
                NoticeStatus st = n.mode() == DeliveryMode.SEND ? NoticeStatus.SENT : NoticeStatus.DRAFTED;
                String[] outcome = new String[1];
                // recorded the moment the server accepted it, before the connection is closed: a kill after
                // this line cannot make the next run send it again
                delivery.deliver(n.id(), m, o -> {
                    String said = secondCopy ? o + "; " + SECOND_COPY : o;
                    ledger.released(n.id(), st, now, messageId, said);
                    outcome[0] = said;
                });
                released.add(now);
                if (st == NoticeStatus.SENT) {
                    sent++;
                } else {
                    drafted++;
                }
                log.info("notice {} {}", n.id(), outcome[0]);
            } catch (ActionException e) {
                if (e.possiblyDone()) {
                    ledger.mayHaveArrived(n.id());
                }
                int attempts = n.attempts() + 1;
                problems.add("notice " + n.id() + ": " + e.getMessage());
                if (e.transientFailure() && attempts < backoff.maxAttempts()) {
                    Instant next = now.plus(backoff.delayAfter(attempts));
                    ledger.requeue(n.id(), attempts, next, e.getMessage() + " (attempt " + attempts + ", next at "
                            + next + ")");
                    retrying++;
                    smtpDown |= n.mode() == DeliveryMode.SEND;
                    log.warn("notice {}: {} (attempt {}, next at {})", n.id(), e.getMessage(), attempts, next);
                } else {
                    ledger.failed(n.id(), attempts, e.getMessage());
                    failed++;
                    log.error("notice {} given up after {} attempts: {}", n.id(), attempts, e.getMessage());
                }
            } catch (MessagingException e) {
                ledger.failed(n.id(), n.attempts() + 1, "cannot compose: " + e.getMessage());
                failed++;
                problems.add("notice " + n.id() + ": cannot compose: " + e.getMessage());
            }
        }
        return new DispatchResult(sent, drafted, retrying, failed, held, problems);
    }
}
