package dev.authaudit.report;

import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.LogEvent;
import dev.authaudit.parse.Parsed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Collects, while a replay streams, what the HTML report and the history need after classification:
 * failures and successes per hour, per login a failure timeline, per address failures per hour, and
 * sample skipped lines. Verdicts do not exist yet, so it keeps per-subject data and joins verdicts in
 * {@link #detail}. Memory stays flat: hour buckets, bounded samples per login, and caps on logins and
 * addresses past which the quietest half of the subjects is forgotten (their failures still count in
 * the hourly totals, as {@link HourFailures#NOT_KEPT}).
 *
 * <p>Dovecot detail lines ({@code auth-worker}: the passdb verdict) usually stand beside a primary line
 * for the same attempt, but some servers log only one of the two. Both are counted apart and each hour
 * takes the larger count ({@link PairedRuns}), so an attempt counts once either way.
 */
public final class ActivityCollector implements Consumer<LogEvent> {
    /** Default cap on logins tracked one by one. */
    public static final int MAX_LOGINS = 20_000;
    /** Default cap on addresses tracked one by one. */
    public static final int MAX_ADDRESSES = 50_000;

    // per hour: failures and failures without a login, from primary lines then from detail lines
    private static final int FAILURES = 0;
    private static final int NO_LOGIN = 1;
    private static final int DETAIL = 2;
    private static final int SUCCESSES = 4;

    private final int maxLogins;
    private final int maxAddresses;
    private final Map<String, AccountTrack> logins = new HashMap<>();
    private final Map<String, PairedRuns> addresses = new HashMap<>();
    private final TreeMap<Long, long[]> hours = new TreeMap<>();
    private final SkippedSampler skipped = new SkippedSampler(20, 256);
    private long loginsForgotten;

    /** Creates a collector with the default caps. */
    public ActivityCollector() {
        this(MAX_LOGINS, MAX_ADDRESSES);
    }

    /**
     * @param maxLogins logins tracked one by one before the quietest are forgotten
     * @param maxAddresses addresses tracked one by one before the quietest are forgotten
     */
    public ActivityCollector(int maxLogins, int maxAddresses) {
        if (maxLogins < 4 || maxAddresses < 4) {
            throw new IllegalArgumentException("caps must be at least 4, were " + maxLogins + ", " + maxAddresses);
        }
        this.maxLogins = maxLogins;
        this.maxAddresses = maxAddresses;
    }

    /** Accepts one event, in event-time order. */
    @Override
    public void accept(LogEvent e) {
        if (e instanceof AuthFailure f) {
            long second = f.instant().getEpochSecond();
            long hour = Math.floorDiv(second, 3600);
            long n = f.attempts();
            int lane = f.detail() ? DETAIL : 0;
            long[] h = hours.computeIfAbsent(hour, k -> new long[5]);
            h[lane + FAILURES] += n;
            if (f.account() == null) {
                h[lane + NO_LOGIN] += n;
            } else {
                login(f.account()).failure(second, f.ip(), n, f.detail());
            }
            if (f.ip() != null) {
                address(f.ip()).add(hour, n, f.detail());
            }
        } else if (e instanceof AuthSuccess s) {
            long second = s.instant().getEpochSecond();
            hours.computeIfAbsent(Math.floorDiv(second, 3600), k -> new long[5])[SUCCESSES]++;
            if (s.account() != null) {
                login(s.account()).success(second, s.ip());
            }
        }
    }

    /** Accepts one parser outcome of the input the report names {@code file}; keeps sample skipped lines. */
    public synchronized void parsed(String file, Parsed p) {
        skipped.accept(file, p);
    }

    /**
     * Returns the report detail, joining the verdicts of {@code result} to what was collected.
     *
     * @param report the report made from the same result (its order and blocks are used)
     */
    public ReportDetail detail(AuditResult result, Report report) {
        Map<String, String> verdicts = new HashMap<>();
        Map<String, AccountAssessment> assessments = new HashMap<>();
        for (AccountAssessment a : result.accounts()) {
            verdicts.put(a.account(), a.verdict().word());
            assessments.put(a.account(), a);
        }
        Map<Long, Map<String, Long>> byHour = new HashMap<>();
        Map<Long, long[]> tracked = new HashMap<>();
        logins.forEach((login, t) -> {
            String verdict = verdicts.getOrDefault(login, HourFailures.NOT_KEPT);
            AccountAssessment a = assessments.get(login);
            if (a == null) {
                t.hours.hourly().forEach((hour, n) -> byHour.computeIfAbsent(hour, k -> new HashMap<>())
                        .merge(verdict, n, Long::sum));
            } else {
                // each source's failures under what the source is to the login: a guesser's tries against a
                // stale login are guesses, not the stale client
                t.slotHourly().forEach((slot, hourly) -> {
                    String category = category(a, t.ip(slot));
                    hourly.forEach((hour, n) -> byHour.computeIfAbsent(hour, k -> new HashMap<>())
                            .merge(category, n, Long::sum));
                });
            }
            t.hours.primaryHourly().forEach((hour, n) -> tracked.computeIfAbsent(hour, k -> new long[2])[0] += n);
            t.hours.detailHourly().forEach((hour, n) -> tracked.computeIfAbsent(hour, k -> new long[2])[1] += n);
        });
        List<HourFailures> series = new ArrayList<>();
        hours.forEach((hour, h) -> {
            Map<String, Long> cats = new HashMap<>(byHour.getOrDefault(hour, Map.of()));
            long noLogin = Math.max(h[NO_LOGIN], h[DETAIL + NO_LOGIN]);
            if (noLogin > 0) {
                cats.put(HourFailures.NO_LOGIN, noLogin);
            }
            // what the forgotten logins failed: the hour's lines less those of kept logins and no login
            long[] kept = tracked.getOrDefault(hour, new long[2]);
            long forgotten = Math.max(h[FAILURES] - h[NO_LOGIN] - kept[0],
                    h[DETAIL + FAILURES] - h[DETAIL + NO_LOGIN] - kept[1]);
            if (forgotten > 0) {
                cats.merge(HourFailures.NOT_KEPT, forgotten, Long::sum);
            }
            cats.values().removeIf(v -> v == 0);
            series.add(new HourFailures(Instant.ofEpochSecond(hour * 3600), cats, h[SUCCESSES]));
        });
        List<AccountStrip> strips = new ArrayList<>();
        StripBuilder builder = new StripBuilder();
        for (AccountEntry a : report.accounts()) {
            AccountAssessment assessment = assessments.get(a.account());
            AccountTrack track = logins.get(a.account());
            if (a.verdict() == dev.authaudit.classify.AccountVerdict.STALE_PASSWORD && assessment != null
                    && track != null) {
                strips.add(builder.strip(assessment, track, report.blocks()));
            }
        }
        return new ReportDetail(series, strips, skipped.samples(), loginsForgotten);
    }

    /**
     * Returns the chart category of a source's failures on a login: the login's verdict for the customer's
     * own client, {@value HourFailures#GUESSER} for an address guessing it, and for a source whose role is
     * not known the verdict only when the verdict is itself about guessing (targeted, unknown user).
     */
    static String category(AccountAssessment a, String ip) {
        dev.authaudit.classify.SourceRole role = ip == null ? dev.authaudit.classify.SourceRole.UNKNOWN : a.role(ip);
        return switch (role) {
            case CUSTOMER -> a.verdict().word();
            case GUESSER -> HourFailures.GUESSER;
            case UNKNOWN -> a.verdict() == dev.authaudit.classify.AccountVerdict.TARGETED
                    || a.verdict() == dev.authaudit.classify.AccountVerdict.UNKNOWN_USER
                    ? a.verdict().word() : HourFailures.UNKNOWN_SOURCE;
        };
    }

    /** Returns per day (in {@code zone}) the logins with most failures, at most {@code n} a day. */
    public Map<LocalDate, List<DayCount>> topLoginsPerDay(ZoneId zone, int n) {
        Map<String, PairedRuns> runs = new HashMap<>();
        logins.forEach((k, t) -> runs.put(k, t.hours));
        return topPerDay(runs, zone, n);
    }

    /** Returns per day (in {@code zone}) the addresses with most failures, at most {@code n} a day. */
    public Map<LocalDate, List<DayCount>> topAddressesPerDay(ZoneId zone, int n) {
        return topPerDay(addresses, zone, n);
    }

    private static Map<LocalDate, List<DayCount>> topPerDay(Map<String, PairedRuns> runs, ZoneId zone, int n) {
        Map<LocalDate, Map<String, Long>> perDay = new TreeMap<>();
        runs.forEach((subject, r) -> r.hourly().forEach((hour, count) -> perDay
                .computeIfAbsent(day(hour, zone), k -> new HashMap<>()).merge(subject, count, Long::sum)));
        Map<LocalDate, List<DayCount>> out = new TreeMap<>();
        perDay.forEach((day, counts) -> out.put(day, counts.entrySet().stream()
                .map(e -> new DayCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(DayCount::count).reversed().thenComparing(DayCount::subject))
                .limit(n).toList()));
        return out;
    }

    private static LocalDate day(long epochHour, ZoneId zone) {
        return Instant.ofEpochSecond(epochHour * 3600).atZone(zone).toLocalDate();
    }

    private AccountTrack login(String account) {
        AccountTrack t = logins.get(account);
        if (t == null) {
            if (logins.size() >= maxLogins) {
                loginsForgotten += forgetQuietest(logins, AccountTrack::failureCount);
            }
            t = new AccountTrack();
            logins.put(account, t);
        }
        return t;
    }

    private PairedRuns address(String ip) {
        PairedRuns r = addresses.get(ip);
        if (r == null) {
            if (addresses.size() >= maxAddresses) {
                forgetQuietest(addresses, PairedRuns::total);
            }
            r = new PairedRuns();
            addresses.put(ip, r);
        }
        return r;
    }

    /** Forgets the subjects at or below the lower quartile of failures; returns how many. */
    private static <V> long forgetQuietest(Map<String, V> map, ToLongFunction<V> weight) {
        long[] w = map.values().stream().mapToLong(weight).sorted().toArray();
        long threshold = w[w.length / 4];
        int before = map.size();
        map.values().removeIf(v -> weight.applyAsLong(v) <= threshold);
        return before - map.size();
    }
}
