package dev.authaudit.correlate;

/**
 * One run of failures of a login from one address, split from the next run by a silence longer than
 * {@link CorrelationSettings#episodeGap()}. A typo is a short episode that a success ends; a stale
 * client is a long one that goes on after the login succeeded elsewhere. Mutable; opaque outside
 * this package.
 */
final class FailureEpisode {
    long startMs = -1;
    long lastMs = -1;
    long failures;
    /** The first success of the login, from any address, after the episode began; -1 when none yet. */
    long confirmMs = -1;
    String confirmIp;
    /** Failures of this episode after {@link #confirmMs}. */
    long afterConfirm;
    /** The first success from this address after the episode's latest failure; -1 when none yet. */
    long resolvedMs = -1;

    void start(long ms) {
        startMs = ms;
        lastMs = ms;
        failures = 0;
        confirmMs = -1;
        confirmIp = null;
        afterConfirm = 0;
        resolvedMs = -1;
    }

    void failure(long ms, long count) {
        lastMs = Math.max(lastMs, ms);
        failures += count;
        resolvedMs = -1;
        if (confirmMs >= 0 && ms >= confirmMs) {
            afterConfirm += count;
        }
    }

    void confirm(long ms, String ip) {
        if (startMs >= 0 && confirmMs < 0 && ms >= startMs) {
            confirmMs = ms;
            confirmIp = ip;
        }
    }

    void resolve(long ms) {
        if (startMs >= 0 && resolvedMs < 0 && ms >= lastMs) {
            resolvedMs = ms;
        }
    }

    long spanMs() {
        return startMs < 0 ? 0 : lastMs - startMs;
    }

    void copyFrom(FailureEpisode o) {
        startMs = o.startMs;
        lastMs = o.lastMs;
        failures = o.failures;
        confirmMs = o.confirmMs;
        confirmIp = o.confirmIp;
        afterConfirm = o.afterConfirm;
        resolvedMs = o.resolvedMs;
    }

    EpisodeEvidence evidence() {
        return startMs < 0 ? null : new EpisodeEvidence(EvidenceBuilder.instant(startMs), EvidenceBuilder.instant(lastMs),
                failures, EvidenceBuilder.instant(confirmMs), confirmIp, afterConfirm, EvidenceBuilder.instant(resolvedMs));
    }
}
