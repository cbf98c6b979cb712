package dev.authaudit.tune;

import static dev.authaudit.tune.Hits.smtp;
import static dev.authaudit.tune.Hits.syn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeMeterTest {
    private static final String GUESSER = "203.0.113.50";
    private static final String SLOW = "203.0.113.51";
    private static final String STALE = "198.51.100.20";
    private static final String SCANNER = "192.0.2.99";
    private final SourceClasses classes = SourceClasses.of(Map.of(GUESSER, SourceClass.ATTACKER,
            SLOW, SourceClass.ATTACKER, STALE, SourceClass.STALE, SCANNER, SourceClass.SCANNER));

    @Test
    void measure_countsCustomersAttackersAndAttemptsAroundBlocks() {
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(smtp(i * 10L, GUESSER)); // blocked at its 5th; 7 more within the hour are stopped
        }
        events.add(smtp(0, SLOW));
        events.add(smtp(4000, SLOW)); // never 5 in an hour: never blocked
        for (int i = 0; i < 5; i++) {
            events.add(smtp(100 + i, STALE));
        }
        for (int i = 0; i < 11; i++) {
            events.add(syn(i, SCANNER, 40000 + i, 1000 + i));
        }
        events.sort(java.util.Comparator.comparing(TuneEvent::time));
        LfdSettings s = LfdSettings.defaults().with(LfdKey.LF_SMTPAUTH_PERM, 3600).with(LfdKey.PS_INTERVAL, 300);
        ModelRun run = new LfdModel(s, ScanPhase.epoch()).run(events);
        Outcome o = new OutcomeMeter(classes, 5).measure(run, events);
        assertThat(o.blocks()).isEqualTo(3);
        assertThat(o.customerBlocks()).isEqualTo(1);
        assertThat(o.staleSources()).isEqualTo(1);
        assertThat(o.customerBlocks("LF_SMTPAUTH")).isEqualTo(1);
        assertThat(o.attackerSources()).isEqualTo(2);
        assertThat(o.attackersBlocked()).isEqualTo(1);
        assertThat(o.scannersBlocked()).isEqualTo(1);
        assertThat(o.guessersWithAtLeastN()).as("only the guesser made 5 attempts").isEqualTo(1);
        assertThat(o.blockedWithinN()).isEqualTo(1);
        assertThat(o.medianAttempts()).as("the fifth attempt is read at the tick after it; none came between")
                .isEqualTo(5);
        assertThat(o.attemptsLetThrough()).isEqualTo(5 + 2);
        assertThat(o.attackerAttempts()).isEqualTo(14);
    }
}
