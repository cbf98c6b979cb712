package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.testing.CliCall;
import dev.authaudit.testing.ReportSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notice candidates are decided in event time: the sample server's two days of logs through the fleet topology
 * under different schedules (all at once or in chunks of various sizes, file after file or in time order, wall
 * clock moving by various steps between chunks, the steps' linking topics carried over after each chunk or only
 * at the end) write the same candidates, record for record, for one grace period. With a grace period of three
 * days nothing closes before the end of the input, which decides every login over all of its events; with 30
 * minutes most periods close while the events still come, each decided over its own events.
 */
class FleetNoticeScheduleIT {
    @TempDir
    Path work;

    private List<String[]> events;
    private CsfConfig csf;

    @BeforeEach
    void parse() throws Exception {
        Path logs = ReportSchema.repo().resolve("test-fixtures/sample");
        Path key = work.resolve("fingerprint.key");
        Files.writeString(key, "fleet-schedule-test-key-0123456789", StandardCharsets.UTF_8);
        CliCall parsed = CliCall.run(CliCall.FIXED, "parse", "--tz", "UTC", "--year", "2025", "--host", "mxA",
                "--rules", ReportSchema.repo().resolve("rules").toString(), "--fingerprint-key", key.toString(),
                logs.toString());
        assertThat(parsed.code()).as(parsed.err()).isZero();
        events = new ArrayList<>();
        for (String line : parsed.out().split("\n")) {
            if (!line.isBlank()) {
                events.add(new String[] {"mxA", line});
            }
        }
        csf = CsfConfig.read(logs.resolve("csf.conf"));
    }

    /** The candidates written, by incident key (each written once). */
    private Map<String, String> candidates(String name, FleetDriver.Schedule s) {
        FleetDriver fleet = FleetDriver.run(work.resolve(name), csf, events, s);
        Map<String, String> out = new TreeMap<>();
        NoticeCandidateJson json = new NoticeCandidateJson();
        for (Map.Entry<String, String> kv : fleet.notices()) {
            NoticeCandidate c = json.read(kv.getKey(), kv.getValue());
            assertThat(out.put(kv.getKey(), kv.getValue())).as(s + ": written once: " + kv.getKey()).isNull();
            assertThat(c.verdict()).isEqualTo("stale_password");
            // never a login others are guessing, never an address the fleet calls an attacker as the device
            assertThat(fleet.accounts().get(c.account())).as(s + ": " + c.account()).isNotEqualTo("targeted");
            assertThat(fleet.ips().get(c.device().ip())).as(s + ": device " + c.device().ip()).isNotEqualTo(
                    "attacker");
        }
        System.out.println("FleetNoticeScheduleIT: " + s + ": " + out.size() + " candidates " + summary(out));
        return out;
    }

    private static Set<String> summary(Map<String, String> candidates) {
        NoticeCandidateJson json = new NoticeCandidateJson();
        Set<String> out = new TreeSet<>();
        candidates.forEach((k, v) -> {
            NoticeCandidate c = json.read(k, v);
            out.add(c.account() + " " + c.device().ip() + " " + k);
        });
        return out;
    }

    @Test
    void endOfInputDecides_sameCandidatesWhateverTheOrderChunksWallClockAndLinks() {
        Duration grace = Duration.ofDays(3);
        Map<String, String> reference = candidates("a", new FleetDriver.Schedule(true, Integer.MAX_VALUE,
                Duration.ofSeconds(2), true, grace));
        assertThat(reference).as("the sample's stale-password logins").isNotEmpty();
        assertThat(candidates("b", new FleetDriver.Schedule(false, 3000, Duration.ofMillis(300), false, grace)))
                .isEqualTo(reference);
    }

    @Test
    void periodsClosedByEventTime_sameCandidatesWhateverTheChunksWallClockAndLinks() {
        Duration grace = Duration.ofMinutes(30);
        Map<String, String> reference = candidates("a", new FleetDriver.Schedule(true, Integer.MAX_VALUE,
                Duration.ofSeconds(2), true, grace));
        assertThat(reference).as("the sample's stale-password logins").isNotEmpty();
        assertThat(candidates("b", new FleetDriver.Schedule(true, 2500, Duration.ofSeconds(1), true, grace)))
                .isEqualTo(reference);
    }
}
