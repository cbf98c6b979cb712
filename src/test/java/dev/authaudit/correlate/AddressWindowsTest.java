package dev.authaudit.correlate;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.LogEvent;
import dev.authaudit.testing.TestEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The windows an address's summary holds (its recent failures and drops, and its logins' polling windows)
 * expire after the idle window without use, as the tables of their own they replaced did, and an address
 * trying more logins than its summary holds still gets a polling window for each.
 */
class AddressWindowsTest {
    private static final String IP = "198.51.100.7";
    private final TestEvents ev = new TestEvents();
    private final EventClock clock = new EventClock(Instant.EPOCH);
    private final Correlator correlator = Correlator.builder().build();

    /**
     * Replays the events, moving the clock 10 s past each before the next, so each failure is counted at
     * its own time (a primary line waits a few seconds for its detail line) and the windows see it then.
     */
    private CorrelationResult replay(List<? extends LogEvent> events) {
        for (LogEvent e : events) {
            clock.advanceTo(e.instant());
            correlator.accept(e, clock.millis());
            clock.advanceTo(e.instant().plusSeconds(10));
            correlator.tick(clock.millis());
        }
        return correlator.finish(clock.millis());
    }

    private static AccountEvidence account(CorrelationResult r, String login) {
        return r.accounts().stream().filter(a -> a.account().equals(login)).findFirst().orElseThrow();
    }

    @Test
    void block_afterTheAddressIdledLongerThanTheWindow_joinsNoEarlierFailure() {
        // the default idle window is two hours; the block's own look-back (4 h) would reach the failure
        CorrelationResult r = replay(List.of(
                ev.failure(T0, IP, "bob@example.com").smtp().build(),
                ev.block(T0.plusMinutes(150), IP, "LF_SMTPAUTH", 1, 14_400, 3600L)));

        assertThat(r.blocks().get(0).failures()).isZero();
        assertThat(r.ips().get(0).failures()).isEqualTo(1);
    }

    @Test
    void block_afterFailuresThatKeptTheWindowInUse_joinsThemAll() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, IP, "bob@example.com").smtp().build(),
                ev.failure(T0.plusMinutes(110), IP, "bob@example.com").smtp().build(),
                ev.block(T0.plusMinutes(150), IP, "LF_SMTPAUTH", 2, 14_400, 3600L)));

        assertThat(r.blocks().get(0).failures()).isEqualTo(2);
    }

    @Test
    void block_afterDropsOnly_joinsTheDrops() {
        CorrelationResult r = replay(List.of(
                ev.drop(T0, IP, 40000, 587),
                ev.drop(T0.plusSeconds(40), IP, 40001, 465),
                ev.block(T0.plusSeconds(60), IP, "PS_LIMIT", 2, 300, 3600L)));

        assertThat(r.blocks().get(0).dropHits()).isEqualTo(2);
        assertThat(r.blocks().get(0).dropPorts()).containsExactly(465, 587);
        assertThat(r.blocks().get(0).failures()).isZero();
    }

    @Test
    void accept_sixLoginsPollingFromOneAddress_measuresEachLoginsGaps() {
        // more logins than the summary holds windows for: the fifth and sixth use the pair window table
        int logins = IpSummary.INLINE_PAIRS + 2;
        List<LogEvent> events = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < logins; i++) {
                events.add(ev.failure(T0.plusSeconds(300L * round + i), IP, "user" + i + "@example.com").build());
            }
        }
        CorrelationResult r = replay(events);

        for (int i = 0; i < logins; i++) {
            AccountEvidence a = account(r, "user" + i + "@example.com");
            assertThat(a.sources()).singleElement().satisfies(s -> {
                assertThat(s.rhythms()).singleElement().satisfies(rhythm -> {
                    assertThat(rhythm.gaps()).isEqualTo(2);
                    assertThat(rhythm.medianS()).isEqualTo(300);
                });
            });
        }
        assertThat(correlator.store().pairWindows().size()).isEqualTo(2);
    }

    @Test
    void accept_sameLoginAfterTheWindowIdledOut_measuresNoGapAcrossTheSilence() {
        CorrelationResult r = replay(List.of(
                ev.failure(T0, IP, "bob@example.com").build(),
                ev.failure(T0.plusMinutes(130), IP, "bob@example.com").build(),
                ev.failure(T0.plusMinutes(135), IP, "bob@example.com").build()));

        // the 130-minute silence is past the window: only the 5-minute gap counts
        assertThat(account(r, "bob@example.com").sources().get(0).rhythms()).singleElement()
                .satisfies(rhythm -> assertThat(rhythm.gaps()).isEqualTo(1));
    }

    @Test
    void pairWindow_reusesTheSlotOfAnIdleLoginOnceAllAreTaken() {
        IpSummary s = new IpSummary(IP, "198.51.100.0/24");
        long idle = 1_000;
        for (int i = 0; i < IpSummary.INLINE_PAIRS; i++) {
            assertThat(s.pairWindow("u" + i, 0, idle, true)).isNotNull();
        }
        assertThat(s.pairWindow("late", 10, idle, true)).as("every slot live").isNull();
        PairWindow kept = s.pairWindow("u1", 500, idle, false);
        assertThat(kept).isNotNull();

        PairWindow late = s.pairWindow("late", 1_200, idle, true);
        assertThat(late).as("takes an idle slot").isNotNull();
        assertThat(s.pairWindow("u1", 1_400, idle, false)).as("renewed at 500, live until 1500").isSameAs(kept);
        assertThat(s.pairWindow("u1", 2_400, idle, false)).as("idle since 1400").isNull();
    }
}
