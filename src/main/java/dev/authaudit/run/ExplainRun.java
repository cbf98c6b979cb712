package dev.authaudit.run;

import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.Explanation;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.parse.Addresses;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of {@code explain}: replays the logs as a scan does, keeping the timeline of one address or login, and
 * returns its explanation (verdict, reasons, blocks, the lines behind them). How it is printed, and the exit code,
 * are the caller's.
 */
public final class ExplainRun {
    /**
     * The address or login to explain.
     *
     * @param key the normalized address, or the login in lower case
     * @param address true when {@code key} is an address
     */
    public record Subject(String key, boolean address) {
        /** Reads an address literal (normalized) or else a login (trimmed, lower case); the key may be empty. */
        public static Subject of(String text) {
            String ip = Addresses.normalize(text);
            return ip != null ? new Subject(ip, true) : new Subject(text.trim().toLowerCase(Locale.ROOT), false);
        }
    }

    /**
     * What to replay and whom to explain.
     *
     * @param inputs the logs and csf.conf to replay ({@link ScanInputs#of})
     * @param correlation the correlator's settings (its limits)
     * @param since only events at or after this, or null
     * @param until only events before this, or null
     * @param subject the address or login to explain
     */
    public record Settings(ScanInputs inputs, CorrelationSettings correlation, Instant since, Instant until,
                           Subject subject) {
    }

    /**
     * What the logs say about the subject.
     *
     * @param explanation the subject's story, or null when no event involves it
     * @param inputTrouble an input could not be read, or was damaged
     */
    public record Outcome(Explanation explanation, boolean inputTrouble) {
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
    public ExplainRun(Settings settings, Replay replay, Supplier<Optional<String>> zoneNote, PrintWriter err) {
        this.settings = settings;
        this.replay = replay;
        this.zoneNote = zoneNote;
        this.err = err;
    }

    /** Replays the logs and returns the subject's explanation. */
    public Outcome run() {
        ScanInputs inputs = settings.inputs();
        Auditor auditor = Auditor.builder().csf(inputs.csf()).correlation(settings.correlation())
                .explain(settings.subject().key()).build();
        Replay.Outcome outcome = replay.run(inputs, auditor, settings.since(), settings.until(), null);
        outcome.tell(err, zoneNote.get());
        return new Outcome(outcome.result().explanation(), !inputs.problems().isEmpty() || outcome.damaged());
    }
}
