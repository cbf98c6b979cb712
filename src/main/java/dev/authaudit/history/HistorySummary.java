package dev.authaudit.history;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A period of the history, summed: the {@code authaudit-history/1} document. Top lists are summed from
 * each day's own top lists, so a subject that was busy but never among a day's busiest is missing: the
 * lists are indicative, the daily totals exact.
 *
 * @param schema always {@value #SCHEMA}
 * @param days the recorded days of the period, oldest first
 * @param missing days of the period with no record (no scan covered them)
 * @param customers stale-password logins seen on any day of the period
 */
public record HistorySummary(String schema, OffsetDateTime generatedAt, LocalDate from, LocalDate to,
                             List<DayAggregate> days, List<LocalDate> missing, long failures, long successes,
                             Map<String, Long> failuresByVerdict, Map<String, Long> blocksByCause,
                             Map<String, Long> noticesByStatus, List<TopEntry> topLogins,
                             List<TopEntry> topAddresses, List<TopEntry> customers) {
    /** The schema word of this version. */
    public static final String SCHEMA = "authaudit-history/1";

    public HistorySummary {
        requireNonNull(generatedAt, "generatedAt");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        days = List.copyOf(days);
        missing = List.copyOf(missing);
        failuresByVerdict = Map.copyOf(failuresByVerdict);
        blocksByCause = Map.copyOf(blocksByCause);
        noticesByStatus = Map.copyOf(noticesByStatus);
        topLogins = List.copyOf(topLogins);
        topAddresses = List.copyOf(topAddresses);
        customers = List.copyOf(customers);
    }

    /**
     * Sums the recorded {@code days} of the period {@code from}..{@code to}.
     *
     * @param top how many logins and addresses to list
     */
    public static HistorySummary of(List<DayAggregate> days, LocalDate from, LocalDate to,
                                    OffsetDateTime generatedAt, int top) {
        List<DayAggregate> in = days.stream().filter(d -> !d.day().isBefore(from) && !d.day().isAfter(to))
                .sorted(Comparator.comparing(DayAggregate::day)).toList();
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            if (in.stream().noneMatch(a -> a.day().equals(day))) {
                missing.add(d);
            }
        }
        Map<String, Long> verdicts = new TreeMap<>();
        Map<String, Long> causes = new TreeMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        long failures = 0;
        long successes = 0;
        for (DayAggregate d : in) {
            failures += d.failures();
            successes += d.successes();
            d.failuresByVerdict().forEach((k, v) -> verdicts.merge(k, v, Long::sum));
            d.blocksByCause().forEach((k, v) -> causes.merge(k, v, Long::sum));
            d.noticesByStatus().forEach((k, v) -> statuses.merge(k, v, Long::sum));
        }
        List<TopEntry> logins = sum(in, true);
        List<TopEntry> customers = logins.stream().filter(t -> "stale_password".equals(t.verdict())).toList();
        return new HistorySummary(SCHEMA, generatedAt, from, to, in, missing, failures, successes, verdicts, causes,
                statuses, logins.stream().limit(top).toList(), sum(in, false).stream().limit(top).toList(),
                customers);
    }

    private static List<TopEntry> sum(List<DayAggregate> days, boolean logins) {
        Map<String, long[]> totals = new HashMap<>();
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (DayAggregate d : days) {
            for (TopEntry t : logins ? d.topLogins() : d.topAddresses()) {
                long[] v = totals.computeIfAbsent(t.subject(), k -> new long[2]);
                v[0] += t.failures();
                v[1]++;
                if (t.verdict() != null) {
                    verdicts.put(t.subject(), t.verdict()); // the latest day's verdict wins
                }
            }
        }
        return totals.entrySet().stream()
                .map(e -> new TopEntry(e.getKey(), verdicts.get(e.getKey()), e.getValue()[0], (int) e.getValue()[1]))
                .sorted(Comparator.comparingLong(TopEntry::failures).reversed().thenComparing(TopEntry::subject))
                .toList();
    }
}
