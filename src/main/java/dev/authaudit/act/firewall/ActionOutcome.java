package dev.authaudit.act.firewall;

import static java.util.Objects.requireNonNull;

/**
 * How running one csf command went.
 *
 * @param status done, failed or timed out
 * @param exitCode csf's exit code, or null when it never exited on its own
 * @param output the start of what csf printed (stdout and stderr), or an error text
 */
public record ActionOutcome(ActionStatus status, Integer exitCode, String output) {
    public ActionOutcome {
        requireNonNull(status, "status");
        output = output == null ? "" : output;
    }
}
