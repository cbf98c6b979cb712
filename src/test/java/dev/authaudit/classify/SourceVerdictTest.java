package dev.authaudit.classify;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Protocol;
import dev.authaudit.report.ReportAssembler;
import dev.authaudit.report.ReportJsonWriter;
import dev.authaudit.testing.ReportSchema;
import dev.authaudit.testing.TestEvents;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regressions of the per-(login, source) verdicts: the customer's problem wins over attackers guessing
 * the same login, a roaming stale phone is never an attacker, one-off addresses are recognised from
 * aggregate evidence, typos stay typos, and stale clients are found before lfd blocks them.
 */
class SourceVerdictTest {
    private static final OffsetDateTime GENERATED = OffsetDateTime.parse("2026-04-02T00:00:00-04:00");
    private final TestEvents ev = new TestEvents();

    private AuditResult run(List<LogEvent> events) {
        Auditor auditor = Auditor.builder().build();
        events.stream().sorted(Comparator.comparing(LogEvent::instant)).forEach(auditor::accept);
        AuditResult result = auditor.finish();
        ReportSchema.assertValid(new ReportJsonWriter().toJson(
                new ReportAssembler().assemble(result, GENERATED, List.of(), List.of())));
        return result;
    }

    private static AccountAssessment account(AuditResult r, String login) {
        return r.accounts().stream().filter(a -> a.account().equals(login)).findFirst().orElseThrow();
    }

    private static IpAssessment ip(AuditResult r, String ip) {
        return r.ips().stream().filter(a -> a.ip().equals(ip)).findFirst().orElseThrow();
    }

    private static BlockAssessment block(AuditResult r, String ip) {
        return r.blocks().stream().filter(b -> b.evidence().ip().equals(ip)).findFirst().orElseThrow();
    }

