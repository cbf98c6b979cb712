package dev.authaudit.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run wrote.
 *
 * @param dir the output directory
 * @param files every file written, relative to {@code dir}, including {@code csf.conf} and {@code truth.json}
 * @param linesPerFile lines per live log name (rotated parts included)
 * @param totalLines all log lines written
 * @param blocks how many blocks lfd made
 * @param software the Exim and Dovecot styles the run used
 */
public record SimulationResult(Path dir, List<String> files, Map<String, Long> linesPerFile, long totalLines,
                               int blocks, ServerSoftware software) {
    public SimulationResult {
        files = List.copyOf(files);
        linesPerFile = Map.copyOf(linesPerFile);
    }
}
