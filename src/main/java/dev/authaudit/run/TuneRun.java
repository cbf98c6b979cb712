package dev.authaudit.run;

import dev.authaudit.classify.Auditor;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.tune.Fail2banJail;
import dev.authaudit.tune.LfdFlavour;
import dev.authaudit.tune.LfdSettings;
import dev.authaudit.tune.ReplayRecorder;
import dev.authaudit.tune.SourceClasses;
import dev.authaudit.tune.TuneReport;
import dev.authaudit.tune.Tuner;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of {@code tune}: replays the logs as a scan does, recording every event with its line, then runs the
 * recording through a model of lfd (with the server's csf.conf) and of fail2ban's jails, checks the model against
 * the logged blocks and tries alternatives one setting at a time, each source classed by the scan's verdicts.
 * How the report is printed, and the exit code, are the caller's.
 */
public final class TuneRun {
    /**
     * What to replay and what to model.
     *
     * @param inputs the logs and csf.conf to replay ({@link ScanInputs#of})
     * @param correlation the correlator's settings (its limits)
     * @param since only events at or after this, or null
     * @param until only events before this, or null
     * @param flavour the lfd build that reads the logs
     * @param jails fail2ban's mail jails, or none to leave fail2ban out
     * @param within report guessing sources blocked within this many attempts
     * @param slack how many seconds apart a model block and a logged block may be and still agree
     */
    public record Settings(ScanInputs inputs, CorrelationSettings correlation, Instant since, Instant until,
                           LfdFlavour flavour, List<Fail2banJail> jails, int within, int slack) {
        public Settings {
            jails = List.copyOf(jails);
        }
    }

    /**
     * What the replay and the models concluded.
     *
     * @param inputTrouble an input could not be read, or was damaged
     */
    public record Outcome(TuneReport report, boolean inputTrouble) {
    }

    private final Settings settings;
    private final Replay replay;
    private final Supplier<Optional<String>> zoneNote;
    private final PrintWriter err;

    /**
     * @param replay the replay of the inputs, with its parser and year anchor
     * @param zoneNote asked after the replay: a note on time stamps the parser read without a zone
     * @param err receives what the run says about itself
     */
    public TuneRun(Settings settings, Replay replay, Supplier<Optional<String>> zoneNote, PrintWriter err) {
        this.settings = settings;
        this.replay = replay;
        this.zoneNote = zoneNote;
        this.err = err;
    }

    /** Replays the logs and tunes the firewall's settings against them. */
    public Outcome run() {
        ScanInputs inputs = settings.inputs();
        Auditor auditor = Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(inputs.csf())
                .correlation(settings.correlation()).build();
        ReplayRecorder recorder = new ReplayRecorder();
        Replay.Outcome outcome = replay.runWithLines(inputs, auditor, settings.since(), settings.until(), recorder);
        outcome.tell(err, zoneNote.get());
        String source = inputs.csfPath() == null ? "the csf defaults (no csf.conf given)" : inputs.csfPath().toString();
        TuneReport report = new Tuner(LfdSettings.from(inputs.csf(), settings.flavour()), inputs.csf().tcp6In(), source,
                settings.jails(), settings.within(), settings.slack()).tune(recorder.log(),
                SourceClasses.of(outcome.result()));
        return new Outcome(report, !inputs.problems().isEmpty() || outcome.damaged());
    }
}
