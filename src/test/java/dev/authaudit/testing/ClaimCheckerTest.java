package dev.authaudit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Claim;
import dev.authaudit.classify.ClaimKind;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker itself: it must reject the kinds of false claim the issue found in the sample. */
class ClaimCheckerTest {
    private static final Instant T0 = Instant.parse("2025-03-10T19:42:00Z");

    /** An IMAP client failing every 5 min, each attempt written as a detail line and a login summary. */
    private static List<LogEvent> imapClient(int n) {
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant t = T0.plusSeconds(300L * i);
            out.add(failure(t.minusSeconds(5), Protocol.OTHER, true, "d59b19d"));
            out.add(failure(t, Protocol.IMAP, false, null));
        }
        return out;
    }

    private static AuthFailure failure(Instant t, Protocol p, boolean detail, String fp) {
        return new AuthFailure(t.atOffset(ZoneOffset.UTC), new Origin("dovecot", "r", "maillog", 1), "10.91.45.166",
                "info@example.com", p, null, FailureReason.PASSWORD_MISMATCH, 1, detail, fp, null, null, null, null);
    }

    private static List<String> check(List<LogEvent> events, Claim c) {
        AccountAssessment a = new AccountAssessment("info@example.com", AccountVerdict.STALE_PASSWORD, 0.9, null,
                List.of(), Set.of("10.91.45.166"), Set.of(), Set.of(), Set.of(), null, List.of(c), Map.of(), null);
        return new ClaimChecker(events).check(new AuditResult(null, List.of(a), List.of(), List.of(), null));
    }

    private static Claim.Builder polling() {
        return Claim.of(ClaimKind.POLLING).address("10.91.45.166").login("info@example.com")
                .first(T0).last(T0.plusSeconds(300 * 9)).period(java.time.Duration.ofMinutes(5));
    }

    @Test
    void check_trueClaim_accepted() {
        assertThat(check(imapClient(10), polling().count(10).protocols(Set.of(Protocol.IMAP)).say("ok"))).isEmpty();
    }

    @Test
    void check_protocolWithoutAFailureLine_rejected() {
        assertThat(check(imapClient(10), polling().count(10).protocols(Set.of(Protocol.IMAP, Protocol.SMTP))
                .say("SMTP and IMAP"))).singleElement().asString().contains("no smtp failure line");
    }

    @Test
    void check_pairCountedTwice_rejected() {
        assertThat(check(imapClient(10), polling().count(21).protocols(Set.of(Protocol.IMAP)).say("21")))
                .singleElement().asString().contains("claims 21 failures; the lines allow 10..20");
    }

    @Test
    void check_timeBeforeItsEvidence_rejected() {
        assertThat(check(imapClient(10), polling().count(10).first(T0.minusSeconds(3600))
                .protocols(Set.of(Protocol.IMAP)).say("since an hour earlier")))
                .anySatisfy(s -> assertThat(s).contains("no failure line at the claimed first time"));
    }

    @Test
    void check_successThatNeverHappened_rejected() {
        Claim c = Claim.of(ClaimKind.PASSWORD_CHANGED).address("10.91.45.166", "10.0.0.9").login("info@example.com")
                .first(T0.plusSeconds(600)).say("logged in from 10.0.0.9");
        assertThat(check(imapClient(10), c)).singleElement().asString().contains("no success from 10.0.0.9");
    }
}
