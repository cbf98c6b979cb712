package dev.authaudit.tune;

import static dev.authaudit.tune.Hits.at;
import static dev.authaudit.tune.Hits.imap;
import static dev.authaudit.tune.Hits.smtp;
import static dev.authaudit.tune.Hits.syn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.config.CsfConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LfdModelTest {
    private static final String IP = "198.51.100.7";

    /** cpanel-csf defaults with temporary one-hour blocks and port-scan tracking every 300 s. */
    private static LfdSettings cpanel() {
        return LfdSettings.defaults().with(LfdKey.LF_SMTPAUTH_PERM, 3600).with(LfdKey.LF_IMAPD_PERM, 3600)
                .with(LfdKey.LF_POP3D_PERM, 3600).with(LfdKey.PS_INTERVAL, 300);
    }

    private static ModelRun run(LfdSettings s, List<? extends TuneEvent> events) {
        return new LfdModel(s, ScanPhase.epoch()).run(List.copyOf(events));
    }

    @Test
    void smtpAuth_fifthFailureInSlidingHour_blocksAtThatFailure() {
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(smtp(i * 600L, IP));
        }
        assertThat(run(cpanel(), events.subList(0, 4)).blocks()).isEmpty();
        ModelBlock b = run(cpanel(), events).blocks().get(0);
        assertThat(b.trigger()).isEqualTo("LF_SMTPAUTH");
        assertThat(b.hits()).isEqualTo(5);
        assertThat(b.at()).as("lfd stamps the block with the LF_PARSE tick that read the line").isEqualTo(at(2405));
        assertThat(b.durationS()).isEqualTo(3600);
    }

    @Test
    void smtpAuth_oldestFailureSlidesOut_noBlockUntilFiveInWindow() {
        List<TuneEvent> events = new ArrayList<>();
        for (long t : new long[] {0, 1000, 2000, 3000, 3600}) {
            events.add(smtp(t, IP));
        }
        assertThat(run(cpanel(), events).blocks()).as("the failure at 0 is exactly an hour old at 3600").isEmpty();
        events.add(smtp(3700, IP));
        assertThat(run(cpanel(), events).blocks()).singleElement()
                .satisfies(b -> assertThat(b.at()).isEqualTo(at(3705)));
    }

    @Test
    void imapd_dovecotAttemptsCountAsThatManyFailures() {
        List<TuneEvent> events = List.of(imap(0, IP, 3), imap(60, IP, 3), imap(120, IP, 3));
        assertThat(run(cpanel(), events).blocks()).as("9 < LF_IMAPD 10").isEmpty();
        ModelBlock b = run(cpanel(), List.of(imap(0, IP, 3), imap(60, IP, 3), imap(120, IP, 3), imap(180, IP, 3)))
                .blocks().get(0);
        assertThat(b.trigger()).isEqualTo("LF_IMAPD");
        assertThat(b.hits()).isEqualTo(12);
    }

    @Test
    void imapd_loginAbortedWording_countedBy15xOnly() {
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            events.add(new TuneEvent.Failure(at(i * 10L), IP, "dovecot", 5, false, LfdApp.IMAPD,
                    Reading.COUNTED_BY_15X));
        }
        assertThat(run(cpanel(), events).blocks()).isEmpty();
        assertThat(run(cpanel().withFlavour(LfdFlavour.AETHERINOX_15), events).blocks()).hasSize(1);
    }

    @Test
    void block_resetsCountersAndIgnoresHitsWhileBlocked() {
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(smtp(i, IP));
        }
        // four more while blocked, then four after the hour: none may complete a second block
        for (int i = 0; i < 4; i++) {
            events.add(smtp(100 + i, IP));
        }
        for (int i = 0; i < 4; i++) {
            events.add(smtp(3700 + i, IP));
        }
        assertThat(run(cpanel(), events).blocks()).hasSize(1);
        events.add(smtp(3800, IP));
        assertThat(run(cpanel(), events).blocks()).hasSize(2);
    }

    @Test
    void lfTrigger_countsAcrossApplicationsPerAddress() {
        LfdSettings s = cpanel().with(LfdKey.LF_TRIGGER, 6).with(LfdKey.LF_TRIGGER_PERM, 1);
        List<TuneEvent> events = List.of(smtp(0, IP), smtp(10, IP), imap(20, IP, 3), smtp(30, IP));
        ModelBlock b = run(s, events).blocks().get(0);
        assertThat(b.trigger()).isEqualTo("LF_TRIGGER");
        assertThat(b.hits()).isEqualTo(6);
        assertThat(b.permanent()).isTrue();
        assertThat(run(s.with(LfdKey.LF_IMAPD, 0), events).blocks()).as("LF_IMAPD 0 switches imapd off").isEmpty();
    }

    @Test
    void permblock_fifthTemporaryBlockInADayIsPermanent() {
        List<TuneEvent> events = new ArrayList<>();
        for (int block = 0; block < 5; block++) {
            for (int i = 0; i < 5; i++) {
                events.add(smtp(block * 4000L + i, IP));
            }
        }
        List<ModelBlock> blocks = run(cpanel(), events).blocks();
        assertThat(blocks).hasSize(5);
        assertThat(blocks.subList(0, 4)).noneMatch(ModelBlock::permblock);
        assertThat(blocks.get(4).permblock()).isTrue();
        assertThat(blocks.get(4).permanent()).isTrue();
    }

    @Test
    void portScan_eleventhHitInWindowBlocks() {
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            events.add(syn(i, IP, 40000 + i, 1000 + i));
        }
        ModelBlock b = run(cpanel(), events).blocks().get(0);
        assertThat(b.trigger()).isEqualTo("PS_LIMIT");
        assertThat(b.hits()).isEqualTo(11);
        assertThat(run(cpanel(), events.subList(0, 10)).blocks()).as("hits must exceed PS_LIMIT").isEmpty();
    }

    @Test
    void portScan_windowTumbles_hitsSplitAcrossAWipeDoNotBlock() {
        // T0 is on a 300 s boundary: 6 hits before the wipe at 300 and 6 after, all within 20 seconds
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(syn(290 + i * 2L, IP, 40000 + i, 1000 + i));
        }
        assertThat(run(cpanel(), events).blocks()).isEmpty();
        assertThat(run(cpanel().with(LfdKey.PS_INTERVAL, 600), events).blocks()).as("no wipe inside a 600 s window")
                .hasSize(1);
    }

    @Test
    void portScan_openTcpInPortsNotCountedUnlessOpenKeyword() {
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(syn(i, IP, 40000 + i, 587));
        }
        assertThat(run(cpanel(), events).blocks()).as("587 is in the default TCP_IN").isEmpty();
        LfdSettings open = new LfdSettings(cpanel().values(), dev.authaudit.config.PortList.parse("0:65535,ICMP,OPEN",
                CsfConfig.PS_PORT_KEYWORDS), cpanel().tcpIn(), cpanel().udpIn(), LfdFlavour.CPANEL_CSF_16);
        assertThat(run(open, events).blocks()).hasSize(1);
        List<TuneEvent> flood = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            flood.add(new TuneEvent.Drop(at(i), IP, "PORT_FLOOD", 587, "TCP", true, 40000 + i));
        }
        assertThat(run(cpanel(), flood).blocks()).as("*Port Flood* counts even on open ports").hasSize(1);
    }

    @Test
    void portScan_diversitySuppressesSinglePortScans() {
        LfdSettings closed587 = cpanel().with(LfdKey.PS_DIVERSITY, 2);
        List<TuneEvent> onePort = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            onePort.add(syn(i, IP, 40000 + i, 2525));
        }
        assertThat(run(cpanel(), onePort).blocks()).hasSize(1);
        assertThat(run(closed587, onePort).blocks()).isEmpty();
        List<TuneEvent> twoPorts = new ArrayList<>(onePort.subList(0, 10));
        twoPorts.add(syn(20, IP, 50000, 3389));
        assertThat(run(closed587, twoPorts).blocks()).singleElement()
                .satisfies(b -> assertThat(b.ports()).isEqualTo(2));
    }

    @Test
    void portScan_outboundAndInvalidWithoutKeyword_notCounted() {
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            events.add(new TuneEvent.Drop(at(i), IP, "TCP_OUT", 1000 + i, "TCP", false, 40000));
            events.add(new TuneEvent.Drop(at(i), IP, "INVALID", 1000 + i, "TCP", true, 40000));
        }
        assertThat(run(cpanel(), events).blocks()).isEmpty();
    }

    @Test
    void portScan_hitLoggedJustBeforeAWipe_isReadAfterItAndCountsInTheNextWindow() {
        // ten hits in the window ending at 300, the eleventh logged at 298 but read at the 300 tick
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(syn(200 + i, IP, 40000 + i, 1000 + i));
        }
        events.add(syn(298, IP, 41000, 2000));
        assertThat(run(cpanel(), events).blocks()).isEmpty();
        events.set(10, syn(294, IP, 41000, 2000));
        assertThat(run(cpanel(), events).blocks()).singleElement()
                .satisfies(b -> assertThat(b.at()).isEqualTo(at(295)));
    }

    @Test
    void portScan_phaseFromLfdLine_movesTheWipe() {
        // lfd said "11 hits in the last 73 seconds" at 11:28:13, so it wiped at 11:27:00, not 11:25:00
        ScanPhase phase = ScanPhase.fromBlocks(List.of(new dev.authaudit.testing.TestEvents().block(
                java.time.OffsetDateTime.parse("2025-03-31T11:28:13Z"), IP, "PS_LIMIT", 11, 73, 3600L)));
        assertThat(phase.windowStart(at(1633).getEpochSecond(), 300)).isEqualTo(at(1620).getEpochSecond());
        assertThat(phase.windowStart(at(0).getEpochSecond(), 300)).as("grid extends backwards")
                .isEqualTo(at(-180).getEpochSecond());
    }
}
