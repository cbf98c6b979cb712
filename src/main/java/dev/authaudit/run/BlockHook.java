package dev.authaudit.run;

import dev.authaudit.act.firewall.ActionExecutor;
import dev.authaudit.act.firewall.ActionPolicy;
import dev.authaudit.act.firewall.ActionRecord;
import dev.authaudit.act.firewall.BlockCase;
import dev.authaudit.act.firewall.BlockExplanation;
import dev.authaudit.act.firewall.Csf;
import dev.authaudit.act.firewall.FirewallStore;
import dev.authaudit.act.firewall.LfdBlockReport;
import dev.authaudit.act.notice.CandidateFactory;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeOutbox;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.act.notice.SafeText;
import dev.authaudit.classify.BlockAssessment;
import dev.authaudit.classify.BlockCause;
import dev.authaudit.correlate.Count;
import dev.authaudit.text.Escape;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What {@code hook lfd-block} does with one call from lfd: record the block, explain it from lfd's
 * lines and from the state, record the explanation, hand a stale-password customer to the notice
 * outbox, and let the firewall policy decide (and record) what to do. Each step is stored before the
 * next begins, so a hook that runs out of time leaves an honest record of how far it got.
 */
public final class BlockHook {
    private final LfdBlockExplainer explainer;
    private final Path db;
    private final NoticeSettings notices;
    private final ActionPolicy policy;
    private final Csf csf;
    private final Duration csfTimeout;
    private final Clock clock;

    /**
     * @param notices the notice settings, or null to decide no notice
     */
    public BlockHook(LfdBlockExplainer explainer, Path db, NoticeSettings notices, ActionPolicy policy, Csf csf,
                     Duration csfTimeout, Clock clock) {
        this.explainer = explainer;
        this.db = db;
        this.notices = notices;
        this.policy = policy;
        this.csf = csf;
        this.csfTimeout = csfTimeout;
        this.clock = clock;
    }

    /**
     * Handles lfd's arguments; returns a one-line summary for the admin.
     *
     * @param remaining the time left before the hook must return
     */
    public String handle(List<String> args, Supplier<Duration> remaining) {
        Instant now = clock.instant();
        try (FirewallStore store = FirewallStore.open(db)) {
            LfdBlockReport r;
            try {
                r = LfdBlockReport.parse(args);
            } catch (LfdBlockReport.Invalid e) {
                long id = store.recordRejected(e.getMessage(), now);
                return "block report " + id + " rejected: " + e.getMessage() + "; nothing done";
            }
            long id = store.recordBlock(r, now);
            LfdBlockExplainer.Outcome o = null;
            try {
                o = explainer.explain(r, now);
            } catch (RuntimeException e) {
                store.problem(id, "cannot explain from lfd's lines: " + e.getMessage());
            }
            BlockExplanation e;
            try (NoticeLedger ledger = NoticeLedger.open(db)) {
                e = explanation(r, o, ledger);
                store.explain(id, e);
                if (e.account() != null) {
                    notice(r, o, e, ledger, now).ifPresent(n -> store.problem(id, n));
                }
            }
            // the admin is told by the explanation just stored (it names the csf.conf fix), which the
            // report and 'explain' show; lfd's own alert mail goes out as well
            BlockCase c = new BlockCase(r.ip(), r.singleAddress(), r.permanent(), e.cause(), e.account(),
                    e.knownCustomer(), "sent".equals(e.noticeStatus()), true);
            List<ActionRecord> done = new ActionExecutor(store, csf, csfTimeout, clock)
                    .carryOut(id, r.ip(), policy.plan(c), policy.execute(), remaining);
            return summary(id, r, e, done);
        }
    }