    /** A client polling IMAP with an old password (fingerprint {@code fp}, or none when null). */
    private List<LogEvent> polls(String ip, String login, OffsetDateTime from, int n, int everySeconds, String fp) {
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestEvents.FailureBuilder f = ev.failure(from.plusSeconds((long) everySeconds * i + (i % 3) * 5), ip, login);
            out.add((fp == null ? f : f.fp(fp)).build());
        }
        return out;
    }

    /** A bot working through a list of logins with a new password each time, a few seconds apart. */
    private List<LogEvent> bot(String ip, OffsetDateTime from, List<String> logins) {
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < logins.size(); i++) {
            out.add(ev.failure(from.plusSeconds(4L * i), ip, logins.get(i)).smtp()
                    .fp(Integer.toHexString(0xa00000 + i)).build());
        }
        return out;
    }

    @Test
    void classify_stalePhoneWhileBotsGuessTheSameLogin_isStaleAndBotsStayAttackers() {
        String nat = "198.51.100.7";
        String login = "bob@example.com";
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusHours(2), nat, login, Protocol.IMAP));
        events.addAll(polls(nat, login, T0, 12, 300, "712c344"));
        List<String> list = List.of("admin@example.com", login, "info@example.com", "sales@example.com", login,
                "test@example.com", "office@example.com");
        events.addAll(bot("192.0.2.66", T0.plusMinutes(3), list));
        events.addAll(bot("192.0.2.67", T0.plusMinutes(9), list));
        events.add(ev.block(T0.plusMinutes(46), nat, "LF_IMAPD", 10, 3600, 3600L));
        events.add(ev.block(T0.plusMinutes(3).plusSeconds(20), "192.0.2.66", "LF_SMTPAUTH", 5, 3600, 3600L));

        AuditResult r = run(events);

        AccountAssessment bob = account(r, login);
        assertThat(bob.verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        assertThat(bob.reasons().get(0)).contains("12 failures from 198.51.100.7 since").contains("every 5 min");
        assertThat(bob.reasons()).anySatisfy(s -> assertThat(s).startsWith("separately, 2 addresses guess this login"));
        assertThat(bob.customerSources()).containsExactly(nat);
        assertThat(bob.attackerSources()).containsExactlyInAnyOrder("192.0.2.66", "192.0.2.67");
        assertThat(ip(r, nat).verdict()).isEqualTo(IpVerdict.CUSTOMER);
        assertThat(ip(r, "192.0.2.66").verdict()).isEqualTo(IpVerdict.ATTACKER);
        assertThat(ip(r, "192.0.2.67").verdict()).isEqualTo(IpVerdict.ATTACKER);
        assertThat(block(r, nat).cause()).isEqualTo(BlockCause.STALE_PASSWORD);
        assertThat(block(r, "192.0.2.66").cause()).isEqualTo(BlockCause.BRUTE_FORCE);
        assertThat(bob.detectedAt()).isBefore(block(r, nat).evidence().at());
    }

    @Test
    void classify_stalePhoneRoamingOverMobileAddresses_isStaleAndNoAddressIsAttacker() {
        String home = "203.0.113.40";
        String login = "carol@example.com";
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusHours(3), home, login, Protocol.IMAP));
        events.addAll(polls(home, login, T0, 8, 900, "5edc78"));
        // then the phone leaves home: a new carrier address every hour or two, same password, same rhythm
        String[] mobile = {"100.64.1.20", "100.71.9.3", "100.80.200.14", "100.99.5.77", "100.120.3.9"};
        for (int k = 0; k < mobile.length; k++) {
            events.addAll(polls(mobile[k], login, T0.plusHours(2).plusMinutes(90L * k), k == 4 ? 1 : 6, 900, "5edc78"));
        }
        events.add(ev.success(T0.plusHours(5), "203.0.113.41", login, Protocol.IMAP));

        AuditResult r = run(events);

        AccountAssessment carol = account(r, login);
        assertThat(carol.verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        assertThat(carol.attackerSources()).isEmpty();
        for (String m : mobile) {
            assertThat(ip(r, m).verdict()).as(m).isNotEqualTo(IpVerdict.ATTACKER);
        }
        assertThat(carol.customerSources()).contains(home, "100.64.1.20", "100.71.9.3");
    }

    @Test
    void classify_slowStuffingOneTryPerAddress_isTargetedAndEveryAddressAttacker() {
        List<LogEvent> events = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            events.add(ev.failure(T0.plusMinutes(11L * k), "198.18.0." + (10 + k), "dave@example.com").fp("c0ffee").build());
        }
        // one address of the same botnet tries two logins, once each
        events.add(ev.failure(T0.plusMinutes(3), "198.18.1.5", "erin@example.com").smtp().build());
        events.add(ev.failure(T0.plusMinutes(40), "198.18.1.5", "frank@example.com").build());

        AuditResult r = run(events);

        assertThat(account(r, "dave@example.com").verdict()).isEqualTo(AccountVerdict.TARGETED);
        assertThat(account(r, "dave@example.com").reasons()).anySatisfy(s -> assertThat(s)
                .contains("8 addresses tried dave@example.com at most 2 times each without any history"));
        for (int k = 0; k < 8; k++) {
            assertThat(ip(r, "198.18.0." + (10 + k)).verdict()).isEqualTo(IpVerdict.ATTACKER);
        }
        assertThat(ip(r, "198.18.1.5").verdict()).isEqualTo(IpVerdict.ATTACKER);
        assertThat(ip(r, "198.18.1.5").reasons().get(0)).contains("tried 2 different logins, at most 1 time each");
    }

    @Test
    void classify_oneOffsOnRoamingStaleLoginWithoutFingerprints_areNotCalledAttackers() {
        String home = "203.0.113.50";
        String login = "gina@example.com";
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusHours(1), home, login, Protocol.IMAP));
        events.addAll(polls(home, login, T0, 6, 600, null));
        events.addAll(polls("100.70.1.1", login, T0.plusHours(1), 5, 600, null));
        // without fingerprints a one-off failure may be the same phone on yet another carrier address
        for (int k = 0; k < 4; k++) {
            events.add(ev.failure(T0.plusHours(2).plusMinutes(30L * k), "100.90.0." + (1 + k), login).build());
        }

        AuditResult r = run(events);

        assertThat(account(r, login).verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        for (int k = 0; k < 4; k++) {
            assertThat(ip(r, "100.90.0." + (1 + k)).verdict()).isNotEqualTo(IpVerdict.ATTACKER);
        }
    }

    @Test
    void classify_typoRetriedEveryMinuteThenSuccess_isMistypedAndItsBlockToo() {
        String ip = "198.51.100.187";
        String login = "yvonne@example.com";
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusDays(1), ip, login, Protocol.SMTP));
        for (int i = 0; i < 5; i++) {
            events.add(ev.failure(T0.plusSeconds(60L * i + (i % 2) * 7), ip, login).smtp()
                    .fp(Integer.toHexString(0xb00000 + i)).build());
        }
        events.add(ev.block(T0.plusSeconds(250), ip, "LF_SMTPAUTH", 5, 3600, 3600L));
        events.add(ev.success(T0.plusMinutes(6), ip, login, Protocol.SMTP));

        AuditResult r = run(events);

        assertThat(account(r, login).verdict()).isEqualTo(AccountVerdict.MISTYPED);
        assertThat(block(r, ip).cause()).isEqualTo(BlockCause.MISTYPED);
    }

    @Test
    void classify_officeNatWithTwoStaleMailboxes_blockIsStalePassword() {
        String office = "203.0.113.245";
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusHours(2), office, "sales@example.net", Protocol.IMAP));
        events.add(ev.success(T0.minusHours(2), office, "alice@example.net", Protocol.SMTP));
        events.addAll(polls(office, "sales@example.net", T0, 8, 300, "b2548f"));
        for (int i = 0; i < 5; i++) {
            events.add(ev.failure(T0.plusSeconds(170L * i + 30), office, "alice@example.net").smtp().fp("5edc78").build());
        }
        events.add(ev.failure(T0.plusMinutes(20), office, "ben@example.net").smtp().build());
        events.add(ev.block(T0.plusMinutes(36), office, "LF_IMAPD", 10, 3600, 3600L));

        AuditResult r = run(events);

        assertThat(account(r, "sales@example.net").verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        assertThat(account(r, "alice@example.net").verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        BlockAssessment b = block(r, office);
        assertThat(b.cause()).isEqualTo(BlockCause.STALE_PASSWORD);
        assertThat(b.account()).isEqualTo("sales@example.net");
        assertThat(ip(r, office).verdict()).isEqualTo(IpVerdict.CUSTOMER);
    }

    @Test
    void classify_portScanBlockOfNatWithStaleClient_isExplainedByItsDrops() {
        String nat = "198.51.100.87";
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusHours(1), nat, "jon@example.com", Protocol.IMAP));
        events.addAll(polls(nat, "jon@example.com", T0, 6, 300, "aa11bb"));
        for (int i = 0; i < 11; i++) {
            events.add(ev.drop(T0.plusMinutes(20).plusSeconds(7L * i), nat, 50_000 + i / 4, 2525));
        }
        events.add(ev.block(T0.plusMinutes(20).plusSeconds(80), nat, "PS_LIMIT", 11, 80, 3600L));

        AuditResult r = run(events);

        assertThat(block(r, nat).cause()).isEqualTo(BlockCause.CLOSED_PORT);
    }

    @Test
    void detectedAt_staleSmtpClientRetryingEveryTwoAndAHalfMinutes_isBeforeTheLfSmtpAuthBlock() {
        String nat = "10.20.30.40";
        String login = "heidi@example.org";
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusHours(5), nat, login, Protocol.SMTP));
        int[] jitter = {0, 12, -9, 20, 4};
        for (int i = 0; i < 5; i++) {
            events.add(ev.failure(T0.plusSeconds(150L * i + jitter[i]), nat, login).smtp().build());
        }
        events.add(ev.block(T0.plusSeconds(600 + 24 + 3), nat, "LF_SMTPAUTH", 5, 3600, 3600L));

        AuditResult r = run(events);

        AccountAssessment heidi = account(r, login);
        assertThat(heidi.verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        assertThat(heidi.detectedAt()).isBefore(block(r, nat).evidence().at());
        assertThat(block(r, nat).cause()).isEqualTo(BlockCause.STALE_PASSWORD);
    }
}
