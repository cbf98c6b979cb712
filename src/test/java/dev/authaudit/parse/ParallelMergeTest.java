package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.rules.RuleSet;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelMergeTest {
    private final Path repo = Paths.get(System.getProperty("authaudit.repo", "."));

    private List<String> merge(boolean parallel) {
        return merge(parallel, Long.MAX_VALUE);
    }

    private List<String> merge(boolean parallel, long splitBytes) {
        RuleSet rules = RuleSet.load(List.of(repo.resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, 2025),
                new PasswordRedactor(new byte[16]));
        List<FileParser> files = new ArrayList<>();
        for (InputFile f : InputSet.of(List.of(repo.resolve("test-fixtures/sample").toString())).files()) {
            files.add(new FileParser(f, parser, Instant.parse("2025-12-31T00:00:00Z"), null, null));
        }
        List<String> out = new ArrayList<>();
        EventJson json = new EventJson();
        try (EventMerger m = new EventMerger(files, parallel, splitBytes, 3)) {
            LogEvent e;
            while ((e = m.next()) != null) {
                out.add(json.toJson(e) + " <- " + m.lastLine().length());
            }
            assertThat(m.stats()).allSatisfy(s -> assertThat(s.lines()).isPositive());
            m.stats().forEach(s -> out.add(s.file() + " " + s.format() + " lines=" + s.lines() + " events=" + s.events()
                    + " skipped=" + s.skipped()));
        }
        return out;
    }

    @Test
    void next_parallelParsing_givesTheSameStreamAsOneThread() {
        List<String> one = merge(false);
        assertThat(one).hasSizeGreaterThan(1000);
        assertThat(merge(true)).containsExactlyElementsOf(one);
    }

    @Test
    void next_filesSplitAmongWorkers_giveTheSameStreamAndCountsAsOneThread() {
        List<String> one = merge(false);
        // every file of the sample is split into blocks parsed by three workers
        assertThat(merge(true, 0)).containsExactlyElementsOf(one);
    }

    @Test
    void close_beforeTheEnd_stopsTheParsingThreads() {
        RuleSet rules = RuleSet.load(List.of(repo.resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, 2025),
                new PasswordRedactor(new byte[16]));
        List<FileParser> files = new ArrayList<>();
        for (InputFile f : InputSet.of(List.of(repo.resolve("test-fixtures/sample").toString())).files()) {
            files.add(new FileParser(f, parser, Instant.parse("2025-12-31T00:00:00Z"), null, null));
        }
        int before = Thread.activeCount();
        try (EventMerger m = new EventMerger(files, true)) {
            assertThat(m.next()).isNotNull();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("authaudit-parse-")
                && t.isAlive());
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 1);
    }
}
