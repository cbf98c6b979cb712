package dev.authaudit.act.notice;

import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.SourceEvidence;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns the correlator's evidence about a login, at the moment a verdict is reached, into a
 * {@link NoticeCandidate}: the failing device (the source with the most failures since its last
 * success), whether the login has ever logged in, and whether its failures look like guessing.
 */
public final class CandidateFactory {
    /** A login failing with more distinct passwords than this is being guessed, not retried. */
    private static final int GUESSING_FINGERPRINTS = 3;

    /**
     * Returns a candidate, or empty when the evidence names no failing device.
     *
     * @param verdict the report-v1 verdict word reached
     * @param detectedAt the event time the verdict was reached
     * @param targeted true when the login is also a target of guessing
     */
    public Optional<NoticeCandidate> of(AccountEvidence e, String verdict, double confidence, Instant detectedAt,
                                        boolean targeted) {
        return of(e, verdict, confidence, detectedAt, targeted, null);
    }

    /**
     * Returns a candidate about {@code deviceIp}, the customer's failing device the verdict names (one of the
     * login's customer sources), or empty when the evidence has no failing source at that address. Without a
     * device, the source with the most failures since its last success stands in (lfd's hook, which knows
     * only the blocked address, passes that).
     */
    public Optional<NoticeCandidate> of(AccountEvidence e, String verdict, double confidence, Instant detectedAt,
                                        boolean targeted, String deviceIp) {
        Optional<SourceEvidence> device = e.sources().stream().filter(s -> s.failures() > 0)
                .filter(s -> deviceIp == null || deviceIp.equals(s.ip()))
                .max(Comparator.comparingLong(SourceEvidence::failuresSinceLastSuccess)
                        .thenComparingLong(SourceEvidence::failures));
        if (device.isEmpty() || e.firstFailure() == null || e.lastFailure() == null) {
            return Optional.empty();
        }
        SourceEvidence s = device.get();
        Instant first = s.firstFailure() != null ? s.firstFailure() : e.firstFailure();
        Instant last = s.lastFailure() != null ? s.lastFailure() : e.lastFailure();
        if (last.isBefore(first)) {
            last = first;
        }
        String network = s.network() == null ? s.ip() : s.network();
        DeviceSeen seen = new DeviceSeen(s.ip(), network, s.failureProtocols(), new TreeSet<>(s.failurePorts()),
                s.helo(), s.lastSuccess());
        // one incident per login, device network and day: a restart that re-reads part of the logs
        // arrives at the same key, and the policy's per-login period covers the rest
        String incident = IncidentKey.of(e.account(), network, first.truncatedTo(ChronoUnit.DAYS));
        boolean successOnRecord = e.successes() > 0 || e.successesElsewhere() > 0;
        // the device's own passwords: others guessing the same login say nothing about the customer's client
        boolean guessing = (deviceIp == null ? e.distinctFingerprints() : s.distinctFingerprints())
                > GUESSING_FINGERPRINTS;
        return Optional.of(new NoticeCandidate(e.account(), verdict, Math.max(0, Math.min(1, confidence)),
                detectedAt, successOnRecord, targeted, guessing, null, seen, first, last,
                Math.max(1, s.failures()), null, incident));
    }
}
