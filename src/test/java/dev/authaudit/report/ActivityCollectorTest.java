package dev.authaudit.report;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Protocol;
import dev.authaudit.parse.Parsed;
import dev.authaudit.testing.TestEvents;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityCollectorTest {
    private static final OffsetDateTime GENERATED = OffsetDateTime.parse("2026-04-02T00:00:00-04:00");

    private final TestEvents ev = new TestEvents();

    /** A phone polling IMAP every 5 min with an old password: detail line, then the login summary. */
    private List<LogEvent> stalePhone(String ip, String login, OffsetDateTime from, int polls) {
        List<LogEvent> out = new ArrayList<>();
        out.add(ev.success(from.minusHours(1), ip, login, Protocol.IMAP));
        for (int i = 0; i < polls; i++) {
            OffsetDateTime t = from.plusSeconds(300L * i + (i % 3) * 4);
            out.add(ev.failure(t, ip, login).detail().fp("712c344").build());
            out.add(ev.failure(t.plusSeconds(2), ip, login).build());
        }
        return out;
    }

    private record Run(AuditResult result, Report report, ReportDetail detail) {
    }

    private static Run run(List<LogEvent> events, ActivityCollector c) {
        Auditor auditor = Auditor.builder().build();
        events.stream().sorted(Comparator.comparing(LogEvent::instant)).forEach(e -> {
            auditor.accept(e);
            c.accept(e);
        });
        AuditResult result = auditor.finish();
        Report report = new ReportAssembler().assemble(result, GENERATED, List.of(), List.of());
        return new Run(result, report, c.detail(result, report));
    }

    @Test
    void detail_stalePhone_countsPrimaryLinesOnceByVerdictAndDrawsOneStrip() {
        List<LogEvent> events = new ArrayList<>(stalePhone("198.51.100.7", "bob@example.com", T0, 30));
        events.add(ev.failure(T0.plusMinutes(10), "203.0.113.9", "admin").unknownUser().attempts(3).build());
        events.add(ev.success(T0.plusHours(2).plusMinutes(40), "192.0.2.44", "bob@example.com", Protocol.SMTP));

        Run r = run(events, new ActivityCollector());

        long stale = r.detail().hours().stream()
                .mapToLong(h -> h.byCategory().getOrDefault("stale_password", 0L)).sum();
        assertThat(stale).as("a detail line and its primary line count once").isEqualTo(30);
        assertThat(r.detail().hours().stream().mapToLong(HourFailures::failures).sum()).isEqualTo(33);
        assertThat(r.detail().hours()).allSatisfy(h -> assertThat(h.hour().getEpochSecond() % 3600).isZero());
        AccountStrip strip = r.detail().strips().get(0);
        assertThat(r.detail().strips()).hasSize(1);
        assertThat(strip.account()).isEqualTo("bob@example.com");
        assertThat(strip.deviceIps()).containsExactly("198.51.100.7");
        assertThat(strip.deviceFailures()).hasSize(30);
        assertThat(strip.deviceSuccesses()).hasSize(1);
        assertThat(strip.otherSuccesses()).hasSize(1);
        assertThat(strip.failureStride()).isEqualTo(1);
        // 29 gaps of five minutes give or take a few seconds of jitter: all in one bin
        assertThat(strip.gaps().get(4)).isEqualTo(29L);
        assertThat(GapBins.label(4)).isEqualTo("about 5 min");
        assertThat(strip.gaps().stream().mapToLong(Long::longValue).sum()).isEqualTo(29);
    }

    @Test
    void detail_onlyDetailLinesLogged_stillCountsAndDrawsThem() {
        List<LogEvent> events = new ArrayList<>();
        events.add(ev.success(T0.minusHours(1), "198.51.100.7", "bob@example.com", Protocol.IMAP));
        for (int i = 0; i < 20; i++) {
            events.add(ev.failure(T0.plusSeconds(300L * i), "198.51.100.7", "bob@example.com").detail().fp("712c344")
                    .build());
        }

        Run r = run(events, new ActivityCollector());

        assertThat(r.detail().hours().stream().mapToLong(HourFailures::failures).sum()).isEqualTo(20);
        assertThat(r.detail().strips()).singleElement().satisfies(s -> {
            assertThat(s.deviceFailures()).hasSize(20);
            assertThat(s.gaps().get(4)).isEqualTo(19L);
        });
    }

    @Test
    void accept_manyFailures_keepsTheSampleBoundedAndEven() {
        List<LogEvent> events = stalePhone("198.51.100.7", "bob@example.com", T0, 2000);

        Run r = run(events, new ActivityCollector());

        AccountStrip strip = r.detail().strips().get(0);
        assertThat(strip.failures()).isEqualTo(2000);
        assertThat(strip.deviceFailures().size()).isBetween(250, 500);
        assertThat(strip.failureStride()).isEqualTo(4);
        assertThat(strip.deviceFailures().get(strip.deviceFailures().size() - 1))
                .isAfter(T0.plusHours(160).toInstant());
    }

    @Test
    void accept_moreLoginsThanTheCap_forgetsTheQuietestAndCountsThemAsNotKept() {
        ActivityCollector c = new ActivityCollector(8, 8);
        List<LogEvent> events = new ArrayList<>(stalePhone("198.51.100.7", "bob@example.com", T0, 20));
        for (int i = 0; i < 40; i++) {
            events.add(ev.failure(T0.plusSeconds(i * 7L), "203.0.113." + (i + 1), "guess" + i).unknownUser().build());
        }

        Run r = run(events, c);

        Map<String, Long> total = new java.util.HashMap<>();
        r.detail().hours().forEach(h -> h.byCategory().forEach((k, v) -> total.merge(k, v, Long::sum)));
        assertThat(total.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
        // early on bob looked as quiet as the guesses and may have been forgotten once
        assertThat(total.get("stale_password")).isBetween(15L, 20L);
        assertThat(total).containsKey(HourFailures.NOT_KEPT);
        assertThat(r.detail().loginsNotKept()).isPositive();
        assertThat(r.detail().strips()).singleElement()
                .satisfies(s -> assertThat(s.account()).isEqualTo("bob@example.com"));
    }

    @Test
    void parsed_skippedLines_keepsTheFirstTwentyPerInput() {
        ActivityCollector c = new ActivityCollector();
        for (int i = 0; i < 30; i++) {
            c.parsed("exim_mainlog", new Parsed(Parsed.Status.SKIPPED, null, "exim", null, "line " + i, null));
            c.parsed("exim_mainlog", new Parsed(Parsed.Status.IGNORED, null, "exim", "x", "ignored " + i, null));
        }
        Run r = run(List.of(), c);

        assertThat(r.detail().skipped()).singleElement().satisfies(s -> {
            assertThat(s.file()).isEqualTo("exim_mainlog");
            assertThat(s.source()).isEqualTo("exim");
            assertThat(s.lines()).hasSize(20).startsWith("line 0").endsWith("line 19");
        });
    }

    @Test
    void topPerDay_splitsByLocalDay() {
        ActivityCollector c = new ActivityCollector();
        ZoneId ny = ZoneId.of("America/New_York");
        OffsetDateTime lateEvening = OffsetDateTime.parse("2026-03-31T23:30:00-04:00");
        c.accept(ev.failure(lateEvening, "203.0.113.5", "a@example.com").build());
        c.accept(ev.failure(lateEvening.plusHours(1), "203.0.113.5", "a@example.com").attempts(2).build());
        c.accept(ev.success(lateEvening.plusHours(1), "192.0.2.5", "a@example.com", Protocol.IMAP));

        assertThat(c.topLoginsPerDay(ny, 5)).containsOnlyKeys(lateEvening.toLocalDate(),
                lateEvening.toLocalDate().plusDays(1));
        assertThat(c.topLoginsPerDay(ny, 5).get(lateEvening.toLocalDate().plusDays(1)))
                .containsExactly(new DayCount("a@example.com", 2));
        assertThat(c.topAddressesPerDay(ny, 5).get(lateEvening.toLocalDate()))
                .containsExactly(new DayCount("203.0.113.5", 1));
    }
}
