package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventMergerTest {
    @TempDir
    Path dir;

    @Test
    void next_twoFiles_interleavesByEventTime() throws IOException {
        String fail = " login authenticator failed for (x) [%s]: 535 Incorrect authentication data%n";
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.writeString(a, String.format("2025-01-01 10:00:00" + fail + "2025-01-01 10:00:02" + fail,
                "192.0.2.1", "192.0.2.3"));
        Files.writeString(b, String.format("2025-01-01 10:00:01" + fail + "2025-01-01 10:00:03" + fail,
                "192.0.2.2", "192.0.2.4"));
        RuleSet rules = RuleSet.load(List.of(Paths.get(System.getProperty("authaudit.repo", "."), "rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, null),
                new PasswordRedactor(new byte[16]));
        List<FileParser> files = new ArrayList<>();
        for (Path p : List.of(a, b)) {
            files.add(new FileParser(new InputFile(p, p.toString(), Instant.EPOCH), parser, Instant.EPOCH, null, null));
        }
        List<String> ips = new ArrayList<>();
        try (EventMerger m = new EventMerger(files)) {
            LogEvent e;
            while ((e = m.next()) != null) {
                ips.add(e.ip());
            }
            assertThat(m.stats()).extracting(s -> s.events()).containsExactly(2L, 2L);
        }
        assertThat(ips).containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4");
    }
}
