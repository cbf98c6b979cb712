package dev.authaudit.classify;

import dev.authaudit.correlate.Rhythm;
import dev.authaudit.correlate.SourceEvidence;
import java.time.Duration;
import java.util.Optional;

/** Tells a mail client's steady polling (every 5 min, give or take seconds) from irregular or burst failures. */
final class PollingRhythm {
    private final ClassifierSettings settings;

    PollingRhythm(ClassifierSettings settings) {
        this.settings = settings;
    }

    boolean regular(Rhythm r) {
        if (r.gaps() < settings.rhythmMinGaps() || r.medianS() < settings.rhythmMinMedian().toSeconds()) {
            return false;
        }
        double tolerated = Math.max(settings.rhythmSpreadFloor().toSeconds(), settings.rhythmSpreadRatio() * r.medianS());
        return r.spreadS() <= tolerated;
    }

    /** Returns the most regular rhythm of a source, if any is regular. */
    Optional<Rhythm> of(SourceEvidence s) {
        Rhythm best = null;
        for (Rhythm r : s.rhythms()) {
            // the first of equally long ones
            if (regular(r) && (best == null || r.gaps() > best.gaps())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Returns "every 5 min (±20 s)", naming the nearest usual polling interval when the median is close to one. */
    String describe(Rhythm r) {
        return "every " + EvidenceText.duration(period(r)) + " (±" + Math.max(1, r.spreadS()) + " s)";
    }

    /** Returns the rhythm's period in seconds: the nearest usual polling interval when the median is close to one. */
    long period(Rhythm r) {
        long median = r.medianS();
        for (Duration d : settings.pollingIntervals()) {
            long s = d.toSeconds();
            if (Math.abs(median - s) <= settings.rhythmSpreadRatio() * s) {
                median = s;
                break;
            }
        }
        return median;
    }
}
