package dev.authaudit.fleet;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.sim.LogSimulator;
import dev.authaudit.sim.SimulationSpec;
import dev.authaudit.testing.CliCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one judgement of a busy network costs on this machine (a benchmark, not a test; bench/fleet-judge.sh runs
 * it): a /24 failing on guessed logins across 10 servers, N events retained, judged by the address step as
 * {@code fleet run} does, from the store's JSON (decode every event, then {@link Judge#network}: what a judgement
 * cost before the judge cache) and from decoded events (what it costs when the cache holds the network). Median of
 * 7 judgements after 3 to warm up, for each N. First it checks the premise of the steps' re-audit: an
 * {@link Auditor} fed more events after {@link Auditor#finish} against a fresh one over the same events, every 200
 * events of two simulated servers' day. Usage: {@code FleetJudgeBenchMain WORKDIR N...}.
 */
public final class FleetJudgeBenchMain {
    private FleetJudgeBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(work);
        String rules = Path.of(System.getProperty("authaudit.repo", ".")).toAbsolutePath().resolve("rules").toString();
        Path logs = work.resolve("template");
        if (!Files.exists(logs)) {
            new LogSimulator(SimulationSpec.builder().seed(101).days(1).mailboxes(10).zone(ZoneOffset.UTC)
                    .hostname("mx1").build()).run(logs);
        }
        String template = Arrays.stream(CliCall.run(Clock.systemUTC(), "parse", "--tz", "UTC", "--year", "2025",
                        "--host", "mx1", "--rules", rules, logs.toString()).outIfExited(0).split("\n"))
                .filter(j -> j.contains("\"type\":\"auth_failure\"") && !j.contains("\"detail\":true")).findFirst()
                .orElseThrow();
        EventJson json = new EventJson();
        Judge judge = new Judge(CsfConfig.defaults());
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        liveAfterFinish(work, rules, json, judge);
        for (int a = 1; a < args.length; a++) {
            int n = Integer.parseInt(args[a]);
            List<String> stored = new ArrayList<>(n);
            Instant start = Instant.parse("2025-03-10T00:00:00Z");
            double step = 86_400_000.0 / n;
            for (int i = 0; i < n; i++) {
                stored.add(template
                        .replaceFirst("\"ip\":\"[^\"]*\"", "\"ip\":\"198.18.7." + (1 + i % 64) + "\"")
                        .replaceFirst("\"account\":\"[^\"]*\"", "\"account\":\"guess" + (i * 7919L % 500) + "@example.net\"")
                        .replaceFirst("\"time\":\"[^\"]*\"", "\"time\":\"" + start.plusMillis((long) (i * step)) + "\"")
                        .replaceFirst("\"host\":\"[^\"]*\"", "\"host\":\"mx" + (1 + i % 10) + "\""));
            }
            List<LogEvent> decoded = new ArrayList<>(n);
            stored.forEach(s -> decoded.add(json.read(s)));
            long[] fromJson = new long[10];
            long[] fromCache = new long[10];
            int verdicts = 0;
            for (int r = 0; r < 10; r++) {
                long t0 = System.nanoTime();
                List<LogEvent> read = new ArrayList<>(n);
                stored.forEach(s -> read.add(json.read(s)));
                verdicts = judge.network(read, Map.of(), Map.of()).verdicts().size();
                fromJson[r] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                judge.network(new ArrayList<>(decoded), Map.of(), Map.of());
                fromCache[r] = System.nanoTime() - t0;
            }
            System.out.printf("one network, %,d events retained (%d addresses judged): a judgement %.0f ms from the"
                    + " store's JSON, %.0f ms from decoded events (median of 7 after 3)%n", n, verdicts,
                    median(fromJson) / 1e6, median(fromCache) / 1e6);
            System.out.printf("  through its live auditor, %d new events a judgement (the events of ~%d s), the last 10"
                    + " min unsettled (the grace): %.1f ms; made again by a re-audit (after pruning): %.0f ms (median of 7"
                    + " after 3)%n", NEW_EVENTS, Math.round(NEW_EVENTS * step / 1000), median(live(decoded, judge, false)) / 1e6,
                    median(live(decoded, judge, true)) / 1e6);
        }
    }

    /** New events between two judgements of the busy network through its live auditor. */
    private static final int NEW_EVENTS = 10;

    /**
     * Times 10 judgements of the network through a live auditor ({@link LiveAuditors}, as the address step does),
     * each after {@link #NEW_EVENTS} more events, with the grace period's 10 minutes before the newest event unsettled;
     * {@code rebuild}: each judgement makes the live auditor again (what the first judgement after a prune costs).
     */
    private static long[] live(List<LogEvent> all, Judge judge, boolean rebuild) {
        LiveAuditors auditors = new LiveAuditors(LiveAuditors.DEFAULT_EVENTS);
        long[] runs = new long[10];
        int upTo = all.size() - 10 * NEW_EVENTS;
        judge.network("198.18.7.0/24", all.subList(0, upTo), Map.of(), Map.of(),
                new Judge.Live(auditors, rebuild ? "r" : "", settled(all.get(upTo - 1))));
        for (int r = 0; r < 10; r++) {
            upTo += NEW_EVENTS;
            List<LogEvent> got = new ArrayList<>(all.subList(0, upTo));
            long t0 = System.nanoTime();
            judge.network("198.18.7.0/24", got, Map.of(), Map.of(),
                    new Judge.Live(auditors, rebuild ? "r" + r : "", settled(got.get(got.size() - 1))));
            runs[r] = System.nanoTime() - t0;
        }
        return runs;
    }

    private static long settled(LogEvent newest) {
        return newest.instant().toEpochMilli() - 600_000;
    }

    /**
     * Prints how many judgements of an auditor fed on after {@code finish()} differ from a fresh re-audit of the same
     * events (the steps' judgement): any at all means a live auditor per key would change the fleet's verdicts.
     */
    private static void liveAfterFinish(Path work, String rules, EventJson json, Judge judge) throws Exception {
        List<LogEvent> events = new ArrayList<>();
        for (int h = 1; h <= 2; h++) {
            Path dir = work.resolve("live-" + h);
            if (!Files.exists(dir)) {
                new LogSimulator(SimulationSpec.builder().seed(9100 + h).days(1).mailboxes(10).zone(ZoneOffset.UTC)
                        .hostname("mx" + h).build()).run(dir);
            }
            for (String line : CliCall.run(Clock.systemUTC(), "parse", "--tz", "UTC", "--year", "2025", "--host",
                    "mx" + h, "--rules", rules, dir.toString()).outIfExited(0).split("\n")) {
                if (!line.isBlank()) {
                    events.add(json.read(line));
                }
            }
        }
        events = Judge.inTimeOrder(events);
        Auditor live = Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(CsfConfig.defaults()).byServer(true)
                .build();
        Auditor judged = Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(CsfConfig.defaults())
                .byServer(true).build();
        int judgements = 0;
        int differ = 0;
        int judgeDiffers = 0;
        String example = null;
        for (int i = 0; i < events.size(); i++) {
            live.accept(events.get(i));
            judged.accept(events.get(i));
            if (i % 200 == 199 || i == events.size() - 1) {
                judgements++;
                AuditResult fed = live.finish();
                AuditResult fresh = judge.audit(events.subList(0, i + 1));
                if (!same(judged.judge(), fresh)) {
                    judgeDiffers++;
                }
                if (!fed.accounts().toString().equals(fresh.accounts().toString())
                        || !fed.ips().toString().equals(fresh.ips().toString())
                        || !fed.blocks().toString().equals(fresh.blocks().toString())) {
                    differ++;
                    for (int k = 0; example == null && k < Math.min(fed.accounts().size(), fresh.accounts().size()); k++) {
                        if (!fed.accounts().get(k).equals(fresh.accounts().get(k))) {
                            example = fed.accounts().get(k).account();
                        }
                    }
                }
            }
        }
        System.out.println("an auditor fed on after finish(), against a fresh one over the same events: " + differ + " of "
                + judgements + " judgements differ (" + events.size() + " events of 2 simulated servers, a judgement every"
                + " 200)" + (example == null ? "" : "; the first in the evidence of " + example));
        System.out.println("an auditor fed on after judge() (Auditor.judge, what the steps' live auditors use): "
                + judgeDiffers + " of " + judgements + " judgements differ");
    }

    /** Whether two results say the same about every login, address and block (each subject under its key). */
    private static boolean same(AuditResult a, AuditResult b) {
        return keyed(a).equals(keyed(b));
    }

    private static String keyed(AuditResult r) {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
        r.accounts().forEach(x -> m.put("a " + x.account(), x.toString()));
        r.ips().forEach(x -> m.put("i " + x.ip(), x.toString()));
        return m + " " + r.blocks();
    }

    private static double median(long[] runs) {
        long[] last = Arrays.copyOfRange(runs, 3, runs.length);
        Arrays.sort(last);
        return last[last.length / 2];
    }
}
