package dev.authaudit.run;

import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.DispatchResult;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.Auditor;
import dev.authaudit.config.ConfigException;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.history.DayRollup;
import dev.authaudit.report.ActivityCollector;
import dev.authaudit.report.NoticeEntry;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import dev.authaudit.report.ReportDetail;
import dev.authaudit.state.StateDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One run of {@code scan}: opens the notice ledger when notices are decided, wires the auditor to the notice
 * flow, replays the logs in event time, settles and delivers the notices (drafts at the event time they would
 * have gone out, mail only now), assembles the report and records the days in the history. What is printed of
 * the report, and the exit code, are the caller's.
 */
public final class ScanRun {
    /**
     * What to replay and what to do with it.
     *
     * @param inputs the logs and csf.conf to replay ({@link ScanInputs#of})
     * @param correlation the correlator's settings (its limits)
     * @param since only events at or after this, or null
     * @param until only events before this, or null
     * @param db the state database: the notice ledger and the history
     * @param stateFolder the state folder, home of the default drafts folder
     * @param notices the notice settings, or null to decide no notice
     * @param rulesDir the shipped rules folder, home of the notice templates
     * @param history true to keep the days of this report in the history
     * @param detail true to collect what the HTML report draws beyond report-v1 (done anyway with history)
     */
    public record Settings(ScanInputs inputs, CorrelationSettings correlation, Instant since, Instant until, Path db,
                           Path stateFolder, NoticeSettings notices, Path rulesDir, boolean history, boolean detail) {
    }

    /**
     * What a scan concluded.
     *
     * @param detail what the HTML report draws beyond report-v1, or {@link ReportDetail#EMPTY}
     * @param inputTrouble an input could not be read, or was damaged
     * @param noticeTrouble a notice could not be sent, or none could be decided (the ledger was damaged)
     */
    public record Outcome(Report report, ReportDetail detail, boolean inputTrouble, boolean noticeTrouble) {
        /** Returns true when a stale-password customer was found. */
        public boolean findings() {
            return report.accounts().stream().anyMatch(a -> a.verdict() == AccountVerdict.STALE_PASSWORD);
        }
    }

    private final Settings settings;
    private final Replay replay;
    private final ZoneId zone;
    private final Clock wall;
    private final Supplier<Optional<String>> zoneNote;
    private final PrintWriter err;

    /**
     * @param replay the replay of the inputs, with its parser and year anchor
     * @param zoneNote asked after the replay: a note on time stamps the parser read without a zone, printed after
     *     the inputs' problems
     * @param zone the server's zone, for the report's times and those of notices
     * @param wall the wall clock: when the report was made and when mail goes out
     * @param err receives what the run says about itself
     */
    public ScanRun(Settings settings, Replay replay, Supplier<Optional<String>> zoneNote, ZoneId zone, Clock wall,
                   PrintWriter err) {
        this.settings = settings;
        this.replay = replay;
        this.zoneNote = zoneNote;
        this.zone = zone;
        this.wall = wall;
        this.err = err;
    }

    /** Replays the logs, decides and delivers the notices, and returns the report. */
    public Outcome run() {
        ScanInputs inputs = settings.inputs();
        NoticeSettings notices = settings.notices();
        EventClock clock = new EventClock(Instant.EPOCH);
        AtomicReference<Auditor> self = new AtomicReference<>();
        NoticeLedger ledger = null;
        boolean noticeTrouble = false;
        if (notices != null) {
            try {
                ledger = NoticeLedger.open(settings.db());
            } catch (ConfigException e) {
                if (!StateDatabase.damaged(e)) {
                    throw e;
                }
                // the logs alone make the report; only the notices need the ledger, and without it one could repeat
                err.println("authaudit: warning: " + e.getMessage() + ". No notice is decided or sent in this run;"
                        + " the report follows");
                noticeTrouble = true;
            }
        }
        NoticeDispatcher dispatcher = ledger == null ? null
                : notices.dispatcher(ledger, settings.rulesDir(), zone, settings.stateFolder());
        // drafts are written at the event time they would have gone out; real mail only at the end
        NoticeFlow flow = ledger == null ? null : new NoticeFlow(ledger, notices, clock, wall, self::get,
                notices.mode() == DeliveryMode.DRAFTS ? dispatcher : null);
        Auditor.Builder builder = Auditor.builder().clock(clock).csf(inputs.csf()).correlation(settings.correlation());
        if (flow != null) {
            builder.observer(flow);
        }
        Auditor auditor = builder.build();
        self.set(auditor);
        Replay.Outcome outcome;
        ActivityCollector activity = settings.history() || settings.detail() ? new ActivityCollector() : null;
        List<NoticeEntry> noticeEntries = List.of();
        try {
            outcome = replay.run(inputs, auditor, settings.since(), settings.until(),
                    flow == null ? null : (e, line) -> flow.onEvent(e), activity);
            if (flow != null) {
                flow.settle(outcome.result());
                Instant end = clock.instant();
                Instant now = notices.mode() == DeliveryMode.SEND ? wall.instant() : end;
                if (notices.mode() == DeliveryMode.SEND && end.isBefore(now.minus(notices.maxAge()))) {
                    err.println("authaudit: these logs end " + Duration.between(end, now).toHours()
                            + " h ago: notices about incidents older than --notice-max-age ("
                            + notices.maxAge().toHours() + " h) are drafted, not mailed");
                }
                DispatchResult d = flow.dispatch(dispatcher, now);
                flow.problems().forEach(p -> err.println("authaudit: notice: " + p));
                d.problems().forEach(p -> err.println("authaudit: notice: " + p));
                if (d.anyFailure()) {
                    noticeTrouble = true;
                }
                noticeEntries = flow.entries(zone.getRules().getOffset(end));
            }
        } finally {
            if (ledger != null) {
                ledger.close();
            }
        }
        outcome.tell(err, zoneNote.get());
        Report report = new ReportAssembler().assemble(outcome.result(),
                wall.instant().atZone(zone).toOffsetDateTime(), outcome.inputs(), noticeEntries);
        ReportDetail detail = activity == null ? ReportDetail.EMPTY : activity.detail(outcome.result(), report);
        if (settings.history()) {
            new HistoryRecorder(settings.db(), err).record(new DayRollup(zone).days(report, detail, activity));
        }
        return new Outcome(report, detail, !inputs.problems().isEmpty() || outcome.damaged(), noticeTrouble);
    }
}
