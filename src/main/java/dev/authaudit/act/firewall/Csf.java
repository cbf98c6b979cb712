package dev.authaudit.act.firewall;

import java.time.Duration;

/** Runs a csf command; {@link CsfRunner} is the real one, tests pass slow or failing ones. */
@FunctionalInterface
public interface Csf {
    /**
     * Runs {@code action} and waits at most {@code timeout}.
     *
     * @return how it went; never throws for a csf failure
     */
    ActionOutcome run(FirewallAction action, Duration timeout);
}
