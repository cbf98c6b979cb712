package dev.authaudit.tune;

import static dev.authaudit.tune.Hits.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Fail2banModelTest {
    private static final String IP = "203.0.113.9";
    private static final Fail2banJail DOVECOT = new Fail2banJail("dovecot", true, "dovecot", null, 5, 600, 600, "t:1");
    private static final Fail2banJail RECIDIVE = new Fail2banJail("recidive", true, "recidive", null, 3, 86400, -1,
            "t:2");

    private static TuneEvent.Failure dovecot(long s, int attempts) {
        return new TuneEvent.Failure(at(s), IP, "dovecot", attempts, false, LfdApp.IMAPD, Reading.COUNTED);
    }

    @Test
    void run_maxretryLinesWithinSlidingFindtime_bans() {
        List<TuneEvent> events = new ArrayList<>();
        for (long t : new long[] {0, 200, 400, 600, 700}) {
            events.add(dovecot(t, 1));
        }
        assertThat(new Fail2banModel(List.of(DOVECOT)).run(events).blocks())
                .as("the line at 0 is exactly findtime old at 600").isEmpty();
        events.add(dovecot(750, 1));
        ModelBlock ban = new Fail2banModel(List.of(DOVECOT)).run(events).blocks().get(0);
        assertThat(ban.trigger()).isEqualTo("dovecot");
        assertThat(ban.at()).isEqualTo(at(750));
        assertThat(ban.durationS()).isEqualTo(600);
    }

    @Test
    void run_countsLinesNotDovecotAttempts() {
        List<TuneEvent> events = List.of(dovecot(0, 3), dovecot(10, 3), dovecot(20, 3), dovecot(30, 3));
        assertThat(new Fail2banModel(List.of(DOVECOT)).run(events).blocks()).isEmpty();
    }

    @Test
    void run_otherSourcesAndDisabledJails_ignored() {
        List<TuneEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(Hits.smtp(i, IP));
        }
        assertThat(new Fail2banModel(List.of(DOVECOT)).run(events).blocks()).isEmpty();
        Fail2banJail off = new Fail2banJail("exim", false, "exim", null, 2, 600, 600, "t:3");
        assertThat(new Fail2banModel(List.of(off)).run(events).blocks()).isEmpty();
    }

    @Test
    void run_recidiveCountsTheOtherJailsBans() {
        List<TuneEvent> events = new ArrayList<>();
        for (int ban = 0; ban < 3; ban++) {
            for (int i = 0; i < 5; i++) {
                events.add(dovecot(ban * 1000L + i, 1));
            }
        }
        List<ModelBlock> bans = new Fail2banModel(List.of(DOVECOT, RECIDIVE)).run(events).blocks();
        assertThat(bans).extracting(ModelBlock::trigger).containsExactly("dovecot", "dovecot", "dovecot", "recidive");
        assertThat(bans.get(3).permanent()).isTrue();
    }
}
