package dev.authaudit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.testing.CliCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Simulates a host, scans its logs with {@code authaudit scan} in-process and scores the report. */
final class SimulatedScan {
    private SimulatedScan() {
    }

    /** What one run produced. */
    record Outcome(SimulationSpec spec, Path dir, JsonNode truth, JsonNode report, TruthEvaluation evaluation) {
    }

    /**
     * Runs one spec in {@code dir} (created; the logs, truth.json and report.json stay there).
     *
     * @throws IllegalStateException if the scan exits with an error
     */
    static Outcome run(SimulationSpec spec, Path dir) {
        new LogSimulator(spec).run(dir);
        Path report = dir.resolve("report.json");
        CliCall scan = CliCall.run(Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC), "scan",
                "--no-progress", "--tz", spec.zone().getId(), "--format", "json", "--out", report.toString(),
                dir.toString());
        if (scan.code() != 0) {
            throw new IllegalStateException("scan of " + dir + " exited " + scan.code() + ": " + scan.err());
        }
        try {
            ObjectMapper m = new ObjectMapper();
            JsonNode t = m.readTree(dir.resolve("truth.json").toFile());
            JsonNode r = m.readTree(report.toFile());
            return new Outcome(spec, dir, t, r, TruthEvaluation.of(r, t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