    private BlockExplanation explanation(LfdBlockReport r, LfdBlockExplainer.Outcome o, NoticeLedger ledger) {
        BlockAssessment b = o == null ? null : o.block();
        List<String> logins = b == null ? List.of() : b.evidence().logins().stream().map(Count::value).toList();
        List<NoticeRecord> rows = ledger.about(r.ip(), logins);
        Optional<KnownCustomer> known = KnownCustomer.of(rows, r.ip(), logins);
        List<String> reasons = new ArrayList<>();
        if (b != null) {
            b.reasons().forEach(s -> reasons.add(Escape.terminal(s)));
        } else {
            reasons.add("lfd's lines could not be read; the cause rests on the state alone");
        }
        String cause = b == null ? BlockCause.UNKNOWN.word() : b.cause().word();
        double confidence = b == null ? 0.3 : b.confidence();
        String account = b == null ? null : b.account();
        if (known.isPresent()) {
            KnownCustomer k = known.get();
            boolean fits = cause.equals(BlockCause.STALE_PASSWORD.word()) || cause.equals(BlockCause.CLOSED_PORT.word())
                    || LfdBlockExplainer.undecided(b);
            if (fits) {
                if (LfdBlockExplainer.undecided(b) && k.stalePassword()) {
                    cause = BlockCause.STALE_PASSWORD.word();
                    confidence = 0.8;
                }
                account = k.account();
                reasons.add("the state knows " + SafeText.clean(k.account()) + " at " + k.device() + ": "
                        + (k.stalePassword() ? "a stale_password customer" : "a customer") + ", "
                        + (k.successOnRecord() ? "with" : "without") + " a success on record, notice "
                        + k.noticeId() + " " + k.noticeStatus().word());
            }
        }
        boolean knownCustomer = known.isPresent() && known.get().successOnRecord() && known.get().account().equals(
                account);
        String status = known.isPresent() && known.get().account().equals(account)
                ? known.get().noticeStatus().word() : null;
        return new BlockExplanation(cause, confidence, account == null ? null : account.toLowerCase(Locale.ROOT),
                knownCustomer, status, reasons);
    }

    /** Notes the block on the customer's notices and, with --notify, enqueues one; returns a problem, if any. */
    private Optional<String> notice(LfdBlockReport r, LfdBlockExplainer.Outcome o, BlockExplanation e,
                                    NoticeLedger ledger, Instant now) {
        if (notices == null || !notices.enabled()) {
            ledger.noteBlock(e.account(), r.ip(), now);
            return Optional.empty();
        }
        NoticeOutbox outbox = notices.outbox(ledger, clock);
        outbox.noteBlock(e.account(), r.ip(), now);
        if (!e.cause().equals(NoticeCandidate.STALE_PASSWORD) || o == null) {
            return Optional.empty();
        }
        Optional<NoticeCandidate> c = o.auditor().correlator().account(e.account())
                .flatMap(ev -> new CandidateFactory().of(ev, e.cause(), e.confidence(), now, false, r.ip()));
        if (c.isEmpty()) {
            return Optional.empty(); // the lines name no failing device of this login: watch has the evidence
        }
        NoticeCandidate n = c.get();
        // the state's "success on record" stands for history lfd's few lines cannot show
        NoticeCandidate known = new NoticeCandidate(n.account(), n.verdict(), n.confidence(), n.detectedAt(),
                n.successOnRecord() || e.knownCustomer(), n.targeted(), n.attackerPattern(), n.blockCause(),
                n.device(), n.firstFailure(), n.lastFailure(), n.failures(), now, n.incidentKey());
        NoticeRecord rec = outbox.enqueue(known, notices.mode());
        return rec.status() == dev.authaudit.act.notice.NoticeStatus.SUPPRESSED
                ? Optional.of("notice " + rec.id() + " suppressed: " + rec.reason()) : Optional.empty();
    }

    private static String summary(long id, LfdBlockReport r, BlockExplanation e, List<ActionRecord> done) {
        String actions = done.isEmpty() ? "no action (off)" : done.stream()
                .map(a -> a.kind() + " " + a.status().word()).collect(Collectors.joining(", "));
        return "block " + id + " of " + r.ip() + " (" + r.trigger() + (r.permanent() ? ", permanent" : ", temporary")
                + "): " + e.cause() + (e.account() == null ? "" : " (" + SafeText.clean(e.account()) + ")")
                + "; " + actions;
    }
}
