package dev.authaudit.tune;

import dev.authaudit.event.FirewallBlock;
import java.util.List;

/**
 * The events of one replay that the firewall models count, in time order, and the blocks the real
 * firewalls logged in the same logs.
 *
 * @param events failures and drops, in event-time order
 * @param lfdBlocks blocks from lfd.log (or lfd's syslog copy)
 * @param fail2banBans Ban lines from fail2ban's log
 */
public record ReplayLog(List<TuneEvent> events, List<FirewallBlock> lfdBlocks, List<FirewallBlock> fail2banBans) {
    public ReplayLog {
        events = List.copyOf(events);
        lfdBlocks = List.copyOf(lfdBlocks);
        fail2banBans = List.copyOf(fail2banBans);
    }
}
