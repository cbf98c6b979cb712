package dev.authaudit.classify;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Protocol;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import dev.authaudit.report.ReportJsonWriter;
import dev.authaudit.testing.ReportSchema;
import dev.authaudit.testing.TestEvents;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenarios fed as events built in code; every report they produce is checked against report-v1. */
class AuditorTest {
    private static final OffsetDateTime GENERATED = OffsetDateTime.parse("2026-04-01T00:00:00-04:00");

    private final TestEvents ev = new TestEvents();
    private final List<Observation> observed = new ArrayList<>();

    private AuditResult run(Auditor.Builder builder, List<LogEvent> events) {
        Auditor auditor = builder.observer(observed::add).build();
        events.stream().sorted(java.util.Comparator.comparing(LogEvent::instant)).forEach(auditor::accept);
        AuditResult result = auditor.finish();
        Report report = new ReportAssembler().assemble(result, GENERATED, List.of(), List.of());
        ReportSchema.assertValid(new ReportJsonWriter().toJson(report));
        return result;
    }

    private AuditResult run(List<LogEvent> events) {
        return run(Auditor.builder(), events);
    }

    private static AccountAssessment account(AuditResult r, String login) {
        return r.accounts().stream().filter(a -> a.account().equals(login)).findFirst().orElseThrow();
    }

    private static IpAssessment ip(AuditResult r, String ip) {
        return r.ips().stream().filter(a -> a.ip().equals(ip)).findFirst().orElseThrow();
    }

