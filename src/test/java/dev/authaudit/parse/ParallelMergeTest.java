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
        return merge(List.of(repo.resolve("test-fixtures/sample").toString()), parallel, splitBytes,
                PrefetchedFile.BLOCK_BYTES);
    }

    private List<String> merge(List<String> inputs, boolean parallel, long splitBytes, int blockBytes) {
        RuleSet rules = RuleSet.load(List.of(repo.resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, 2025),
                new PasswordRedactor(new byte[16]));
        List<FileParser> files = new ArrayList<>();
        for (InputFile f : InputSet.of(inputs).files()) {
            files.add(new FileParser(f, parser, Instant.parse("2025-12-31T00:00:00Z"), null, null));
        }
        List<String> out = new ArrayList<>();
        EventJson json = new EventJson();
        java.util.Map<String, String> logins = new java.util.HashMap<>();
        try (EventMerger m = new EventMerger(files, parallel, splitBytes, 3, blockBytes)) {
            LogEvent e;
            while ((e = m.next()) != null) {
                out.add(json.toJson(e) + " <- " + m.lastLine().length());
                // the instant made on the parsing thread is the event's own
                assertThat(m.lastInstant()).isEqualTo(e.instant());
                // every event of a login carries the same string, whichever thread parsed it (LoginInterner)
                if (e.account() != null) {
                    assertThat(logins.computeIfAbsent(e.account(), a -> a)).isSameAs(e.account());
                }
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
    void next_smallBlocksWithRepeatsAndDamageAcrossTheirEnds_giveTheSameStreamAndCountsAsOneThread()
            throws java.io.IOException {
        // the sample's maillog and messages, with syslog repeat lines after events and after unrelated
        // lines, binary and over-long lines, and bad UTF-8, in blocks of the smallest size allowed
        java.util.Random r = new java.util.Random(5);
        for (String name : List.of("maillog", "messages")) {
            List<String> lines = java.nio.file.Files.readAllLines(repo.resolve("test-fixtures/sample").resolve(name));
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            for (String l : lines) {
                b.writeBytes((l + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                int stamp = l.length() >= 15 ? 15 : 0;
                switch (r.nextInt(20)) {
                    case 0 -> b.writeBytes((l.substring(0, stamp) + " mx last message repeated 3 times\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    case 1 -> b.writeBytes(new byte[] {'x', 0, '\n'});
                    case 2 -> b.writeBytes(("a".repeat(dev.authaudit.ingest.LineReader.MAX_LINE + 5) + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    case 3 -> b.writeBytes(new byte[] {'b', (byte) 0xc3, '(', '\n'});
                    case 4 -> b.writeBytes((l.substring(0, stamp) + " mx cron[1]: unrelated\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    default -> { }
                }
            }
            java.nio.file.Files.write(dir.resolve(name), b.toByteArray());
        }
        List<String> in = List.of(dir.toString());
        List<String> one = merge(in, false, Long.MAX_VALUE, PrefetchedFile.BLOCK_BYTES);
        assertThat(one).hasSizeGreaterThan(1000);
        assertThat(String.join("\n", one)).contains("\"attempts\":3");
        int smallest = 2 * (dev.authaudit.ingest.LineReader.MAX_LINE + 2);
        assertThat(merge(in, true, 0, smallest)).containsExactlyElementsOf(one);
    }

    @Test
    void eachText_smallBlocksWithRepeats_renderEveryEventAsOneThreadWritesIt() throws java.io.IOException {
        // the text 'parse' prints: events rendered on the workers, and the several events of a syslog
        // repeat rendered on the file's thread, in blocks of the smallest size, against each event of a
        // one-thread read written on its own
        java.util.Random r = new java.util.Random(9);
        List<String> lines = java.nio.file.Files.readAllLines(repo.resolve("test-fixtures/sample").resolve("maillog"));
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
            if (r.nextInt(6) == 0 && l.length() >= 15) {
                b.append(l, 0, 15).append(" mx last message repeated ").append(2 + r.nextInt(3)).append(" times\n");
            }
        }
        java.nio.file.Files.writeString(dir.resolve("maillog"), b.toString());
        RuleSet rules = RuleSet.load(List.of(repo.resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, 2025),
                new PasswordRedactor(new byte[16]));
        InputFile file = InputSet.of(List.of(dir.resolve("maillog").toString())).files().get(0);
        Instant ref = Instant.parse("2025-12-31T00:00:00Z");
        StringBuilder expected = new StringBuilder();
        EventJson json = new EventJson();
        try (FileParser one = new FileParser(file, parser, ref, null, null)) {
            LogEvent e;
            while ((e = one.nextEvent()) != null) {
                expected.append(json.toJson(e)).append('\n');
            }
        }
        // failures repeated by syslog: events the file's thread renders, not the workers
        assertThat(expected.toString()).contains("\"attempts\":3").contains("\"attempts\":4");
        EventRenderer renderer = () -> new EventRenderer.Batch() {
            private final dev.authaudit.event.EventJsonWriter w = new dev.authaudit.event.EventJsonWriter(new byte[64]);

            @Override
            public int add(LogEvent event) {
                return w.appendLine(event);
            }

            @Override
            public byte[] text() {
                return w.bytes();
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        StringBuilder got = new StringBuilder();
        int smallest = 2 * (dev.authaudit.ingest.LineReader.MAX_LINE + 2);
        try (PrefetchedFile p = new PrefetchedFile(new FileParser(file, parser, ref, null, null), "maillog", pool,
                renderer, smallest)) {
            PrefetchedFile.Item item;
            while ((item = p.next()) != null) {
                got.append(new String(item.text(), item.start(), item.end() - item.start(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(got.toString()).isEqualTo(expected.toString());
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

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
