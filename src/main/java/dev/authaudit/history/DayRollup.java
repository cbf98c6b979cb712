package dev.authaudit.history;

import dev.authaudit.report.ActivityCollector;
import dev.authaudit.report.BlockEntry;
import dev.authaudit.report.DayCount;
import dev.authaudit.report.HourFailures;
import dev.authaudit.report.NoticeEntry;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportDetail;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cuts one run's report into {@link DayAggregate}s, one per local day the run's period touches, each
 * stating how much of its day the run covered.
 */
public final class DayRollup {
    /** The busiest logins and addresses kept per day. */
    public static final int TOP = 20;
    /** Customers (stale or mistyped) kept per day beyond the busiest. */
    public static final int CUSTOMERS = 50;

    private static final Set<String> CUSTOMER_VERDICTS = Set.of("stale_password", "mistyped");

    private final ZoneId zone;

    /** @param zone the zone days are counted in */
    public DayRollup(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Returns the days of the run, oldest first; none when the run read no event.
     *
     * @param activity the collector the run fed (per-day logins and addresses)
     * @param detail the detail it made for {@code report} (failures per hour by verdict)
     */
    public List<DayAggregate> days(Report report, ReportDetail detail, ActivityCollector activity) {
        if (report.period().from() == null) {
            return List.of();
        }
        Instant from = report.period().from().toInstant();
        Instant to = report.period().to().toInstant();
        Map<String, String> loginVerdicts = new HashMap<>();
        report.accounts().forEach(a -> loginVerdicts.put(a.account(), a.verdict().word()));
        Map<String, String> ipVerdicts = new HashMap<>();
        report.ips().forEach(i -> ipVerdicts.put(i.ip(), i.verdict().word()));
        Map<LocalDate, Map<String, Long>> byVerdict = new TreeMap<>();
        Map<LocalDate, long[]> totals = new TreeMap<>();
        for (HourFailures h : detail.hours()) {
            LocalDate d = day(h.hour());
            Map<String, Long> m = byVerdict.computeIfAbsent(d, k -> new HashMap<>());
            h.byCategory().forEach((c, v) -> m.merge(c, v, Long::sum));
            long[] t = totals.computeIfAbsent(d, k -> new long[2]);
            t[0] += h.failures();
            t[1] += h.successes();
        }
        Map<LocalDate, Map<String, Long>> blocks = new TreeMap<>();
        for (BlockEntry b : report.blocks()) {
            blocks.computeIfAbsent(day(b.at().toInstant()), k -> new HashMap<>()).merge(b.cause().word(), 1L,
                    Long::sum);
        }
        Map<LocalDate, Map<String, Long>> notices = new TreeMap<>();
        for (NoticeEntry n : report.notices()) {
            notices.computeIfAbsent(day(n.at().toInstant()), k -> new HashMap<>()).merge(n.status().word(), 1L,
                    Long::sum);
        }
        Map<LocalDate, List<DayCount>> logins = activity.topLoginsPerDay(zone, Integer.MAX_VALUE);
        Map<LocalDate, List<DayCount>> addresses = activity.topAddressesPerDay(zone, TOP);
        List<DayAggregate> out = new ArrayList<>();
        for (LocalDate d = day(from); !d.isAfter(day(to)); d = d.plusDays(1)) {
            Instant start = d.atStartOfDay(zone).toInstant();
            Instant end = d.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
            long[] t = totals.getOrDefault(d, new long[2]);
            out.add(new DayAggregate(d, zone.getId(), start.isBefore(from) ? from : start, end.isAfter(to) ? to : end,
                    t[0], t[1], byVerdict.getOrDefault(d, Map.of()), blocks.getOrDefault(d, Map.of()),
                    notices.getOrDefault(d, Map.of()), topLogins(logins.getOrDefault(d, List.of()), loginVerdicts),
                    top(addresses.getOrDefault(d, List.of()), ipVerdicts, TOP)));
        }
        return out;
    }

    private static List<TopEntry> topLogins(List<DayCount> counts, Map<String, String> verdicts) {
        List<TopEntry> out = new ArrayList<>(top(counts, verdicts, TOP));
        counts.stream().skip(TOP).filter(c -> CUSTOMER_VERDICTS.contains(verdicts.get(c.subject())))
                .limit(CUSTOMERS).forEach(c -> out.add(new TopEntry(c.subject(), verdicts.get(c.subject()),
                        c.count(), 1)));
        return out;
    }

    private static List<TopEntry> top(List<DayCount> counts, Map<String, String> verdicts, int n) {
        return counts.stream().limit(n).map(c -> new TopEntry(c.subject(), verdicts.get(c.subject()), c.count(), 1))
                .toList();
    }

    private LocalDate day(Instant t) {
        return t.atZone(zone).toLocalDate();
    }
}
