package dev.authaudit.realdaemons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stamp moving behind the real-daemon stories; runs with the unit tests, no daemon needed. */
class StoryTimeTest {
    private static final Instant START = Instant.parse("2026-12-06T22:40:00Z");
    private final StoryTime time = new StoryTime(START, Duration.ofSeconds(6), Duration.ofMinutes(10));

    @Test
    void slotsAreStretched_timeWithinASlotRunsAtRealSpeed() {
        assertThat(time.story(START)).isEqualTo(START);
        assertThat(time.story(START.plusSeconds(5))).isEqualTo(START.plusSeconds(5));
        assertThat(time.story(START.plusSeconds(6))).isEqualTo(START.plusSeconds(600));
        assertThat(time.story(START.plusSeconds(14))).isEqualTo(START.plusSeconds(1202));
        assertThat(time.story(START.minusSeconds(3))).isEqualTo(START.minusSeconds(3));
        assertThat(time.slotStart(3)).isEqualTo(START.plusSeconds(18));
    }

    @Test
    void neverReordersLines() {
        Instant previous = time.story(START.minusSeconds(10));
        for (int s = -9; s < 200; s++) {
            Instant next = time.story(START.plusSeconds(s));
            assertThat(next).isAfter(previous);
            previous = next;
        }
    }

    @Test
    void movesEximDovecotAndSyslogStamps_keepingTheRestOfTheLine() {
        assertThat(time.shift("2026-12-06 22:40:13 dovecot_plain authenticator failed for (phone) [127.0.0.3]:56199"))
                .isEqualTo("2026-12-06 23:00:01 dovecot_plain authenticator failed for (phone) [127.0.0.3]:56199");
        assertThat(time.shift("Dec 06 22:40:13 auth: Info: passwd-file(bob@example.com,127.0.0.3): Password mismatch"))
                .isEqualTo("Dec 06 23:00:01 auth: Info: passwd-file(bob@example.com,127.0.0.3): Password mismatch");
        assertThat(time.shift("Dec  6 22:40:13 vm exim[77]: 2026-12-06 22:40:13 dovecot_login authenticator failed"))
                .isEqualTo("Dec  6 23:00:01 vm exim[77]: 2026-12-06 23:00:01 dovecot_login authenticator failed");
        assertThat(time.shift(" Suggested action: use keep_environment.")).isEqualTo(" Suggested action: use keep_environment.");
        assertThat(time.shift("Dec  6 22:40:13 vm exim[77]: 2026-12-06 22:40:13.099 [77] 1xaLCB-0001kK-32 <= a@example.com"))
                .isEqualTo("Dec  6 23:00:01 vm exim[77]: 2026-12-06 23:00:01.099 [77] 1xaLCB-0001kK-32 <= a@example.com");
        assertThat(time.shift("Dec  6 22:40:13 vm exim[77]: [1\\2] 2026-12-06 22:40:13 Warning: purging the environment."))
                .isEqualTo("Dec  6 23:00:01 vm exim[77]: [1\\2] 2026-12-06 23:00:01 Warning: purging the environment.");
        assertThat(time.shift("2026-12-06 22:40:13.099 [77] SMTP connection from [127.0.0.2]:45913"))
                .isEqualTo("2026-12-06 23:00:01.099 [77] SMTP connection from [127.0.0.2]:45913");
    }

    @Test
    void crossesMidnight_withTheDayPaddedAsItWas() {
        StoryTime late = new StoryTime(Instant.parse("2026-12-09T23:50:00Z"), Duration.ofSeconds(6), Duration.ofMinutes(10));
        assertThat(late.shift("Dec 09 23:50:13 imap-login: Info: Login: user=<a>")).isEqualTo("Dec 10 00:10:01 imap-login: Info: Login: user=<a>");
        assertThat(late.shift("Dec  9 23:50:13 vm dovecot: x")).isEqualTo("Dec 10 00:10:01 vm dovecot: x");
        assertThat(late.shift("Dec  9 23:50:01 vm dovecot: x")).isEqualTo("Dec  9 23:50:01 vm dovecot: x");
    }

    @Test
    void refusesSlotsThatWouldReorderLines() {
        assertThatThrownBy(() -> new StoryTime(START, Duration.ofSeconds(6), Duration.ofSeconds(6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoryTime(START.plusMillis(5), Duration.ofSeconds(6), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
