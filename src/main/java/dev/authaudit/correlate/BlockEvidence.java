package dev.authaudit.correlate;

import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One firewall block joined to the failures and drops of its address that preceded it.
 *
 * @param hits the count the firewall stated, or null
 * @param statedIntervalS the window the firewall stated, or null
 * @param lookbackS the window actually searched (stated, else the csf.conf or default window)
 * @param blockPorts the ports blocked; empty for all ports
 * @param account the login the block line itself names (distributed attacks), or null
 * @param failures failed attempts from the address within the window
 * @param logins logins of those failures, most first
 * @param dropHits drops within the window as logged
 * @param dropAttempts those drops with SYN retransmissions folded into one attempt
 * @param dropPorts destination ports of the drops, sorted
 * @param distinctSrcPorts distinct source ports of the drops
 * @param windowTruncated true when the remembered events did not reach back over the whole window
 * @param reachedServer true when any login line from the address exists (so far, or in the whole run
 *     once the run is finished)
 * @param priorBlocks earlier blocks of the same address in this run
 * @param liftedAt when an unblock for the address followed, or null
 */
public record BlockEvidence(String ip, Instant at, String source, String trigger, Integer hits,
                            Integer statedIntervalS, long lookbackS, boolean permanent, Long durationS,
                            List<Integer> blockPorts, String account, String app, Origin origin, long failures,
                            List<Count> logins, Set<Protocol> protocols, long distinctFingerprints,
                            Instant firstFailure, Instant lastFailure, long dropHits, long dropAttempts,
                            long retransmissions, List<Integer> dropPorts, long distinctSrcPorts,
                            Instant firstDrop, Instant lastDrop, boolean windowTruncated, boolean reachedServer,
                            int priorBlocks, Instant liftedAt) {
    public BlockEvidence {
        blockPorts = List.copyOf(blockPorts);
        logins = List.copyOf(logins);
        protocols = Set.copyOf(protocols);
        dropPorts = List.copyOf(dropPorts);
    }

    /** Returns a copy updated with what the rest of the run showed. */
    public BlockEvidence finished(boolean reachedServerEver, Instant lifted) {
        return new BlockEvidence(ip, at, source, trigger, hits, statedIntervalS, lookbackS, permanent, durationS,
                blockPorts, account, app, origin, failures, logins, protocols, distinctFingerprints, firstFailure,
                lastFailure, dropHits, dropAttempts, retransmissions, dropPorts, distinctSrcPorts, firstDrop,
                lastDrop, windowTruncated, reachedServerEver, priorBlocks, lifted);
    }
}
