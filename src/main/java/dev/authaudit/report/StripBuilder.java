package dev.authaudit.report;

import dev.authaudit.classify.Claim;
import dev.authaudit.classify.ClaimKind;
import dev.authaudit.classify.SourceRole;

import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.SourceEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a stale-password customer's collected track into an {@link AccountStrip}: which sampled
 * failures and successes came from their device, the password change, detection and the first block.
 */
final class StripBuilder {

    AccountStrip strip(AccountAssessment a, AccountTrack track, List<BlockEntry> blocks) {
        AccountEvidence e = a.evidence();
        // only the customer's own sources are the device: an address guessing the login never is
        Set<String> device = new HashSet<>();
        e.sources().stream().filter(s -> s.failures() > 0 && a.role(s.ip()) == SourceRole.CUSTOMER)
                .map(SourceEvidence::ip).forEach(device::add);
        boolean[] isDevice = new boolean[AccountTrack.OTHER + 1];
        List<String> deviceIps = new ArrayList<>();
        for (int slot = 0; slot < AccountTrack.OTHER; slot++) {
            String ip = track.ip(slot);
            if (ip != null && device.contains(ip)) {
                isDevice[slot] = true;
                deviceIps.add(ip);
            }
        }
        List<Instant> deviceFailures = new ArrayList<>();
        List<Instant> otherFailures = new ArrayList<>();
        long stride = 1;
        for (FailureLane lane : track.lanes()) {
            boolean used = false;
            for (int i = 0; i < lane.sample.size(); i++) {
                int slot = lane.sample.slot(i);
                if (track.lane(slot) == lane) {
                    used = true;
                    Instant t = Instant.ofEpochSecond(lane.sample.epochSecond(i));
                    (isDevice[slot] ? deviceFailures : otherFailures).add(t);
                }
            }
            stride = used ? Math.max(stride, lane.sample.stride()) : stride;
        }
        deviceFailures.sort(null);
        otherFailures.sort(null);
        List<Instant> deviceSuccesses = new ArrayList<>();
        List<Instant> otherSuccesses = new ArrayList<>();
        for (int i = 0; i < track.successes.size(); i++) {
            Instant t = Instant.ofEpochSecond(track.successes.epochSecond(i));
            (isDevice[track.successes.slot(i)] ? deviceSuccesses : otherSuccesses).add(t);
        }
        long[] gaps = new long[GapBins.count()];
        for (int slot = 0; slot < AccountTrack.OTHER; slot++) {
            FailureLane lane = track.lane(slot);
            int[] g = lane == null ? null : lane.gaps(slot);
            if (isDevice[slot] && g != null) {
                for (int i = 0; i < g.length; i++) {
                    gaps[i] += g[i];
                }
            }
        }
        // the same blocks as the card and the text report: those explained as this login's
        Instant firstBlock = blocks.stream()
                .filter(b -> a.account().equals(b.account()))
                .map(b -> b.at().toInstant()).min(Instant::compareTo).orElse(null);
        List<Long> gapList = new ArrayList<>();
        for (long g : gaps) {
            gapList.add(g);
        }
        // the password change the reasons state, or none: the strip draws no time the reasons do not give
        Claim change = a.claims().stream().filter(c -> c.kind() == ClaimKind.PASSWORD_CHANGED
                || c.kind() == ClaimKind.FAILING_AFTER_SUCCESS).findFirst().orElse(null);
        return new AccountStrip(a.account(), deviceIps, deviceFailures, otherFailures, deviceSuccesses,
                otherSuccesses, change == null ? null : change.first(),
                change == null || change.addresses().size() < 2 ? null : change.addresses().get(1), a.detectedAt(),
                firstBlock,
                e.failures(), stride, gapList);
    }
}
