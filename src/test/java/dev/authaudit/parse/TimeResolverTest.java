package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeResolverTest {
    private final StampParser stamps = new StampParser();
    private final ZoneId paris = ZoneId.of("Europe/Paris");

    @Test
    void resolveYear_decemberLineInJanuaryFile_isPreviousYear() {
        TimeResolver r = new TimeResolver(paris, null);
        Instant mtime = Instant.parse("2025-01-02T08:00:00Z");
        OffsetDateTime t = r.resolve(stamps.find("Dec 31 23:59:58 host lfd[1]: x"), mtime);
        assertThat(t.getYear()).isEqualTo(2024);
        OffsetDateTime jan = r.resolve(stamps.find("Jan  2 08:59:00 host lfd[1]: x"), mtime);
        assertThat(jan.getYear()).isEqualTo(2025);
    }

    @Test
    void resolveYear_lineUpToOneDayAfterMtime_staysInTheYear() {
        TimeResolver r = new TimeResolver(paris, null);
        Instant mtime = Instant.parse("2025-06-10T12:00:00Z");
        assertThat(r.resolve(stamps.find("Jun 11 10:00:00 h x: y"), mtime).getYear()).isEqualTo(2025);
        assertThat(r.resolve(stamps.find("Jun 12 10:00:00 h x: y"), mtime).getYear()).isEqualTo(2024);
    }

    @Test
    void resolveYear_fixedYear_wins() {
        TimeResolver r = new TimeResolver(paris, 2013);
        assertThat(r.resolve(stamps.find("Mar 31 11:29:35 vps lfd[4242]: x"), Instant.EPOCH).toString())
                .isEqualTo("2013-03-31T11:29:35+02:00");
    }

    @Test
    void resolve_zonelessStamp_takesConfiguredZoneWithDst() {
        TimeResolver r = new TimeResolver(paris, null);
        assertThat(r.resolve(stamps.find("2005-08-14 12:00:00 x"), Instant.EPOCH).toString())
                .isEqualTo("2005-08-14T12:00+02:00");
        assertThat(r.resolve(stamps.find("2005-01-14 12:00:00 x"), Instant.EPOCH).toString())
                .isEqualTo("2005-01-14T12:00+01:00");
    }

    @Test
    void resolve_stampWithOffset_keepsItsOffset() {
        TimeResolver r = new TimeResolver(paris, null);
        assertThat(r.resolve(stamps.find("2024-03-21 19:26:06 -0400 x"), Instant.EPOCH).toString())
                .isEqualTo("2024-03-21T19:26:06-04:00");
    }

    @Test
    void resolveYear_referencesInTurn_eachGetsItsOwnYear() {
        // the resolver keeps the last reference's year: files of other years read in turn must not share it
        TimeResolver r = new TimeResolver(paris, null);
        Instant y2025 = Instant.parse("2025-06-10T12:00:00Z");
        Instant y2019 = Instant.parse("2019-03-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertThat(r.resolve(stamps.find("Jun  9 10:00:00 h x: y"), y2025).toString())
                    .isEqualTo("2025-06-09T10:00+02:00");
            assertThat(r.resolve(stamps.find("Feb 28 23:00:00 h x: y"), y2019).toString())
                    .isEqualTo("2019-02-28T23:00+01:00");
            assertThat(r.resolve(stamps.find("Mar  5 10:00:00 h x: y"), y2019).toString())
                    .isEqualTo("2018-03-05T10:00+01:00");
        }
        assertThat(r.zoneless()).isEqualTo(9);
    }

    @Test
    void resolveYear_dstGapAndOverlap_asZonedDateTimeHasThem() {
        TimeResolver r = new TimeResolver(paris, null);
        Instant mtime = Instant.parse("2025-12-01T00:00:00Z");
        // 02:30 on Mar 30 2025 does not exist in Paris (moved an hour on); 02:30 on Oct 26 exists twice (earlier offset)
        assertThat(r.resolve(stamps.find("Mar 30 02:30:00 h x: y"), mtime).toString()).isEqualTo("2025-03-30T03:30+02:00");
        assertThat(r.resolve(stamps.find("Oct 26 02:30:00 h x: y"), mtime).toString()).isEqualTo("2025-10-26T02:30+02:00");
    }

    @Test
    void zoned_sameAsZonedDateTime_acrossTransitionsInEveryOrder() {
        // forward in steps of 7 min 13 s through years with DST changes, then the same times shuffled, in zones with
        // hour and half-hour changes, a fixed offset, a zone without DST now but with a history, and UTC
        String[] zones = {"America/New_York", "Europe/Paris", "Australia/Lord_Howe", "Asia/Kolkata", "UTC",
            "Europe/Moscow", "America/Sao_Paulo", "Pacific/Apia"};
        java.util.Random random = new java.util.Random(7);
        for (String name : zones) {
            ZoneId zone = ZoneId.of(name);
            TimeResolver r = new TimeResolver(zone, null);
            java.util.List<java.time.LocalDateTime> times = new java.util.ArrayList<>();
            for (java.time.LocalDateTime t = java.time.LocalDateTime.of(2009, 1, 1, 0, 0);
                    t.getYear() < 2013; t = t.plusSeconds(433)) {
                times.add(t);
            }
            for (java.time.LocalDateTime t : times) {
                assertThat(r.zoned(t)).as("%s %s", name, t).isEqualTo(java.time.ZonedDateTime.of(t, zone).toOffsetDateTime());
            }
            java.util.Collections.shuffle(times, random);
            for (java.time.LocalDateTime t : times.subList(0, 20_000)) {
                assertThat(r.zoned(t)).as("%s %s", name, t).isEqualTo(java.time.ZonedDateTime.of(t, zone).toOffsetDateTime());
            }
        }
    }

    @Test
    void zoned_edgesOfGapAndOverlap() {
        TimeResolver r = new TimeResolver(paris, null);
        java.time.LocalDateTime[] edges = {
            java.time.LocalDateTime.of(2025, 3, 30, 1, 59, 59), java.time.LocalDateTime.of(2025, 3, 30, 2, 0),
            java.time.LocalDateTime.of(2025, 3, 30, 2, 59, 59), java.time.LocalDateTime.of(2025, 3, 30, 3, 0),
            java.time.LocalDateTime.of(2025, 3, 30, 1, 0), java.time.LocalDateTime.of(2025, 10, 26, 1, 59, 59),
            java.time.LocalDateTime.of(2025, 10, 26, 2, 0), java.time.LocalDateTime.of(2025, 10, 26, 2, 59, 59),
            java.time.LocalDateTime.of(2025, 10, 26, 3, 0), java.time.LocalDateTime.of(2025, 10, 26, 1, 0),
            java.time.LocalDateTime.of(2025, 10, 26, 3, 0, 1)};
        for (int round = 0; round < 2; round++) {
            for (java.time.LocalDateTime t : edges) {
                assertThat(r.zoned(t)).as("%s", t).isEqualTo(java.time.ZonedDateTime.of(t, paris).toOffsetDateTime());
            }
        }
    }
}
