package dev.authaudit.correlate;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.LogEvent;
import dev.authaudit.testing.TestEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelatorTest {
    private final TestEvents ev = new TestEvents();
    private final EventClock clock = new EventClock(Instant.EPOCH);
    private final Correlator correlator = Correlator.builder().build();

    private CorrelationResult replay(List<? extends LogEvent> events) {
        for (LogEvent e : events) {
            clock.advanceTo(e.instant());
            correlator.accept(e, clock.millis());
        }
        return correlator.finish(clock.millis());
    }

    private static AccountEvidence account(CorrelationResult r, String login) {
        return r.accounts().stream().filter(a -> a.account().equals(login)).findFirst().orElseThrow();
    }

    private static IpEvidence ip(CorrelationResult r, String ip) {
        return r.ips().stream().filter(a -> a.ip().equals(ip)).findFirst().orElseThrow();
    }

    @Test
    void accept_detailBeforePrimary_countsOneAttemptEnrichedByDetail() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").detail().fp("712c344").build(),
                ev.failure(T0.plusSeconds(1), "198.51.100.7", "bob@example.com").build()));

        AccountEvidence bob = account(r, "bob@example.com");
        assertThat(bob.failures()).isEqualTo(1);
        assertThat(bob.fingerprints()).containsExactly(new Count("712c344", 1));
        assertThat(r.stats().pairedDetails()).isEqualTo(1);
        assertThat(r.stats().loneDetails()).isZero();
    }

    @Test
    void accept_eximSyslogCopyAndDovecotAuthenticatorLine_countOneAttempt() {
        // Exim through syslog writes the 535 twice (main and reject log); Dovecot's authenticator logs the
        // same attempt as "auth: passwd-file(bob,ip): Password mismatch" without a session id
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").detail().fp("72ce1b").build(),
                ev.failure(T0.plusSeconds(1), "198.51.100.7", "bob@example.com").smtp().build(),
                ev.failure(T0.plusSeconds(1), "198.51.100.7", "bob@example.com").smtp().build(),
                ev.failure(T0.plusSeconds(300), "198.51.100.7", "bob@example.com").smtp().build(),
                ev.failure(T0.plusSeconds(300), "198.51.100.7", "bob@example.com").smtp().build(),
                ev.failure(T0.plusSeconds(301), "198.51.100.7", "bob@example.com").detail().fp("72ce1b").build()));

        AccountEvidence bob = account(r, "bob@example.com");
        assertThat(bob.failures()).isEqualTo(2);
        assertThat(r.stats().syslogCopies()).isEqualTo(2);
        assertThat(r.stats().pairedDetails()).isEqualTo(2);
        assertThat(bob.protocols()).containsExactly(dev.authaudit.event.Protocol.SMTP);
    }

    @Test
    void accept_eximMainAndRejectLog_eachRejectionCountsOnce() {
        // Exim writes a 535 to exim_mainlog and again to exim_rejectlog; a scan of /var/log reads both
        dev.authaudit.event.AuthFailure main1 = ev.failure(T0, "198.51.100.7", "bob@example.com").smtp().build();
        dev.authaudit.event.AuthFailure main2 = ev.failure(T0, "198.51.100.7", "bob@example.com").smtp().build();
        List<LogEvent> events = List.of(main1, inFile(main1, "exim_rejectlog", 10), main2,
                inFile(main2, "exim_rejectlog", 11),
                ev.failure(T0.plusSeconds(60), "198.51.100.7", "bob@example.com").smtp().build());
        CorrelationResult r = replay(events);

        // two attempts in one second (each in both logs) and one more a minute later
        assertThat(account(r, "bob@example.com").failures()).isEqualTo(3);
        assertThat(r.stats().syslogCopies()).isEqualTo(2);
    }

    private static dev.authaudit.event.AuthFailure inFile(dev.authaudit.event.AuthFailure f, String file, long line) {
        return new dev.authaudit.event.AuthFailure(f.time(), new dev.authaudit.event.Origin(f.origin().source(),
                f.origin().rule(), file, line), f.ip(), f.account(), f.protocol(), f.port(), f.reason(), f.attempts(),
                f.detail(), f.passwordFp(), f.session(), f.mech(), f.helo(), f.localIp());
    }

    @Test
    void accept_twoEximFailuresInOneSecondApartInTheFile_countTwice() {
        // the same second but not adjacent lines: two connections, two attempts
        List<LogEvent> events = new java.util.ArrayList<>();
        events.add(ev.failure(T0, "198.51.100.7", "bob@example.com").smtp().build());
        events.add(ev.failure(T0, "203.0.113.9", "eve@example.com").smtp().build());
        events.add(ev.failure(T0, "203.0.113.9", "eve@example.com").smtp().build());
        events.add(ev.failure(T0, "203.0.113.9", "eve@example.com").smtp().build());
        events.add(ev.failure(T0, "198.51.100.7", "bob@example.com").smtp().build());
        CorrelationResult r = replay(events);

        assertThat(account(r, "bob@example.com").failures()).isEqualTo(2);
        // three identical lines in a row: one line and its copy, then another attempt
        assertThat(account(r, "eve@example.com").failures()).isEqualTo(2);
    }

    @Test
    void accept_explainedPair_timelineSaysWhichLinesWereMerged() {
        Correlator c = Correlator.builder().explain(ExplainFilter.of("bob@example.com")).build();
        for (LogEvent e : List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").detail().fp("72ce1b").build(),
                ev.failure(T0.plusSeconds(1), "198.51.100.7", "bob@example.com").smtp().build(),
                ev.failure(T0.plusSeconds(1), "198.51.100.7", "bob@example.com").smtp().build())) {
            clock.advanceTo(e.instant());
            c.accept(e, clock.millis());
        }
        List<TimelineEntry> t = c.finish(clock.millis()).timeline();
        assertThat(t).hasSize(3);
        assertThat(t.get(0).summary()).contains("counted as one attempt with test.log:" + t.get(1).line());
        assertThat(t.get(1).summary()).contains("counted as one attempt with test.log:" + t.get(0).line());
        assertThat(t.get(2).summary()).contains("not counted: Exim's syslog copy (syslog_duplication) of test.log:"
                + t.get(1).line());
    }

    @Test
    void accept_primaryBeforeDetail_countsOneAttemptEnrichedByDetail() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").smtp().build(),
                ev.failure(T0.plusSeconds(2), "198.51.100.7", "bob@example.com").detail().fp("712c344").build()));

        AccountEvidence bob = account(r, "bob@example.com");
        assertThat(bob.failures()).isEqualTo(1);
        assertThat(bob.distinctFingerprints()).isEqualTo(1);
        assertThat(bob.protocols()).containsExactly(dev.authaudit.event.Protocol.SMTP);
    }

    @Test
    void accept_eagerPrimaryThenLateDetail_countsAtOnceAndOnce() {
        // live mode: the Exim 535 counts when it is read, not when the pairing window closes
        EventClock live = new EventClock(Instant.EPOCH);
        java.util.List<AccountEvidence> heard = new java.util.ArrayList<>();
        Correlator eager = Correlator.builder().eagerPrimaries(true).listener(new CorrelationListener() {
            @Override
            public void onAccount(AccountEvidence evidence, Instant at) {
                heard.add(evidence);
            }
        }).build();
        LogEvent primary = ev.failure(T0, "198.51.100.7", "bob@example.com").smtp().build();
        live.advanceTo(primary.instant());
        eager.accept(primary, live.millis());
        assertThat(heard).as("judged on the primary line itself").isNotEmpty();
        assertThat(heard.get(heard.size() - 1).failures()).isEqualTo(1);
        LogEvent detail = ev.failure(T0.plusSeconds(2), "198.51.100.7", "bob@example.com").detail().fp("712c344")
                .build();
        live.advanceTo(detail.instant());
        eager.accept(detail, live.millis());
        assertThat(eager.finish(live.millis()).accounts()).singleElement().satisfies(a -> assertThat(a.failures()).isEqualTo(1));
    }

    @Test
    void accept_listenerWithoutAddresses_hearsLoginsOnly() {
        // a scan without notices: address and block verdicts reached on the way would go nowhere
        EventClock replay = new EventClock(Instant.EPOCH);
        java.util.List<String> heard = new java.util.ArrayList<>();
        Correlator c = Correlator.builder().listener(new CorrelationListener() {
            @Override
            public void onAccount(AccountEvidence evidence, Instant at) {
                heard.add("account " + evidence.account());
            }

            @Override
            public void onIp(IpEvidence evidence, Instant at) {
                heard.add("ip " + evidence.ip());
            }

            @Override
            public void onBlock(BlockEvidence evidence) {
                heard.add("block " + evidence.ip());
            }

            @Override
            public boolean wantsAddresses() {
                return false;
            }
        }).build();
        for (LogEvent e : List.of(ev.failure(T0, "198.51.100.7", "bob@example.com").smtp().build(),
                ev.drop(T0.plusSeconds(20), "198.51.100.7", 40000, 587),
                ev.block(T0.plusSeconds(30), "198.51.100.7", "LF_SMTPAUTH", 1, 3600, null))) {
            replay.advanceTo(e.instant());
            c.accept(e, replay.millis());
        }
        CorrelationResult r = c.finish(replay.millis());

        assertThat(heard).containsOnly("account bob@example.com");
        assertThat(r.blocks()).singleElement().satisfies(b -> assertThat(b.failures()).isEqualTo(1));
        assertThat(ip(r, "198.51.100.7").dropHits()).isEqualTo(1);
    }

    @Test
    void accept_sameSessionFarApart_pairsOnSession() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").detail().session("8oNSumM3A8mK").build(),
                ev.failure(T0.plusSeconds(14), "198.51.100.7", "bob@example.com").session("8oNSumM3A8mK").build()));

        assertThat(account(r, "bob@example.com").failures()).isEqualTo(1);
    }

    @Test
    void accept_successOfAnotherDeviceBetweenDetailAndSummary_countsTheAttemptOnce() {
        // an office NAT: the stale client's detail line, another device's login, then the summary 7 s later
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "203.0.113.245", "sales@example.net").detail().fp("b2548f").session("YH7cUMBh").build(),
                ev.success(T0.plusSeconds(2), "203.0.113.245", "sales@example.net",
                        dev.authaudit.event.Protocol.IMAP),
                ev.failure(T0.plusSeconds(7), "203.0.113.245", "sales@example.net").session("YH7cUMBh").build()));

        AccountEvidence sales = account(r, "sales@example.net");
        assertThat(sales.failures()).isEqualTo(1);
        assertThat(sales.protocols()).doesNotContain(dev.authaudit.event.Protocol.OTHER);
        assertThat(r.stats().loneDetails()).isZero();
    }

    @Test
    void accept_summaryAfterPreLoginIdleTimeout_pairsOnSession() {
        // "Disconnected: Inactivity (auth failed, 1 attempts in 168 secs)"
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.180", "heidi@example.com").detail().session("SGIMirQ5").build(),
                ev.failure(T0.plusSeconds(168), "198.51.100.180", "heidi@example.com").session("SGIMirQ5").build()));

        assertThat(account(r, "heidi@example.com").failures()).isEqualTo(1);
    }

    @Test
    void accept_primaryCountedEarlyForASuccess_absorbsItsLateDetail() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "192.0.2.10", "erin@example.com").smtp().build(),
                ev.success(T0.plusSeconds(1), "192.0.2.10", "erin@example.com", dev.authaudit.event.Protocol.SMTP),
                ev.failure(T0.plusSeconds(2), "192.0.2.10", "erin@example.com").detail().fp("abc123").build()));

        AccountEvidence erin = account(r, "erin@example.com");
        assertThat(erin.failures()).isEqualTo(1);
        assertThat(erin.sources().get(0).successesAfterFailures()).isEqualTo(1);
        assertThat(r.stats().loneDetails()).isZero();
    }

    @Test
    void accept_failuresThenTheLoginSucceedsElsewhere_episodeRecordsTheConfirmationAndLaterFailures() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.20", "dave@example.com").build(),
                ev.failure(T0.plusMinutes(15), "198.51.100.20", "dave@example.com").build(),
                ev.success(T0.plusMinutes(20), "203.0.113.9", "dave@example.com", dev.authaudit.event.Protocol.IMAP),
                ev.failure(T0.plusMinutes(30), "198.51.100.20", "dave@example.com").build(),
                ev.failure(T0.plusMinutes(45), "198.51.100.20", "dave@example.com").build()));

        SourceEvidence s = account(r, "dave@example.com").sources().stream()
                .filter(x -> x.ip().equals("198.51.100.20")).findFirst().orElseThrow();
        assertThat(s.longestEpisode().failures()).isEqualTo(4);
        assertThat(s.longestEpisode().confirmedFrom()).isEqualTo("203.0.113.9");
        assertThat(s.longestEpisode().failuresAfterConfirm()).isEqualTo(2);
        assertThat(s.longestEpisode().resolvedAt()).isNull();
    }

    @Test
    void accept_successOnlySourcesAndManyOneOffs_keepTheFailingSourcesInTheBoundedList() {
        java.util.List<LogEvent> events = new java.util.ArrayList<>();
        for (int k = 0; k < 40; k++) {
            events.add(ev.success(T0.plusSeconds(k), "100.64.0." + k, "info@example.com",
                    dev.authaudit.event.Protocol.IMAP));
        }
        events.add(ev.failure(T0.plusMinutes(5), "10.1.2.3", "info@example.com").build());

        AccountEvidence info = account(replay(events), "info@example.com");

        assertThat(info.sources()).hasSize(CorrelationSettings.defaults().maxSourcesPerAccount());
        assertThat(info.sources()).anySatisfy(s -> assertThat(s.ip()).isEqualTo("10.1.2.3"));
    }

    @Test
    void accept_detailAlone_countsOnItsOwnOnceWindowPasses() {
        correlator.accept(ev.failure(T0, "198.51.100.7", "bob@example.com").detail().build(), clock.millis());
        clock.advanceTo(T0.plusSeconds(3).toInstant());
        correlator.tick(clock.millis());
        assertThat(correlator.account("bob@example.com")).isEmpty();

        clock.advanceTo(T0.plusSeconds(10).toInstant());
        correlator.tick(clock.millis());

        assertThat(correlator.account("bob@example.com")).hasValueSatisfying(a -> assertThat(a.failures()).isEqualTo(1));
    }

    @Test
    void accept_primaryWithoutLogin_takesLoginFromDetail() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "192.0.2.152", null).smtp().build(),
                ev.failure(T0.plusSeconds(1), "192.0.2.152", "admin@example.com").detail().build()));

        assertThat(account(r, "admin@example.com").failures()).isEqualTo(1);
        assertThat(r.stats().attempts()).isEqualTo(1);
    }

    @Test
    void accept_summaryWithThreeAttempts_countsThreeAndAbsorbsThreeDetails() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").detail().fp("aaaaaa").build(),
                ev.failure(T0.plusSeconds(1), "198.51.100.7", "bob@example.com").detail().fp("aaaaaa").build(),
                ev.failure(T0.plusSeconds(2), "198.51.100.7", "bob@example.com").detail().fp("aaaaaa").build(),
                ev.failure(T0.plusSeconds(3), "198.51.100.7", "bob@example.com").attempts(3).build()));

        assertThat(account(r, "bob@example.com").failures()).isEqualTo(3);
        assertThat(r.stats().pairedDetails()).isEqualTo(3);
        assertThat(r.stats().loneDetails()).isZero();
    }

    @Test
    void accept_detailFromOtherAddress_doesNotPair() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").detail().build(),
                ev.failure(T0.plusSeconds(1), "198.51.100.8", "bob@example.com").build()));

        assertThat(account(r, "bob@example.com").failures()).isEqualTo(2);
        assertThat(r.stats().loneDetails()).isEqualTo(1);
    }

    @Test
    void accept_synRetransmissions_foldIntoOneAttemptPerSourcePort() {
        CorrelationResult r = replay(List.of(
                ev.drop(T0, "203.0.113.25", 50780, 587),
                ev.drop(T0.plusSeconds(1), "203.0.113.25", 50780, 587),
                ev.drop(T0.plusSeconds(3), "203.0.113.25", 50780, 587),
                ev.drop(T0.plusSeconds(40), "203.0.113.25", 50781, 587)));

        IpEvidence ip = ip(r, "203.0.113.25");
        assertThat(ip.dropHits()).isEqualTo(4);
        assertThat(ip.dropAttempts()).isEqualTo(2);
        assertThat(ip.retransmissions()).isEqualTo(2);
        assertThat(ip.dropPorts()).containsExactly(587);
        assertThat(ip.reachedServer()).isFalse();
    }

    @Test
    void accept_block_joinsFailuresWithinStatedWindowOnly() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").build(),
                ev.failure(T0.plusMinutes(70), "198.51.100.7", "bob@example.com").build(),
                ev.failure(T0.plusMinutes(80), "198.51.100.7", "bob@example.com").smtp().build(),
                ev.block(T0.plusMinutes(81), "198.51.100.7", "LF_IMAPD", 2, 3600, 3600L),
                ev.unblock(T0.plusMinutes(141), "198.51.100.7")));

        BlockEvidence b = r.blocks().get(0);
        assertThat(b.failures()).isEqualTo(2);
        assertThat(b.lookbackS()).isEqualTo(3600);
        assertThat(b.logins()).containsExactly(new Count("bob@example.com", 2));
        assertThat(b.reachedServer()).isTrue();
        assertThat(b.liftedAt()).isEqualTo(T0.plusMinutes(141).toInstant());
        assertThat(ip(r, "198.51.100.7").blocks()).isEqualTo(1);
    }

    @Test
    void accept_pollingFailures_measureGapsPerProtocol() {
        for (int i = 0; i < 6; i++) {
            LogEvent f = ev.failure(T0.plusSeconds(300L * i + (i % 2) * 7), "198.51.100.7", "bob@example.com").build();
            clock.advanceTo(f.instant());
            correlator.accept(f, clock.millis());
        }
        CorrelationResult r = correlator.finish(clock.millis());

        Rhythm rhythm = account(r, "bob@example.com").sources().get(0).rhythms().get(0);
        assertThat(rhythm.gaps()).isEqualTo(5);
        assertThat(rhythm.medianS()).isBetween(293L, 307L);
        assertThat(rhythm.spreadS()).isLessThanOrEqualTo(7);
    }

    @Test
    void accept_explainFilter_keepsOnlyTheSubjectsTimelineWithFileAndLine() {
        Correlator c = Correlator.builder().explain(ExplainFilter.of("bob@example.com")).build();
        List<LogEvent> events = List.of(
                ev.failure(T0, "198.51.100.7", "bob@example.com").build(),
                ev.failure(T0.plusSeconds(5), "192.0.2.66", "admin@example.com").build(),
                ev.block(T0.plusSeconds(60), "198.51.100.7", "LF_IMAPD", 10, 3600, 3600L));
        for (LogEvent e : events) {
            clock.advanceTo(e.instant());
            c.accept(e, clock.millis());
        }

        CorrelationResult r = c.finish(clock.millis());

        assertThat(r.timeline()).extracting(TimelineEntry::type).containsExactly("auth_failure", "firewall_block");
        assertThat(r.timeline().get(0).line()).isEqualTo(1);
        assertThat(r.timeline().get(0).file()).isEqualTo("test.log");
        assertThat(r.timeline().get(1).summary()).contains("LF_IMAPD");
    }

    @Test
    void accept_200kDistinctAddressesWithSmallCap_staysWithinCap() {
        int cap = 1_000;
        Correlator small = Correlator.builder()
                .settings(CorrelationSettings.defaults().withCacheCap(cap)).build();
        for (int i = 0; i < 200_000; i++) {
            LogEvent f = ev.failure(T0.plusSeconds(i / 50), "2001:db8::" + Integer.toHexString(i + 1),
                    "user" + (i % 5_000) + "@example.com").smtp().build();
            clock.advanceTo(f.instant());
            small.accept(f, clock.millis());
        }
        CorrelationResult r = small.finish(clock.millis());
        CorrelationStore store = small.store();

        assertThat(store.ips().size()).isLessThanOrEqualTo(cap);
        assertThat(store.accounts().size()).isLessThanOrEqualTo(cap);
        assertThat(store.pairWindows().size()).isLessThanOrEqualTo(cap);
        assertThat(r.ips()).hasSizeLessThanOrEqualTo(cap);
        assertThat(r.omitted().ips()).isGreaterThan(190_000);
        assertThat(r.stats().attempts()).isEqualTo(200_000);
    }
}
