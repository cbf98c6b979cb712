package dev.authaudit.act.firewall;

import static java.util.Objects.requireNonNull;

/**
 * What the policy decided for one kind of action: the command to run, or why none runs.
 *
 * @param kind lift or allow
 * @param action the command, or null when skipped
 * @param reason why it runs, or why not
 */
public record PlannedAction(ActionKind kind, FirewallAction action, String reason) {
    public PlannedAction {
        requireNonNull(kind, "kind");
        requireNonNull(reason, "reason");
    }

    /** Returns true when the policy chose to act. */
    public boolean chosen() {
        return action != null;
    }

    static PlannedAction skip(ActionKind kind, String reason) {
        return new PlannedAction(kind, null, reason);
    }
}
