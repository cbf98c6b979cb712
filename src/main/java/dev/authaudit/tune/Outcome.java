package dev.authaudit.tune;

import java.util.Map;

/**
 * What one firewall setting does to the replayed sources: whom it blocks and how much guessing it lets
 * through first.
 *
 * @param blocks every block made
 * @param customerBlocks blocks of customer addresses (stale, typo or other customer)
 * @param customerScanBlocks of those, port-scan blocks (a client knocking on a closed port)
 * @param staleSources stale-password sources blocked at least once
 * @param typoSources typo sources blocked at least once
 * @param otherCustomerSources other customer sources blocked at least once
 * @param attackerSources attacker sources with at least one failed attempt
 * @param attackersBlocked of those, blocked at least once
 * @param scannerSources scanner sources with at least one logged drop
 * @param scannersBlocked of those, blocked at least once
 * @param within the N of "blocked within N attempts"
 * @param guessersWithAtLeastN attacker sources that made at least N attempts
 * @param blockedWithinN of those, blocked after at most N attempts
 * @param medianAttempts median attempts a blocked attacker source made up to its first block (the
 *     never-blocked ones show in {@code attemptsLetThrough})
 * @param p90Attempts the 90th percentile of the same
 * @param attemptsLetThrough attacker attempts made while not blocked
 * @param attackerAttempts all attacker attempts in the logs
 * @param customerBlocksByTrigger customer blocks per trigger (lfd's trigger or the fail2ban jail)
 */
public record Outcome(int blocks, int customerBlocks, int customerScanBlocks, int staleSources, int typoSources,
                      int otherCustomerSources, int attackerSources, int attackersBlocked, int scannerSources,
                      int scannersBlocked, int within, int guessersWithAtLeastN, int blockedWithinN,
                      int medianAttempts, int p90Attempts, long attemptsLetThrough, long attackerAttempts,
                      Map<String, Integer> customerBlocksByTrigger) {
    public Outcome {
        customerBlocksByTrigger = Map.copyOf(customerBlocksByTrigger);
    }

    /** Returns the customer sources blocked at least once. */
    public int customerSources() {
        return staleSources + typoSources + otherCustomerSources;
    }

    /** Returns customer blocks fired by login failures. */
    public int customerLoginBlocks() {
        return customerBlocks - customerScanBlocks;
    }

    /** Returns the customer blocks one trigger made. */
    public int customerBlocks(String trigger) {
        return customerBlocksByTrigger.getOrDefault(trigger, 0);
    }

    /** Returns the share of sources with at least N attempts that were blocked within N, 1 when there were none. */
    public double withinShare() {
        return guessersWithAtLeastN == 0 ? 1.0 : (double) blockedWithinN / guessersWithAtLeastN;
    }
}
