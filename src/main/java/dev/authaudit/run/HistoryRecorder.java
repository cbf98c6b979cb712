package dev.authaudit.run;

import dev.authaudit.config.ConfigException;
import dev.authaudit.history.DayAggregate;
import dev.authaudit.history.HistoryStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's days into the history at the end of {@code scan}. History is a convenience: a state
 * folder that cannot be written costs a warning, never the scan.
 */
public final class HistoryRecorder {
    private final Path db;
    private final PrintWriter err;

    /** @param err receives the warnings (the history could not be written, a day's earlier record was kept) */
    public HistoryRecorder(Path db, PrintWriter err) {
        this.db = db;
        this.err = err;
    }

    /** Records the days; returns how many were added or replaced (0 when the history could not be written). */
    public int record(List<DayAggregate> days) {
        if (days.isEmpty()) {
            return 0;
        }
        List<String> kept = new ArrayList<>();
        int written = 0;
        try (HistoryStore store = HistoryStore.open(db)) {
            for (DayAggregate d : days) {
                if (store.record(d) == HistoryStore.Outcome.KEPT) {
                    kept.add(d.day().toString());
                } else {
                    written++;
                }
            }
        } catch (ConfigException | IllegalStateException e) {
            err.println("authaudit: warning: history not kept: " + e.getMessage()
                    + " (pass --state DIR, or --no-history)");
            return 0;
        }
        if (!kept.isEmpty()) {
            err.println("authaudit: history: kept the earlier record of " + String.join(", ", kept)
                    + ": it covered more of the day than these logs do");
        }
        return written;
    }
}
