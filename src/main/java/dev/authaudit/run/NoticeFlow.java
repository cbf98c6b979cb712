package dev.authaudit.run;

import dev.authaudit.act.notice.CandidateFactory;
import dev.authaudit.act.notice.DispatchResult;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeEntry;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeOutbox;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.Observation;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.report.NoticeStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Connects verdicts to the notice outbox while events stream: a login that reaches
 * {@code stale_password} becomes a candidate at that event time, and a later firewall block of its
 * device is noted, so the report can say how long before the block the customer would have heard.
 * The same flow serves replay ({@code scan}) and live ({@code watch}).
 */
public final class NoticeFlow implements Consumer<Observation> {
    private final NoticeOutbox outbox;
    private final NoticeSettings options;
    private final Supplier<Auditor> auditor;
    private final CandidateFactory factory = new CandidateFactory();
    private final Map<Long, NoticeRecord> records = new LinkedHashMap<>();
    private final Map<String, Set<String>> accountsByDeviceIp = new HashMap<>();
    private final NoticeDispatcher replayDispatcher;
    private final Clock clock;
    private final Clock wallClock;
    private final Map<String, NoticeRecord> latest = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * @param replayDispatcher a dispatcher to run at event time as notices are decided (drafts during a
     *     replay, so each notice carries the time it would have gone out), or null to dispatch only when
     *     {@link #dispatch} is called
     */
    public NoticeFlow(NoticeLedger ledger, NoticeSettings options, Clock clock, Supplier<Auditor> auditor,
                      NoticeDispatcher replayDispatcher) {
        this(ledger, options, clock, clock, auditor, replayDispatcher);
    }

    /**
     * @param wallClock the real time, against which the settings' {@code maxAge} keeps a replay of old logs from
     *     mailing customers about incidents long over
     */
    public NoticeFlow(NoticeLedger ledger, NoticeSettings options, Clock clock, Clock wallClock,
                      Supplier<Auditor> auditor, NoticeDispatcher replayDispatcher) {
        this.outbox = options.outbox(ledger, clock);
        this.options = options;
        this.auditor = auditor;
        this.clock = clock;
        this.wallClock = wallClock;
        this.replayDispatcher = replayDispatcher;
    }

    /** Receives the auditor's observations as they are reached. */
    @Override
    public void accept(Observation o) {
        if (o.kind() != Observation.Kind.ACCOUNT || !NoticeCandidate.STALE_PASSWORD.equals(o.verdict())
                || o.device() == null) {
            return; // a notice is about the customer's own device; a verdict that names none has nothing to tell
        }
        auditor.get().correlator().account(o.subject())
                .flatMap(e -> factory.of(e, o.verdict(), o.confidence(), o.detectedAt(), false, o.device()))
                .ifPresent(this::enqueue);
    }

    /**
     * Decides again, at the end of a replay, the notice of every login whose final verdict is
     * {@code stale_password}, about the device that verdict names: a notice suppressed or never decided while
     * the evidence was still thin follows the verdict.
     */
    public void settle(dev.authaudit.classify.AuditResult result) {
        for (dev.authaudit.classify.AccountAssessment a : result.accounts()) {
            if (a.verdict() != dev.authaudit.classify.AccountVerdict.STALE_PASSWORD || a.device() == null
                    || a.detectedAt() == null) {
                continue;
            }
            NoticeRecord shown = latest.get(a.account().toLowerCase(Locale.ROOT));
            if (shown != null && !suppressed(shown)) {
                continue; // this run already has the login's notice
            }
            factory.of(a.evidence(), a.verdict().word(), a.confidence(), a.detectedAt(), false, a.device())
                    .ifPresent(this::enqueue);
        }
    }

    private void enqueue(NoticeCandidate c) {
        Instant cutoff = wallClock.instant().minus(options.maxAge());
        NoticeRecord r = outbox.enqueue(c, options.mode(), cutoff);
        // a held-back notice gives way to one decided on later evidence, and a later decision held back (say,
        // one per login per 24 h) does not hide the one that went out
        NoticeRecord before = latest.get(c.account());
        if (before != null && before.id() != r.id()) {
            if (suppressed(r) && !suppressed(before)) {
                return;
            }
            if (suppressed(before)) {
                records.remove(before.id()); // two notices that went out are both listed
            }
        }
        latest.put(c.account(), r);
        records.put(r.id(), r);
        accountsByDeviceIp.computeIfAbsent(c.device().ip(), k -> new HashSet<>()).add(c.account());
        if (replayDispatcher != null) {
            problems.addAll(replayDispatcher.dispatchDue(clock.instant()).problems());
        }
    }

    private boolean suppressed(NoticeRecord r) {
        return outbox.entries(List.of(r)).get(0).status().equals("suppressed");
    }

    /** Returns the problems met while dispatching during the replay. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Watches the event stream for blocks of noticed devices. */
    public void onEvent(LogEvent e) {
        if (e instanceof FirewallBlock b) {
            Set<String> accounts = accountsByDeviceIp.get(b.ip());
            if (accounts != null) {
                accounts.forEach(a -> outbox.noteBlock(a, b.ip(), b.instant()));
            }
        }
    }

    /** Delivers or drafts what is due. */
    public DispatchResult dispatch(NoticeDispatcher dispatcher, Instant now) {
        return dispatcher.dispatchDue(now);
    }

    /** Returns this run's notices as report-v1 entries. */
    public List<dev.authaudit.report.NoticeEntry> entries(ZoneOffset offset) {
        List<dev.authaudit.report.NoticeEntry> out = new ArrayList<>();
        for (NoticeEntry n : outbox.entries(records.values())) {
            out.add(new dev.authaudit.report.NoticeEntry(n.account(), n.to(),
                    NoticeStatus.valueOf(n.status().toUpperCase(Locale.ROOT)), n.at().atOffset(offset), n.reason()));
        }
        return out;
    }
}
