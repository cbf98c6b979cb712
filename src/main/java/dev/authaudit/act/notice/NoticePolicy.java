package dev.authaudit.act.notice;

import dev.authaudit.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules that decide whether a candidate becomes a notice. Only a confident {@code stale_password}
 * verdict about a login that has logged in before, with a usable recipient, is sent or drafted;
 * everything else is suppressed with the reason.
 *
 * <p>A {@code closed_port} block is suppressed rather than turned into an admin-only mail: the
 * customer's password is fine, so a "check your password" notice would send them after the wrong
 * problem, and the only fix (open the port in csf.conf, or move the customer to 465) is the admin's,
 * who already sees it in the report and in lfd's own alert.
 *
 * @param minConfidence the lowest verdict confidence that can lead to a notice
 * @param perLogin at most one notice per login within this period (other incidents are suppressed)
 * @param globalLimit at most this many notices leave (sent or drafted) within {@code globalWindow};
 *     the rest stay queued in the outbox
 * @param globalWindow the period of the global brake
 */
public record NoticePolicy(double minConfidence, Duration perLogin, int globalLimit, Duration globalWindow) {
    /**
     * Checks ranges.
     *
     * @throws ConfigException when a value is out of range; the message names the key and the range
     */
    public NoticePolicy {
        if (!(minConfidence > 0 && minConfidence <= 1)) {
            throw new ConfigException(null, "notice-min-confidence", "notice min confidence " + minConfidence
                    + " must be above 0 and at most 1");
        }
        if (perLogin == null || perLogin.isNegative()) {
            throw new ConfigException(null, "notice-per-login", "notice per-login period " + perLogin
                    + " must be zero or positive");
        }
        if (globalLimit < 1) {
            throw new ConfigException(null, "notice-limit", "notice limit " + globalLimit + " must be at least 1");
        }
        if (globalWindow == null || globalWindow.isZero() || globalWindow.isNegative()) {
            throw new ConfigException(null, "notice-limit-window", "notice limit window " + globalWindow
                    + " must be positive");
        }
    }

    /** Returns the defaults: confidence 0.8, one per login per 24 h, 20 per hour. */
    public static NoticePolicy defaults() {
        return new NoticePolicy(0.8, Duration.ofHours(24), 20, Duration.ofHours(1));
    }

    /**
     * Decides what to do with {@code c}.
     *
     * @param c the candidate
     * @param recipient who would receive it, or why nobody can
     * @param history the notices already decided
     * @param mode drafts or send
     * @param now the decision time (event time in replay)
     */
    public Decision decide(NoticeCandidate c, Resolution recipient, NoticeHistory history, DeliveryMode mode,
                           Instant now) {
        if (!NoticeCandidate.STALE_PASSWORD.equals(c.verdict())) {
            return Decision.suppress("verdict is " + SafeText.clean(c.verdict())
                    + "; notices go only to stale_password logins");
        }
        if (c.confidence() < minConfidence) {
            return Decision.suppress(String.format(Locale.ROOT, "confidence %.2f is below the notice threshold"
                    + " %.2f", c.confidence(), minConfidence));
        }
        if (c.targeted() || c.attackerPattern()) {
            return Decision.suppress((c.targeted() ? "others are guessing this login (targeted)"
                    : "the failures look like an attack, not a customer's device")
                    + "; a stale-password notice would mislead");
        }
        if (!c.successOnRecord()) {
            return Decision.suppress("no successful login on record for this login: it may not be a real"
                    + " mailbox, or somebody is guessing it; never mail an address an attacker may be guessing");
        }
        if (NoticeCandidate.CLOSED_PORT.equals(c.blockCause())) {
            String ports = c.device().ports().isEmpty() ? "587" : c.device().ports().stream()
                    .map(String::valueOf).collect(Collectors.joining(", "));
            return Decision.suppress("the firewall does not open port " + ports + " (closed_port): the password"
                    + " is not the problem; fix TCP_IN/TCP6_IN in csf.conf, or move the customer to port 465");
        }
        if (recipient instanceof Resolution.Refused r) {
            return Decision.suppress("no safe recipient: " + r.reason());
        }
        if (!perLogin.isZero()) {
            Optional<Instant> last = history.lastNoticeSince(c.account(), c.incidentKey(), now.minus(perLogin));
            if (last.isPresent()) {
                return Decision.suppress("this login already has a notice from " + last.get()
                        + "; at most one per login per " + human(perLogin));
            }
        }
        Resolution.Found f = (Resolution.Found) recipient;
        // the counts and times as they stood when the notice was decided (the report's may have grown since)
        String why = String.format(Locale.ROOT, "stale_password at confidence %.2f, %d failures from %s (%s) in the"
                + " %s up to this decision, a success on record; recipient: %s", c.confidence(), c.failures(),
                c.device().ip(), protocols(c.device()), human(Duration.between(c.firstFailure(), c.lastFailure())
                        .plusSeconds(59).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)), f.via());
        return mode == DeliveryMode.SEND ? new Decision(Decision.Action.SEND, why)
                : new Decision(Decision.Action.DRAFT, why);
    }

    private static String protocols(DeviceSeen d) {
        String p = d.protocols().stream().filter(x -> x != dev.authaudit.event.Protocol.OTHER).sorted()
                .map(x -> x.word().toUpperCase(Locale.ROOT)).collect(Collectors.joining("+"));
        return p.isEmpty() ? "protocol not logged" : p;
    }

    /** Returns {@code d} as {@code 24 h}, {@code 30 min} or {@code 45 s}. */
    static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
