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
 * @param claims the reasons as data ({@code reasons} are their texts); empty when not known
 */
public record BlockEntry(String ip, OffsetDateTime at, String source, String trigger, Integer hits,
                         List<Integer> ports, BlockCause cause, double confidence, String account, long failures,
                         OffsetDateTime liftedAt, List<String> reasons,
                         List<dev.authaudit.classify.Claim> claims) {
    public BlockEntry {
        ports = List.copyOf(ports);
        reasons = List.copyOf(reasons);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /** Returns an entry whose claims are not known. */
    public BlockEntry(String ip, OffsetDateTime at, String source, String trigger, Integer hits,
                      List<Integer> ports, BlockCause cause, double confidence, String account, long failures,
                      OffsetDateTime liftedAt, List<String> reasons) {
        this(ip, at, source, trigger, hits, ports, cause, confidence, account, failures, liftedAt, reasons, List.of());
    }

    /** Returns true when a claim says the block was still in force when the logs end. */
    public boolean inForceAtEnd() {
        return claims.stream().anyMatch(c -> c.kind() == dev.authaudit.classify.ClaimKind.BLOCK_IN_FORCE);
    }
}
