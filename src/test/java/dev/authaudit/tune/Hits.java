package dev.authaudit.tune;

import java.time.Instant;

/** Builds tuning events in code, seconds after a fixed start. */
final class Hits {
    static final Instant T0 = Instant.parse("2025-03-31T11:00:00Z");

    private Hits() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static TuneEvent.Failure smtp(long seconds, String ip) {
        return new TuneEvent.Failure(at(seconds), ip, "exim", 1, false, LfdApp.SMTPAUTH, Reading.COUNTED);
    }

    static TuneEvent.Failure imap(long seconds, String ip, int attempts) {
        return new TuneEvent.Failure(at(seconds), ip, "dovecot", attempts, false, LfdApp.IMAPD, Reading.COUNTED);
    }

    static TuneEvent.Drop syn(long seconds, String ip, int srcPort, int dstPort) {
        return new TuneEvent.Drop(at(seconds), ip, "TCP_IN", dstPort, "TCP", true, srcPort);
    }
}
