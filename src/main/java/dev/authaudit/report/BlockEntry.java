package dev.authaudit.report;

import dev.authaudit.classify.BlockCause;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One firewall block, explained.
 *
 * @param hits the count the firewall stated, or null
 * @param ports the ports the block names and the destination ports of the drops behind it
 * @param account the customer login behind the block, or null
 * @param failures failed logins from the address in the block's window (for ordering and display)
 * @param liftedAt when the block was lifted, or null
 */
public record BlockEntry(String ip, OffsetDateTime at, String source, String trigger, Integer hits,
                         List<Integer> ports, BlockCause cause, double confidence, String account, long failures,
                         OffsetDateTime liftedAt, List<String> reasons) {
    public BlockEntry {
        ports = List.copyOf(ports);
        reasons = List.copyOf(reasons);
    }
}
