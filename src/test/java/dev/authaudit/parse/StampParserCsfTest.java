package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The CSF state-file stamps: csf.tempban's leading epoch, csf.tempip's third field, csf.deny's ctime. */
class StampParserCsfTest {
    private final StampParser stamps = new StampParser();

    @Test
    void find_tempbanLeadingEpoch_isAnInstantAndTheMessageStartsAfterTheBar() {
        String line = "1364743775|192.0.2.4||in|3600|lfd - *Port Scan* detected from 192.0.2.4 (-). 11 hits in the last 73 seconds";
        Stamp s = stamps.find(line);
        assertThat(s.instant()).isEqualTo(Instant.ofEpochSecond(1364743775L));
        assertThat(line.substring(s.end())).startsWith("192.0.2.4|");
    }

    @Test
    void find_tempIpThirdFieldEpoch_isAnInstantAndTheWholeLineIsTheMessage() {
        Stamp s = stamps.find("192.0.2.4|0|1364743775|(smtpauth) Failed SMTP AUTH login from 192.0.2.4 (-): 5 in the last 3600 secs");
        assertThat(s.instant()).isEqualTo(Instant.ofEpochSecond(1364743775L));
        assertThat(s.end()).isZero();
        assertThat(stamps.find("2001:db8::4|1|1364743775|x").instant()).isEqualTo(Instant.ofEpochSecond(1364743775L));
    }

    @Test
    void find_denyTrailingCtime_isALocalTimeWithYearAndNoZone() {
        Stamp s = stamps.find("192.0.2.58 # lfd: (smtpauth) Failed SMTP AUTH login from 192.0.2.58 (GB/United Kingdom/-): 5 in the last 3600 secs - Thu Oct 30 06:27:30 2025");
        assertThat(s.local()).isEqualTo(LocalDateTime.of(2025, 10, 30, 6, 27, 30));
        assertThat(s.hasYear()).isTrue();
        assertThat(s.offset()).isNull();
        assertThat(s.end()).isZero();
    }

    @Test
    void find_denyTrailingCtimeWithPaddedDay_isRead() {
        Stamp s = stamps.find("192.0.2.9 # Manually denied: 192.0.2.9 (-) - Mon Mar  3 07:08:09 2025");
        assertThat(s.local()).isEqualTo(LocalDateTime.of(2025, 3, 3, 7, 8, 9));
    }

    @Test
    void find_lookalikes_giveNoStamp() {
        assertThat(stamps.find("192.0.2.9 # do not delete")).isNull();
        assertThat(stamps.find("no comment mark - Thu Oct 30 06:27:30 2025")).isNull();
        assertThat(stamps.find("192.0.2.9 # x - Xyz Oct 30 06:27:30 2025")).isNull();
        assertThat(stamps.find("192.0.2.9 # x - Thu Feb 29 06:27:30 2025")).isNull();
        assertThat(stamps.find("136474377|192.0.2.4||in|3600|x")).isNull();
        assertThat(stamps.find("192.0.2.4|2|1364743775|x")).isNull();
        assertThat(stamps.find("host prog[1]: 192.0.2.4|0|13647437x5|x")).isNull();
    }

    @Test
    void find_leadingStampsStillWin() {
        Stamp s = stamps.find("2025-03-01 08:00:00 x # y - Thu Oct 30 06:27:30 2025");
        assertThat(s.local()).isEqualTo(LocalDateTime.of(2025, 3, 1, 8, 0, 0));
        assertThat(s.end()).isEqualTo(20);
    }
}
