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
        RuleSet rules = RuleSet.load(List.of(repo.resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, 2025),
                new PasswordRedactor(new byte[16]));
        List<FileParser> files = new ArrayList<>();
        for (InputFile f : InputSet.of(List.of(repo.resolve("test-fixtures/sample").toString())).files()) {
            files.add(new FileParser(f, parser, Instant.parse("2025-12-31T00:00:00Z"), null, null));
        }
        List<String> out = new ArrayList<>();
        EventJson json = new EventJson();
        try (EventMerger m = new EventMerger(files, parallel)) {
            LogEvent e;
            while ((e = m.next()) != null) {
                out.add(json.toJson(e) + " <- " + m.lastLine().length());
            }
            assertThat(m.stats()).allSatisfy(s -> assertThat(s.lines()).isPositive());
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
