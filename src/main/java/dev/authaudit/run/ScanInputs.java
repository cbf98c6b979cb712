package dev.authaudit.run;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of a replay: the log files to read and the csf.conf to reason with. A file named
 * {@code csf.conf} among the paths (or in a given folder) is taken as the firewall's configuration,
 * not read as a log; {@code --csf-conf} wins over one found that way.
 */
public record ScanInputs(List<InputFile> logs, CsfConfig csf, Path csfPath, List<String> problems) {

    /**
     * Returns the inputs of {@code paths}: the logs, and the csf.conf ({@code csfConf} when given, else one among
     * the paths, else csf's defaults).
     */
    public static ScanInputs of(List<String> paths, Path csfConf) {
        InputSet set = InputSet.of(paths);
        List<InputFile> logs = new ArrayList<>();
        Path found = null;
        for (InputFile f : set.files()) {
            if (!f.isStdin() && f.path().getFileName().toString().equals("csf.conf")) {
                if (found == null) {
                    found = f.path();
                }
                continue;
            }
            logs.add(f);
        }
        Path use = csfConf != null ? csfConf : found;
        if (csfConf != null && !Files.isReadable(csfConf)) {
            throw new dev.authaudit.config.ConfigException(csfConf.toString(), null,
                    "cannot read " + csfConf + "; pass the csf.conf of the server the logs come from"
                            + " (usually /etc/csf/csf.conf)");
        }
        CsfConfig csf = use == null ? CsfConfig.defaults() : CsfConfig.read(use);
        return new ScanInputs(logs, csf, use, set.problems());
    }

    /**
     * Returns one sentence per path that does not exist, so that a command can stop before it reads
     * anything or prints a report built from the other paths.
     */
    public static List<String> missing(List<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (!"-".equals(p) && !exists(p)) {
                out.add("cannot read " + dev.authaudit.text.Escape.terminal(p) + ": no such file or folder; check the"
                        + " path (nothing was read)");
            }
        }
        return out;
    }

    private static boolean exists(String p) {
        try {
            return Files.exists(Path.of(p));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
