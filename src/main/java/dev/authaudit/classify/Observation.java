package dev.authaudit.classify;

import java.time.Instant;
import java.util.List;

/**
 * A verdict reached while events stream in, for live mode to act on before the firewall does.
 *
 * @param kind what the subject is
 * @param subject the login, the address, or the blocked address
 * @param verdict the report-v1 word
 * @param detectedAt the event time at which the evidence reached this verdict
 * @param device for a login, the customer's failing device the verdict is about (one of its customer
 *     sources), or null when the verdict names none
 */
public record Observation(Kind kind, String subject, String verdict, double confidence, Instant detectedAt,
                          List<String> reasons, String device) {
    public Observation {
        reasons = List.copyOf(reasons);
    }

    /** Returns an observation that names no device. */
    public Observation(Kind kind, String subject, String verdict, double confidence, Instant detectedAt,
                       List<String> reasons) {
        this(kind, subject, verdict, confidence, detectedAt, reasons, null);
    }

    /** What an observation is about. */
    public enum Kind {
        /** A login's verdict changed. */
        ACCOUNT,
        /** An address's verdict changed. */
        IP,
        /** A firewall block was explained. */
        BLOCK
    }
}
