package dev.authaudit.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.sim.LogSimulator;
import dev.authaudit.sim.SimulationSpec;
import dev.authaudit.testing.CliCall;
import dev.authaudit.testing.ReportSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Auditor#judge} leaves the auditor as it was: an auditor judged every k events and fed on gives, at each
 * judgement, exactly the verdicts, evidence and counts of a fresh auditor fed the same prefix and finished. The
 * same comparison with {@link Auditor#finish} in place of judge differs (it counts waiting lines and drains the
 * throttles), so the events do exercise what judge must keep.
 */
class AuditorJudgeTest {
    @TempDir
    static Path work;
    private static List<LogEvent> sample;
    private static CsfConfig sampleCsf;
    private static List<LogEvent> twoServers;

    @BeforeAll
    static void events() throws IOException {
        String rules = ReportSchema.repo().resolve("rules").toString();
        Path logs = ReportSchema.repo().resolve("test-fixtures/sample");
        sample = parse(rules, "mxA", logs);
        sampleCsf = CsfConfig.read(logs.resolve("csf.conf"));
        twoServers = new ArrayList<>();
        for (int h = 1; h <= 2; h++) {
            Path dir = work.resolve("host" + h);
            new LogSimulator(SimulationSpec.builder().seed(9100 + h).days(1).mailboxes(10).zone(ZoneOffset.UTC)
                    .hostname("mx" + h).build()).run(dir);
            twoServers.addAll(parse(rules, "mx" + h, dir));
        }
        twoServers = inTimeOrder(twoServers);
    }

    private static List<LogEvent> parse(String rules, String host, Path logs) {
        EventJson json = new EventJson();
        List<LogEvent> out = new ArrayList<>();
        for (String line : CliCall.run(CliCall.FIXED, "parse", "--tz", "UTC", "--year", "2025", "--host", host,
                "--rules", rules, logs.toString()).outIfExited(0, 10).split("\n")) {
            if (!line.isBlank()) {
                out.add(json.read(line));
            }
        }
        return inTimeOrder(out);
    }

    private static List<LogEvent> inTimeOrder(List<LogEvent> events) {
        List<LogEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(LogEvent::instant)); // stable
        return sorted;
    }

    @Test
    void judgeEveryFewEvents_equalsAFreshAuditorOverTheSamePrefix_sampleServer() {
        Supplier<Auditor.Builder> b = () -> Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(sampleCsf);
        assertThat(compare(sample, 40, b, false)).as("judgements that differ").isZero();
    }

    @Test
    void judgeEveryFewEvents_equalsAFreshAuditorOverTheSamePrefix_withAnObserver() {
        Supplier<Auditor.Builder> b = () -> Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(sampleCsf)
                .observer(o -> { });
        assertThat(compare(sample, 40, b, false)).as("judgements that differ").isZero();
    }

    @Test
    void judgeEveryFewEvents_equalsAFreshAuditorOverTheSamePrefix_twoServersByServer() {
        Supplier<Auditor.Builder> b = () -> Auditor.builder().clock(new EventClock(Instant.EPOCH)).byServer(true);
        assertThat(compare(twoServers, 250, b, false)).as("judgements that differ").isZero();
    }

    @Test
    void aForkFedTheNextEvents_finishesAsAFreshAuditorOverThemAll_andTheLiveOneGoesOnUnchanged() {
        Supplier<Auditor.Builder> b = () -> Auditor.builder().clock(new EventClock(Instant.EPOCH)).byServer(true);
        Auditor live = b.get().build();
        int checked = 0;
        for (int i = 0; i < twoServers.size(); i++) {
            live.accept(twoServers.get(i));
            if (i % 700 != 699) {
                continue;
            }
            // the fleet's way: the live auditor holds the settled events, a fork takes the last few hundred
            int tail = Math.min(twoServers.size(), i + 1 + 300);
            Auditor fork = live.fork(OutsideFacts.NONE);
            twoServers.subList(i + 1, tail).forEach(fork::accept);
            Auditor fresh = b.get().build();
            twoServers.subList(0, tail).forEach(fresh::accept);
            assertThat(describe(fork.finish())).as("a fork fed events %d to %d", i + 1, tail)
                    .isEqualTo(describe(fresh.finish()));
            checked++;
        }
        Auditor fresh = b.get().build();
        twoServers.forEach(fresh::accept);
        assertThat(describe(live.finish())).as("the live auditor after its forks").isEqualTo(describe(fresh.finish()));
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void finishInPlaceOfJudge_differs_soTheEventsExerciseWhatJudgeKeeps() {
        Supplier<Auditor.Builder> sampleB = () -> Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(sampleCsf);
        Supplier<Auditor.Builder> twoB = () -> Auditor.builder().clock(new EventClock(Instant.EPOCH)).byServer(true);
        assertThat(compare(sample, 40, sampleB, true)).as("sample: judgements that differ after finish()").isPositive();
        assertThat(compare(twoServers, 250, twoB, true)).as("two servers: judgements that differ after finish()")
                .isPositive();
    }

    /** Returns how many of the judgements (every {@code every} events and at the end) differ from a fresh audit. */
    private static int compare(List<LogEvent> events, int every, Supplier<Auditor.Builder> builder, boolean consume) {
        Auditor live = builder.get().build();
        int judgements = 0;
        int differ = 0;
        String first = null;
        for (int i = 0; i < events.size(); i++) {
            live.accept(events.get(i));
            if (i % every != every - 1 && i != events.size() - 1) {
                continue;
            }
            judgements++;
            String judged = describe(consume ? live.finish() : live.judge());
            Auditor fresh = builder.get().build();
            events.subList(0, i + 1).forEach(fresh::accept);
            String expected = describe(fresh.finish());
            if (!judged.equals(expected)) {
                differ++;
                if (first == null) {
                    int at = 0;
                    while (at < Math.min(judged.length(), expected.length()) && judged.charAt(at) == expected.charAt(at)) {
                        at++;
                    }
                    int from = Math.max(0, at - 200);
                    first = "after " + (i + 1) + " events, first difference:\n judged ..."
                            + judged.substring(from, Math.min(judged.length(), at + 200)) + "\n fresh  ..."
                            + expected.substring(from, Math.min(expected.length(), at + 200));
                }
            }
        }
        assertThat(judgements).isGreaterThan(30);
        System.out.println(events.size() + " events, " + judgements + " judgements, " + differ + " differ" + (consume ? " (finish)" : ""));
        if (!consume && first != null) {
            System.out.println(first);
        }
        return differ;
    }

    /** Everything a result says, each subject's under its key (a fork lists subjects it made after the live ones). */
    private static String describe(AuditResult r) {
        TreeMap<String, String> accounts = new TreeMap<>();
        r.accounts().forEach(a -> accounts.put(a.account(), a.toString()));
        TreeMap<String, String> ips = new TreeMap<>();
        r.ips().forEach(a -> ips.put(a.ip(), a.toString()));
        TreeMap<String, String> accountEvidence = new TreeMap<>();
        r.correlation().accounts().forEach(a -> accountEvidence.put(a.account(), a.toString()));
        TreeMap<String, String> ipEvidence = new TreeMap<>();
        r.correlation().ips().forEach(a -> ipEvidence.put(a.ip(), a.toString()));
        var c = r.correlation();
        return "accounts " + accounts + " ips " + ips + " blocks " + r.blocks() + " evidence " + accountEvidence
                + " " + ipEvidence + " blocks " + c.blocks() + " from " + c.from() + " to " + c.to() + " offset "
                + c.offset() + " omitted " + c.omitted() + " stats " + c.stats();
    }
}
