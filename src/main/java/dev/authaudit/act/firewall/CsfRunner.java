package dev.authaudit.act.firewall;

import java.time.Duration;
import java.util.Map;

/**
 * Runs {@code csf} with an argument list through {@link ProcessRunner}: no shell ever sees the arguments, a bare
 * command name is looked up on the child's {@code PATH}, output goes to a file, and a csf that outlives its time is
 * killed.
 */
public final class CsfRunner implements Csf {
    private final ProcessRunner runner;

    /**
     * Creates a runner.
     *
     * @param csf the csf executable: an absolute path ({@code /usr/sbin/csf}) or a bare name looked up on
     *     the child's PATH
     * @param environment variables to set in the child (PATH among them), on top of the inherited ones
     */
    public CsfRunner(String csf, Map<String, String> environment) {
        this.runner = new ProcessRunner(csf, "csf", "give --csf the full path, e.g. /usr/sbin/csf", environment);
    }

    @Override
    public ActionOutcome run(FirewallAction action, Duration timeout) {
        return runner.run(action, timeout);
    }
}
