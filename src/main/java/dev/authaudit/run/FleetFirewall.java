package dev.authaudit.run;

import dev.authaudit.act.firewall.ActionOutcome;
import dev.authaudit.act.firewall.FirewallCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code watch --fleet-act block} blocks with: csf's temporary blocks ({@link CsfFleetFirewall}) or a fail2ban
 * jail's bans ({@link Fail2banFleetFirewall}). Both make commands of checked arguments, run them without a shell
 * and within a time limit, and never throw for a failure of the program.
 */
public interface FleetFirewall {
    /** Returns the program's name for sentences ({@code csf}, {@code fail2ban-client}). */
    String program();

    /** Returns the temporary block of {@code ip} for {@code ttl}; {@code comment} is kept where the firewall can. */
    FirewallCommand block(String ip, Duration ttl, String comment);

    /** Returns the command that lifts this hook's block of {@code ip}. */
    FirewallCommand lift(String ip);

    /**
     * Returns why {@link #lift} must not run now: it would lift a block of {@code ip} that this hook did not make,
     * or that cannot be ruled out. Empty when it may run.
     */
    Optional<String> otherBlock(String ip, Instant now);

    /** Runs {@code command} within the firewall's time limit. */
    ActionOutcome run(FirewallCommand command);
}