    /** A phone polling IMAP every 5 min with an old password: Dovecot detail line, then the login summary. */
    private List<LogEvent> stalePhone(String ip, String login, OffsetDateTime from, int polls, int everySeconds) {
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            OffsetDateTime t = from.plusSeconds((long) everySeconds * i + (i % 3) * 4);
            out.add(ev.failure(t, ip, login).detail().fp("712c344").build());
            out.add(ev.failure(t.plusSeconds(2), ip, login).build());
        }
        return out;
    }

    @Test
    void classify_phonePollingEveryFiveMinutesWithOnePassword_isStalePasswordAndCustomer() {
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusHours(1), "198.51.100.7", "bob@example.com", Protocol.IMAP));
        events.addAll(stalePhone("198.51.100.7", "bob@example.com", T0, 23, 300));
        events.add(ev.block(T0.plusMinutes(46).plusSeconds(30), "198.51.100.7", "LF_IMAPD", 10, 3600, 3600L));

        AuditResult r = run(events);

        AccountAssessment bob = account(r, "bob@example.com");
        assertThat(bob.verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        assertThat(bob.evidence().failures()).isEqualTo(23);
        assertThat(bob.confidence()).isGreaterThanOrEqualTo(0.8);
        assertThat(bob.reasons()).anySatisfy(s -> assertThat(s).contains("23 failures from 198.51.100.7 since 09:00, IMAP, every 5 min")
                .contains("since 09:00").contains("IMAP"));
        assertThat(bob.reasons()).anySatisfy(s -> assertThat(s)
                .isEqualTo("one password fingerprint 712c344 repeated 23 times"));
        assertThat(bob.reasons()).anySatisfy(s -> assertThat(s)
                .contains("same address logged in successfully as bob@example.com 1 time before the failures began"));
        assertThat(ip(r, "198.51.100.7").verdict()).isEqualTo(IpVerdict.CUSTOMER);
        BlockAssessment block = r.blocks().get(0);
        assertThat(block.cause()).isEqualTo(BlockCause.STALE_PASSWORD);
        assertThat(block.account()).isEqualTo("bob@example.com");
        assertThat(block.reasons()).anySatisfy(s -> assertThat(s).contains("LF_IMAPD fired").contains("10 hits")
                .contains("LF_IMAPD is 10, the csf default"));
        assertThat(block.reasons()).anySatisfy(s -> assertThat(s).contains("csf -tr 198.51.100.7")
                .contains("tell the owner of bob@example.com"));
        // the point: the verdict was known before the firewall acted
        assertThat(bob.detectedAt()).isBefore(block.evidence().at());
        assertThat(observed).anySatisfy(o -> {
            assertThat(o.kind()).isEqualTo(Observation.Kind.ACCOUNT);
            assertThat(o.verdict()).isEqualTo("stale_password");
            assertThat(o.detectedAt()).isBefore(block.evidence().at());
        });
    }

    @Test
    void classify_homeNatWithWorkingLaptopAndStalePhone_isStalePasswordAndCustomerAddress() {
        String nat = "203.0.113.50";
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusMinutes(30), nat, "carol@example.com", Protocol.IMAP));
        for (int i = 0; i < 12; i++) {
            OffsetDateTime t = T0.plusMinutes(10L * i);
            events.add(ev.failure(t, nat, "carol@example.com").build());
            events.add(ev.failure(t.plusSeconds(40), nat, "carol@example.com").smtp().build());
        }
        events.add(ev.success(T0.plusMinutes(55), nat, "carol@example.com", Protocol.IMAP));
        events.add(ev.success(T0.plusMinutes(95), nat, "carol@example.com", Protocol.SMTP));

        AuditResult r = run(events);

        AccountAssessment carol = account(r, "carol@example.com");
        assertThat(carol.verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        assertThat(carol.reasons()).anySatisfy(s -> assertThat(s).contains("every 10 min"));
        assertThat(carol.reasons()).anySatisfy(s -> assertThat(s).contains("SMTP and IMAP failing together from 203.0.113.50"));
        IpAssessment address = ip(r, nat);
        assertThat(address.verdict()).isEqualTo(IpVerdict.CUSTOMER);
        assertThat(address.verdict()).isNotEqualTo(IpVerdict.ATTACKER);
    }

    @Test
    void classify_passwordChangedOnAnotherDevice_isStaleAndNamesTheOtherDevice() {
        List<LogEvent> events = new ArrayList<>(stalePhone("198.51.100.20", "dave@example.com", T0, 10, 900));
        events.add(ev.success(T0.plusMinutes(74), "203.0.113.9", "dave@example.com", Protocol.IMAP));

        AuditResult r = run(events);

        AccountAssessment dave = account(r, "dave@example.com");
        assertThat(dave.verdict()).isEqualTo(AccountVerdict.STALE_PASSWORD);
        assertThat(dave.reasons()).anySatisfy(s -> assertThat(s)
                .isEqualTo("dave@example.com logged in from 203.0.113.9 at 10:14 after the failures began:"
                        + " the password was changed there"));
        assertThat(dave.reasons()).anySatisfy(s -> assertThat(s).contains("every 15 min"));
        assertThat(ip(r, "198.51.100.20").verdict()).isEqualTo(IpVerdict.CUSTOMER);
    }

    @Test
    void classify_twoFailuresThenSuccessFromSameAddress_isMistyped() {
        AuditResult r = run(List.of(
                ev.failure(T0, "192.0.2.10", "erin@example.com").smtp().build(),
                ev.failure(T0.plusSeconds(20), "192.0.2.10", "erin@example.com").smtp().build(),
                ev.success(T0.plusSeconds(45), "192.0.2.10", "erin@example.com", Protocol.SMTP)));

        AccountAssessment erin = account(r, "erin@example.com");
        assertThat(erin.verdict()).isEqualTo(AccountVerdict.MISTYPED);
        assertThat(erin.reasons()).containsExactly("2 failures from 192.0.2.10 at 09:00:00, then a successful login"
                + " from the same address at 09:00:45 and no failure since");
        assertThat(ip(r, "192.0.2.10").verdict()).isEqualTo(IpVerdict.CUSTOMER);
    }

    @Test
    void classify_dictionaryAttackFromOneAddress_isAttackerWithTargetedAndUnknownUsers() {
        List<LogEvent> events = new ArrayList<>();
        String[] logins = {"admin", "info", "test", "sales", "webmaster", "support"};
        int n = 0;
        for (String name : logins) {
            for (int i = 0; i < 3; i++) {
                TestEvents.FailureBuilder f = ev.failure(T0.plusSeconds(2L * n++), "192.0.2.66", name + "@example.com")
                        .smtp().fp(Integer.toHexString(0xabc000 + n));
                if (name.equals("test") || name.equals("sales")) {
                    f.unknownUser();
                }
                events.add(f.build());
            }
        }
        events.add(ev.block(T0.plusSeconds(9), "192.0.2.66", "LF_SMTPAUTH", 5, 3600, null));

        AuditResult r = run(events);

        IpAssessment attacker = ip(r, "192.0.2.66");
        assertThat(attacker.verdict()).isEqualTo(IpVerdict.ATTACKER);
        assertThat(attacker.reasons().get(0)).contains("tried 6 different logins").contains("never logged in");
        assertThat(account(r, "admin@example.com").verdict()).isEqualTo(AccountVerdict.TARGETED);
        assertThat(account(r, "test@example.com").verdict()).isEqualTo(AccountVerdict.UNKNOWN_USER);
        assertThat(account(r, "sales@example.com").reasons().get(0)).contains("unknown user");
        assertThat(r.blocks().get(0).cause()).isEqualTo(BlockCause.BRUTE_FORCE);
    }

    @Test
    void classify_sprayingManyLoginsFewTriesEach_isAttackerAndTargetedAccounts() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(ev.failure(T0.plusSeconds(30L * i), "192.0.2.77", "user" + i + "@example.com").smtp().build());
        }

        AuditResult r = run(events);

        IpAssessment sprayer = ip(r, "192.0.2.77");
        assertThat(sprayer.verdict()).isEqualTo(IpVerdict.ATTACKER);
        assertThat(sprayer.reasons().get(0)).contains("spraying");
        assertThat(r.accounts()).hasSize(30).allSatisfy(a -> assertThat(a.verdict()).isEqualTo(AccountVerdict.TARGETED));
    }

    @Test
    void classify_slowStuffingFromFiftyAddressesOncePerHour_isTargetedAndEveryAddressAttacker() {
        List<LogEvent> events = new ArrayList<>();
        for (int hour = 0; hour < 3; hour++) {
            for (int k = 0; k < 50; k++) {
                String address = k < 25 ? "198.51.100." + (100 + k) : "2001:db8:" + Integer.toHexString(k) + "::1";
                events.add(ev.failure(T0.plusHours(hour).plusSeconds(72L * k), address, "frank@example.com").smtp()
                        .fp(Integer.toHexString(0x100000 + hour * 100 + k)).build());
            }
        }

        AuditResult r = run(events);

        AccountAssessment frank = account(r, "frank@example.com");
        assertThat(frank.verdict()).isEqualTo(AccountVerdict.TARGETED);
        assertThat(frank.reasons().get(0)).startsWith("150 failures from 50 different addresses");
        assertThat(r.ips()).hasSize(50).allSatisfy(a -> assertThat(a.verdict()).isEqualTo(IpVerdict.ATTACKER));
    }

    @Test
    void classify_guesserThatAlsoKnocksOnPorts_isAttackerNeverAdvisedToBeLetIn() {
        // a password guesser that also probes a few ports: its verdict is attacker (the reasons say both), and
        // the port-scan block of it is never "lift the block"
        List<LogEvent> events = new ArrayList<>();
        String bot = "192.0.2.66";
        for (int i = 0; i < 12; i++) {
            events.add(ev.failure(T0.plusSeconds(10L * i), bot, "user" + i + "@example.com").smtp().build());
        }
        for (int p = 0; p < 12; p++) {
            events.add(ev.drop(T0.plusSeconds(200 + p), bot, 40000 + p, 1000 + 37 * p));
        }
        events.add(ev.drop(T0.plusSeconds(220), bot, 41000, 587));
        events.add(ev.block(T0.plusSeconds(230), bot, "PS_LIMIT", 13, 300, 3600L));
        AuditResult r = run(events);

        IpAssessment a = ip(r, bot);
        assertThat(a.verdict()).isEqualTo(IpVerdict.ATTACKER);
        assertThat(a.reasons()).anySatisfy(s -> assertThat(s).contains("tried 12 different logins"))
                .anySatisfy(s -> assertThat(s).contains("knocked on"));
        BlockAssessment b = r.blocks().get(0);
        assertThat(b.cause()).isNotEqualTo(BlockCause.CLOSED_PORT);
        assertThat(b.reasons()).noneSatisfy(s -> assertThat(s).contains("lift the block"))
                .anySatisfy(s -> assertThat(s).contains("keep the block"));
    }

    @Test
    void classify_permanentBlockOfACustomer_advisesCsfDrAndSaysItIsStillInForce() {
        List<LogEvent> events = new ArrayList<>();
        String phone = "198.51.100.7";
        events.add(ev.success(T0.minusSeconds(3600), phone, "bob@example.com", Protocol.IMAP));
        events.add(ev.success(T0.minusSeconds(3000), phone, "carol@example.com", Protocol.IMAP));
        for (int i = 0; i < 23; i++) {
            events.add(ev.failure(T0.plusSeconds(300L * i).minusSeconds(2), phone, "bob@example.com").detail()
                    .fp("712c344").build());
            events.add(ev.failure(T0.plusSeconds(300L * i), phone, "bob@example.com").build());
        }
        events.add(ev.block(T0.plusSeconds(300L * 22 + 5), phone, "LF_IMAPD", 10, 3600, null));
        AuditResult r = run(events);

        BlockAssessment b = r.blocks().get(0);
        assertThat(b.cause()).isEqualTo(BlockCause.STALE_PASSWORD);
        assertThat(b.reasons()).anySatisfy(s -> assertThat(s).contains("csf -dr " + phone))
                .noneSatisfy(s -> assertThat(s).contains("csf -tr"))
                .anySatisfy(s -> assertThat(s).startsWith("still blocked when the logs end")
                        .contains("bob@example.com").contains("carol@example.com"));
    }

    @Test
    void classify_twentyPortScan_isScannerAndPortScanBlock() {
        List<LogEvent> events = new ArrayList<>();
        int[] ports = {21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 465, 587, 993, 995, 1433, 3306, 3389};
        for (int i = 0; i < ports.length; i++) {
            events.add(ev.drop(T0.plusSeconds(3L * i), "192.0.2.200", 40000 + i, ports[i]));
        }
        events.add(ev.block(T0.plusSeconds(61), "192.0.2.200", "PS_LIMIT", 11, 61, 3600L));

        AuditResult r = run(events);

        assertThat(ip(r, "192.0.2.200").verdict()).isEqualTo(IpVerdict.SCANNER);
        BlockAssessment block = r.blocks().get(0);
        assertThat(block.cause()).isEqualTo(BlockCause.PORT_SCAN);
        assertThat(block.reasons()).anySatisfy(s -> assertThat(s).contains("to 20 ports"));
    }

    /** The 2013 case: PS_LIMIT, Hits 11, every hit a SYN to 587 from one customer, no Exim or Dovecot line. */
    private List<LogEvent> case2013() {
        List<LogEvent> events = new ArrayList<>();
        int[][] attempts = {{50780, 0, 1, 3, 7}, {50781, 20, 21, 23, 27}, {50782, 50, 51, 53}};
        for (int[] a : attempts) {
            for (int i = 1; i < a.length; i++) {
                events.add(ev.drop(T0.plusMinutes(148).plusSeconds(a[i]), "203.0.113.25", a[0], 587));
            }
        }
        events.add(ev.block(T0.plusMinutes(148).plusSeconds(73), "203.0.113.25", "PS_LIMIT", 11, 73, 3600L));
        return events;
    }

    @Test
    void classify_2013CaseWithoutCsfConf_isClosedPortNotScan() {
        AuditResult r = run(case2013());

        BlockAssessment block = r.blocks().get(0);
        assertThat(block.cause()).isEqualTo(BlockCause.CLOSED_PORT);
        assertThat(block.evidence().dropHits()).isEqualTo(11);
        assertThat(block.evidence().dropAttempts()).isEqualTo(3);
        assertThat(block.reasons()).anySatisfy(s -> assertThat(s).contains("PS_LIMIT fired").contains("11 hits")
                .contains("PS_LIMIT is 10, the csf default; lfd blocks when hits exceed it"));
        assertThat(block.reasons()).anySatisfy(s -> assertThat(s).contains("all to port 587")
                .contains("3 connection attempts with 8 SYN retransmissions, not 11 probes"));
        assertThat(block.reasons()).anySatisfy(s -> assertThat(s)
                .startsWith("no connection from 203.0.113.25 ever reached Exim or Dovecot"));
        assertThat(block.reasons()).anySatisfy(s -> assertThat(s).contains("open port 587 in TCP_IN")
                .contains("PS_DIVERSITY to 2").contains("do not tell the customer to check the password"));
        assertThat(ip(r, "203.0.113.25").verdict()).isNotEqualTo(IpVerdict.SCANNER);
    }

    @Test
    void classify_2013CaseWith587MissingFromTcpIn_isClosedPortNamingCsfConf() {
        CsfConfig csf = CsfConfig.parse("/etc/csf/csf.conf", "TCP_IN = \"20,21,22,25,53,80,110,143,443,465,993,995\"\n"
                + "PS_INTERVAL = \"300\"\nPS_LIMIT = \"10\"\n");

        AuditResult r = run(Auditor.builder().csf(csf), case2013());

        BlockAssessment block = r.blocks().get(0);
        assertThat(block.cause()).isEqualTo(BlockCause.CLOSED_PORT);
        assertThat(block.reasons()).contains("port 587 is missing from TCP_IN in /etc/csf/csf.conf");
        assertThat(block.reasons()).anySatisfy(s -> assertThat(s).contains("PS_LIMIT is 10 in /etc/csf/csf.conf"));
    }

    @Test
    void explain_staleLogin_returnsOrderedTimelineVerdictAndBlocks() {
        List<LogEvent> events = new ArrayList<>(stalePhone("198.51.100.7", "bob@example.com", T0, 12, 300));
        events.add(ev.block(T0.plusMinutes(46), "198.51.100.7", "LF_IMAPD", 10, 3600, 3600L));
        events.add(ev.failure(T0.plusMinutes(1), "192.0.2.66", "admin@example.com").build());

        AuditResult r = run(Auditor.builder().explain("bob@example.com"), events);

        Explanation x = r.explanation();
        assertThat(x.subject()).isEqualTo("bob@example.com");
        assertThat(x.verdict()).isEqualTo("stale_password");
        assertThat(x.timeline()).hasSize(12 * 2 + 1);
        assertThat(x.timeline()).isSortedAccordingTo(java.util.Comparator.comparing(
                dev.authaudit.correlate.TimelineEntry::time));
        assertThat(x.timeline()).allSatisfy(e -> assertThat(e.summary()).doesNotContain("admin@example.com"));
        assertThat(x.blocks()).singleElement().satisfies(b -> assertThat(b.cause()).isEqualTo(BlockCause.STALE_PASSWORD));
    }

    @Test
    void report_scenarioMix_isSortedByFailuresAndValid() {
        List<LogEvent> events = new ArrayList<>(stalePhone("198.51.100.7", "bob@example.com", T0, 23, 300));
        events.add(ev.failure(T0, "192.0.2.10", "erin@example.com").smtp().build());
        events.add(ev.success(T0.plusSeconds(30), "192.0.2.10", "erin@example.com", Protocol.SMTP));
        events.addAll(case2013());

        Auditor auditor = Auditor.builder().build();
        events.stream().sorted(java.util.Comparator.comparing(LogEvent::instant)).forEach(auditor::accept);
        Report report = new ReportAssembler().assemble(auditor.finish(), GENERATED, List.of(), List.of());
        JsonNode doc = ReportSchema.assertValid(new ReportJsonWriter().toJson(report));

        assertThat(doc.path("accounts").get(0).path("account").asText()).isEqualTo("bob@example.com");
        assertThat(doc.path("accounts").get(0).path("detected_at").asText()).endsWith("-04:00");
        assertThat(doc.path("period").path("from").asText()).isEqualTo("2026-03-31T09:00:00-04:00");
        assertThat(doc.path("blocks").get(0).path("cause").asText()).isEqualTo("closed_port");
        assertThat(doc.path("blocks").get(0).path("account").isNull()).isTrue();
    }
}
