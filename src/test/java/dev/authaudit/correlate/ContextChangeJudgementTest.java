package dev.authaudit.correlate;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.LogEvent;
import dev.authaudit.testing.TestEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A login whose itemised sources' address summaries did not change is offered the totals-only check
 * ({@link CorrelationListener#keepsAccount}); one whose source's summary changed or left the table is judged on
 * its whole evidence (see {@link EvidenceBuilder#unchangedSinceJudged}).
 */
class ContextChangeJudgementTest {
    private static final String LOGIN = "bob@example.com";
    private final TestEvents ev = new TestEvents();
    private final EventClock clock = new EventClock(Instant.EPOCH);

    /** Says every verdict stands; records for each call on the login whether it was judged in full. */
    private static final class Recording implements CorrelationListener {
        final List<Boolean> full = new ArrayList<>();

        @Override
        public void onAccount(AccountEvidence evidence, Instant at) {
            if (evidence.account().equals(LOGIN)) {
                full.add(true);
            }
        }

        @Override
        public boolean keepsAccount(String login, long failures, long unknownUsers, long successes, Instant at) {
            if (login.equals(LOGIN)) {
                full.add(false);
            }
            return true;
        }
    }

    private Recording replay(List<LogEvent> events) {
        Recording listener = new Recording();
        Correlator c = Correlator.builder().settings(CorrelationSettings.defaults().withLimits(20_000, 100))
                .listener(listener).build();
        for (LogEvent e : events) {
            clock.advanceTo(e.instant());
            c.accept(e, clock.millis());
        }
        c.finish(clock.millis());
        return listener;
    }

    /** Six one-off addresses the login itemises, then a seventh it only counts, a minute apart. */
    private List<LogEvent> itemisedThenCounted(List<LogEvent> out) {
        for (int i = 1; i <= 7; i++) {
            out.add(ev.failure(T0.plusSeconds(60L * i), "198.51.100." + i, LOGIN).build());
        }
        return out;
    }

    @Test
    void sourcesUnchanged_totalsOnly() {
        List<LogEvent> day = itemisedThenCounted(new ArrayList<>());
        day.add(ev.failure(T0.plusSeconds(600), "198.51.100.8", LOGIN).build());

        assertThat(replay(day).full).as("itemised: judged in full; counted only: totals").endsWith(false, false);
    }

    @Test
    void aSourceFailsAgainFromAnotherLogin_judgedInFull() {
        List<LogEvent> day = itemisedThenCounted(new ArrayList<>());
        day.add(ev.failure(T0.plusSeconds(500), "198.51.100.3", "carol@example.com").build());
        day.add(ev.failure(T0.plusSeconds(600), "198.51.100.8", LOGIN).build());

        assertThat(replay(day).full).endsWith(false, true);
    }

    @Test
    void aSourceSummaryLeavesTheTable_judgedInFull() {
        List<LogEvent> day = itemisedThenCounted(new ArrayList<>());
        // addresses that fail twice each are admitted to the table's frequent part and push out the oldest
        // first sightings, the login's sources among them
        for (int i = 0; i < 100; i++) {
            for (int twice = 0; twice < 2; twice++) {
                day.add(ev.failure(T0.plusSeconds(500L + 2 * i + twice), "203.0.113." + i,
                        "carol@example.com").build());
            }
        }
        day.add(ev.failure(T0.plusSeconds(900), "198.51.100.8", LOGIN).build());

        assertThat(replay(day).full).endsWith(false, true);
    }
}
