package dev.authaudit.act.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoticePolicyTest {
    private final NoticePolicy policy = NoticePolicy.defaults();
    private final NoticeHistory none = (a, i, s) -> Optional.empty();
    private final Instant now = Candidates.T0.plusSeconds(3600);

    private Decision decide(Candidates c) {
        NoticeCandidate nc = c.build();
        return policy.decide(nc, RecipientResolver.mailboxOnly().resolve(nc.account()), none, DeliveryMode.SEND, now);
    }

    @Test
    void decide_confidentStalePasswordWithSuccess_sends() {
        Decision d = decide(Candidates.stale("bob@example.com"));
        assertThat(d.action()).isEqualTo(Decision.Action.SEND);
        assertThat(d.reason()).contains("stale_password at confidence 0.93", "42 failures from 203.0.113.7",
                "the mailbox itself");
    }

    @Test
    void decide_draftsMode_drafts() {
        NoticeCandidate c = Candidates.stale("bob@example.com").build();
        Decision d = policy.decide(c, RecipientResolver.mailboxOnly().resolve(c.account()), none,
                DeliveryMode.DRAFTS, now);
        assertThat(d.action()).isEqualTo(Decision.Action.DRAFT);
    }

    @Test
    void decide_lowConfidence_suppressedWithThreshold() {
        Candidates c = Candidates.stale("bob@example.com");
        c.confidence = 0.62;
        Decision d = decide(c);
        assertThat(d.action()).isEqualTo(Decision.Action.SUPPRESS);
        assertThat(d.reason()).isEqualTo("confidence 0.62 is below the notice threshold 0.80");
    }

    @Test
    void decide_otherVerdict_suppressed() {
        Candidates c = Candidates.stale("bob@example.com");
        c.verdict = "mistyped";
        assertThat(decide(c).reason()).isEqualTo("verdict is mistyped; notices go only to stale_password logins");
    }

    @Test
    void decide_targetedLogin_suppressed() {
        Candidates c = Candidates.stale("bob@example.com");
        c.targeted = true;
        Decision d = decide(c);
        assertThat(d.action()).isEqualTo(Decision.Action.SUPPRESS);
        assertThat(d.reason()).contains("others are guessing this login (targeted)");
    }

    @Test
    void decide_attackerPattern_suppressed() {
        Candidates c = Candidates.stale("bob@example.com");
        c.attacker = true;
        assertThat(decide(c).reason()).contains("look like an attack");
    }

    @Test
    void decide_noSuccessOnRecord_suppressed() {
        Candidates c = Candidates.stale("bob@example.com");
        c.success = false;
        Decision d = decide(c);
        assertThat(d.action()).isEqualTo(Decision.Action.SUPPRESS);
        assertThat(d.reason()).startsWith("no successful login on record");
    }

    @Test
    void decide_closedPort_suppressedWithFirewallFix() {
        Candidates c = Candidates.stale("bob@example.com");
        c.blockCause = "closed_port";
        c.protocol = dev.authaudit.event.Protocol.SMTP;
        c.port = 587;
        Decision d = decide(c);
        assertThat(d.action()).isEqualTo(Decision.Action.SUPPRESS);
        assertThat(d.reason()).contains("the firewall does not open port 587", "fix TCP_IN")
                .doesNotContain("check your password");
    }

    @Test
    void decide_anotherIncidentNotifiedWithin24h_suppressed() {
        NoticeCandidate c = Candidates.stale("bob@example.com").build();
        Instant earlier = now.minus(Duration.ofHours(3));
        NoticeHistory h = (a, i, since) -> a.equals("bob@example.com") && !earlier.isBefore(since)
                ? Optional.of(earlier) : Optional.empty();
        Decision d = policy.decide(c, RecipientResolver.mailboxOnly().resolve(c.account()), h, DeliveryMode.SEND, now);
        assertThat(d.action()).isEqualTo(Decision.Action.SUPPRESS);
        assertThat(d.reason()).contains("already has a notice from " + earlier, "one per login per 24 h");
    }

    @Test
    void decide_unsafeLogin_suppressedWithAddressReason() {
        Decision d = decide(Candidates.stale("a@b.com,evil@x.org"));
        assertThat(d.action()).isEqualTo(Decision.Action.SUPPRESS);
        assertThat(d.reason()).startsWith("no safe recipient: the login 'a@b.com,evil@x.org' contains ','");
    }

    @Test
    void policy_confidenceAboveOne_configErrorNamesKey() {
        assertThatThrownBy(() -> new NoticePolicy(1.5, Duration.ofHours(24), 20, Duration.ofHours(1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("min confidence 1.5");
    }
}
