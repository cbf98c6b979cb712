package dev.authaudit.act.notice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of decided notices (a mail server's password reset day, or a stale-password storm) on an
 * injected clock: the storm brake lets at most 20 leave in any hour and keeps the rest queued, every
 * notice leaves once in the end, and the 24 h per-login limit holds for logins that come back with
 * another device or a later episode, while the burst is still being worked off.
 */
class NoticeBurstTest {
    @TempDir
    Path dir;

    private static final int LOGINS = 65;
    private static final int RETURNING = 12;

    private static NoticeCandidate episode(String account, String ip, Instant first) {
        Candidates c = Candidates.stale(account);
        c.ip = ip;
        c.first = first;
        c.last = first.plusSeconds(1800);
        return c.build();
    }

    @Test
    void burst_brakeHoldsTwentyAnHour_everyNoticeLeavesOnce_secondIncidentWithin24hSuppressed() {
        TestClock clock = new TestClock(Candidates.T0.plus(Duration.ofMinutes(31)));
        Instant start = clock.instant();
        try (NoticeLedger l = NoticeLedger.open(dir.resolve("state/authaudit.db"))) {
            NoticeOutbox o = new NoticeOutbox(l, RecipientResolver.mailboxOnly(), NoticePolicy.defaults(), clock);
            NoticeDispatcher d = new NoticeDispatcher(l, NoticeComposerTest.composer(), NoticePolicy.defaults(),
                    Backoff.defaults(), null, new DraftFolder(dir.resolve("outbox")));
            List<NoticeRecord> firsts = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                firsts.add(o.enqueue(episode("u" + i + "@example.com", "203.0.113." + (i + 1), Candidates.T0),
                        DeliveryMode.DRAFTS));
            }
            assertThat(firsts).extracting(NoticeRecord::status).containsOnly(NoticeStatus.QUEUED);

            // the queue is worked off one dispatch a minute; meanwhile some logins fail again from another
            // device (a second incident) within the 24 h, and the same incident is decided once more
            List<NoticeRecord> seconds = new ArrayList<>();
            int ticks = 0;
            for (int minute = 0; minute < 5 * 60; minute++) {
                d.dispatchDue(clock.instant());
                ticks++;
                if (minute == 90) {
                    for (int i = 0; i < RETURNING; i++) {
                        String who = "u" + (i * 5) + "@example.com";
                        seconds.add(o.enqueue(episode(who, "198.51.100." + (i + 1), Candidates.T0.plus(
                                Duration.ofMinutes(80))), DeliveryMode.DRAFTS));
                        NoticeRecord again = o.enqueue(episode(who, "203.0.113." + (i * 5 + 1), Candidates.T0),
                                DeliveryMode.DRAFTS);
                        assertThat(again.id()).as("the same incident decided again is the same row")
                                .isEqualTo(firsts.get(i * 5).id());
                    }
                }
                clock.advance(Duration.ofMinutes(1));
            }
            assertThat(ticks).isEqualTo(300);

            List<NoticeRecord> all = l.list();
            List<NoticeRecord> released = all.stream().filter(n -> n.releasedAt() != null).toList();
            // every first incident left, once (one row per login and incident)
            assertThat(released).hasSize(LOGINS);
            assertThat(released.stream().map(NoticeRecord::account).distinct().count()).isEqualTo(LOGINS);
            // the brake: never more than 20 released in any hour
            List<Instant> times = released.stream().map(NoticeRecord::releasedAt).sorted().toList();
            for (int i = 0; i < times.size(); i++) {
                Instant from = times.get(i);
                long inHour = times.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plus(
                        Duration.ofHours(1)))).count();
                assertThat(inHour).as("released in the hour from " + from).isLessThanOrEqualTo(20);
            }
            Map<Long, Long> perHour = new TreeMap<>(times.stream().collect(Collectors.groupingBy(
                    t -> Duration.between(start, t).toHours(), Collectors.counting())));
            assertThat(perHour).isEqualTo(Map.of(0L, 20L, 1L, 20L, 2L, 20L, 3L, 5L));
            // the 24 h per-login limit: the returning logins' second incidents were suppressed, with the reason
            assertThat(seconds).hasSize(RETURNING).allSatisfy(n -> {
                assertThat(n.status()).isEqualTo(NoticeStatus.SUPPRESSED);
                assertThat(n.reason()).contains("at most one per login per 24 h");
            });

            // a day later the same login may have a notice again
            clock.advance(Duration.ofHours(20));
            NoticeRecord nextDay = o.enqueue(episode("u0@example.com", "192.0.2.9", clock.instant().minus(
                    Duration.ofHours(1))), DeliveryMode.DRAFTS);
            assertThat(nextDay.status()).isEqualTo(NoticeStatus.QUEUED);
            assertThat(d.dispatchDue(clock.instant()).drafted()).isEqualTo(1);
        }
    }
}
