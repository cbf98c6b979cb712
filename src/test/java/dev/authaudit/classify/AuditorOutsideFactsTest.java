package dev.authaudit.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.correlate.AccountEvidence;
import dev.authaudit.correlate.IpContext;
import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a partitioned run's other steps know ({@link OutsideFacts}) takes the place of what one auditor's
 * share of the events shows; with none, the auditor is the one {@code scan} runs.
 */
class AuditorOutsideFactsTest {
    private static final EventJson JSON = new EventJson();

    private static LogEvent failure(String time, String ip, String login) {
        return JSON.read("{\"time\":\"2026-12-06T" + time + "Z\",\"type\":\"auth_failure\",\"source\":\"dovecot\","
                + "\"rule\":\"dovecot.auth-failed\",\"ip\":\"" + ip + "\",\"account\":\"" + login + "\",\"protocol\":"
                + "\"imap\",\"port\":993,\"file\":\"maillog\",\"line\":1,\"host\":\"mx1\",\"reason\":"
                + "\"password_mismatch\",\"attempts\":1,\"detail\":false}");
    }

    private static AuditResult audit(OutsideFacts outside, LogEvent... events) {
        Auditor a = Auditor.builder().outside(outside).build();
        for (LogEvent e : events) {
            a.accept(e);
        }
        return a.finish();
    }

    private static IpAssessment ip(AuditResult r, String ip) {
        return r.ips().stream().filter(x -> x.ip().equals(ip)).findFirst().orElseThrow();
    }

    /** A login's assessment as the login step would hand it over: stale, with {@code device} its client. */
    private static AccountAssessment stale(String login, String device) {
        AccountEvidence thin = new AccountEvidence(login, 40, 40, 12, 40, 0, 0, null, null, null, null, 1, 1, 1,
                List.of(), List.of(), 0, 0, null, null, 0, Set.of());
        return new AccountAssessment(login, AccountVerdict.STALE_PASSWORD, 0.95, null, List.of(), Set.of(device),
                Set.of(), Set.of(), Set.of(), thin, List.of(), Map.of(device, SourceRole.CUSTOMER), device);
    }

    @Test
    void loginStepsVerdict_makesItsClientACustomer_whereThisShareSaysNothing() {
        LogEvent[] share = {failure("10:00:00", "203.0.113.5", "carol@example.org"),
            failure("10:10:00", "203.0.113.5", "carol@example.org")};
        assertThat(ip(audit(OutsideFacts.NONE, share), "203.0.113.5").verdict()).isEqualTo(IpVerdict.UNKNOWN);
        OutsideFacts fleet = new OutsideFacts() {
            @Override
            public AccountAssessment account(String login) {
                return login.equals("carol@example.org") ? stale(login, "203.0.113.5") : null;
            }
        };
        AuditResult r = audit(fleet, share);
        assertThat(ip(r, "203.0.113.5").verdict()).isEqualTo(IpVerdict.CUSTOMER);
        assertThat(ip(r, "203.0.113.5").reasons()).anyMatch(s -> s.contains("is the device of carol@example.org"));
        assertThat(r.accounts()).singleElement().extracting(AccountAssessment::verdict)
                .isEqualTo(AccountVerdict.STALE_PASSWORD);
    }

    @Test
    void addressStepsContext_entersTheLoginsEvidence() {
        LogEvent[] share = {failure("10:00:00", "198.51.100.9", "bob@example.com"),
            failure("10:05:00", "198.51.100.9", "bob@example.com")};
        AuditResult alone = audit(OutsideFacts.NONE, share);
        // alone, two failures and nothing else: a one-off that could be anyone's
        assertThat(alone.accounts().get(0).oneOffSources()).containsExactly("198.51.100.9");
        OutsideFacts fleet = new OutsideFacts() {
            @Override
            public IpContext context(String ip) {
                return new IpContext(true, 3, 2, 5, List.of("ann@example.com"), 1, 5, List.of("ann@example.com"), 1, 0,
                        2);
            }

            @Override
            public long domainSuccesses(String login, String ip) {
                return 5;
            }
        };
        AuditResult r = audit(fleet, share);
        assertThat(r.accounts().get(0).evidence().sources()).singleElement().satisfies(s -> {
            assertThat(s.domainSuccesses()).isEqualTo(5);
            assertThat(s.context().successes()).isEqualTo(5);
        });
        // with what the address's other events say (colleagues of example.com log in from it): no one-off
        assertThat(r.accounts().get(0).oneOffSources()).isEmpty();
    }

    @Test
    void campaignJudgedElsewhere_decidesTheMembers() {
        LogEvent one = failure("10:00:00", "192.0.2.77", "dave@example.net");
        OutsideFacts member = new OutsideFacts() {
            @Override
            public Map<String, String> campaign(List<CampaignCandidate> candidates) {
                assertThat(candidates).extracting(CampaignCandidate::ip).contains("192.0.2.77");
                return Map.of("192.0.2.77", "192.0.2.77 is one of 40 such addresses");
            }
        };
        assertThat(ip(audit(member, one), "192.0.2.77").verdict()).isEqualTo(IpVerdict.ATTACKER);
        OutsideFacts none = new OutsideFacts() {
            @Override
            public Map<String, String> campaign(List<CampaignCandidate> candidates) {
                return Map.of();
            }
        };
        assertThat(ip(audit(none, one), "192.0.2.77").verdict()).isNotEqualTo(IpVerdict.ATTACKER);
    }
}
