package dev.authaudit.correlate;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.util.List;

/**
 * One counted failed login after detail pairing: the primary line's facts, enriched by its Dovecot
 * detail line (reason, password fingerprint), or a detail line standing alone.
 *
 * @param count how many failures it stands for (Dovecot's "auth failed, 3 attempts")
 * @param paired true when a primary and a detail line were joined into this attempt
 * @param lines the lines counted as this attempt (primary first), for explain
 * @param fpLines how many of the attempt's tries the fingerprint is known for (the lines that carried it;
 *     "auth failed, 3 attempts" beside one detail line knows one password, not three)
 */
record Attempt(Instant time, String ip, String account, Protocol protocol, Integer port, FailureReason reason,
               int count, String passwordFp, String helo, boolean paired, List<Origin> lines, int fpLines) {

    /** Joins a primary line with the detail lines that belong to it (possibly none). */
    static Attempt of(AuthFailure primary, java.util.List<AuthFailure> details) {
        return of(primary, primary.instant(), details);
    }

    /** As {@link #of(AuthFailure, List)}, with the primary line's instant worked out already ({@code at}). */
    static Attempt of(AuthFailure primary, Instant at, java.util.List<AuthFailure> details) {
        FailureReason reason = primary.reason();
        String fp = primary.passwordFp();
        String account = primary.account();
        for (AuthFailure d : details) {
            // the detail line is Dovecot's own passdb verdict; it knows the reason better than a 535
            if (d.reason() != FailureReason.OTHER) {
                reason = d.reason();
            }
            if (fp == null) {
                fp = d.passwordFp();
            }
            if (account == null) {
                account = d.account();
            }
        }
        List<Origin> lines;
        if (details.isEmpty()) {
            lines = List.of(primary.origin());
        } else {
            lines = new java.util.ArrayList<>(1 + details.size());
            lines.add(primary.origin());
            details.forEach(d -> lines.add(d.origin()));
        }
        int fpLines = 0;
        if (fp != null) {
            fpLines = fp.equals(primary.passwordFp()) ? primary.attempts() : 0;
            for (AuthFailure d : details) {
                fpLines += fp.equals(d.passwordFp()) ? d.attempts() : 0;
            }
            fpLines = Math.max(1, Math.min(fpLines, primary.attempts()));
        }
        return new Attempt(at, primary.ip(), account, primary.protocol(), primary.port(), reason,
                primary.attempts(), fp, primary.helo(), !details.isEmpty(), lines, fpLines);
    }

    /** Counts a detail line that no primary line stood beside. */
    static Attempt alone(AuthFailure detail) {
        return alone(detail, detail.instant());
    }

    /** As {@link #alone(AuthFailure)}, with the line's instant worked out already ({@code at}). */
    static Attempt alone(AuthFailure detail, Instant at) {
        return new Attempt(at, detail.ip(), detail.account(), detail.protocol(), detail.port(),
                detail.reason(), detail.attempts(), detail.passwordFp(), detail.helo(), false, List.of(detail.origin()),
                detail.passwordFp() == null ? 0 : detail.attempts());
    }
}
