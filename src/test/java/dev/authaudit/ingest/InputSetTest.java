package dev.authaudit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSetTest {
    @TempDir
    Path dir;

    @Test
    void of_folderWithRotations_ordersOldestFirstPerLog() throws IOException {
        for (String n : List.of("maillog", "maillog.1", "maillog.2.gz", "maillog.10.gz", "exim_mainlog",
                "exim_mainlog-20241231.gz", "exim_mainlog-20241230.gz", ".hidden")) {
            Files.writeString(dir.resolve(n), "x\n");
        }
        List<String> names = InputSet.of(List.of(dir.toString())).files().stream()
                .map(f -> f.path().getFileName().toString()).toList();
        assertThat(names).containsExactly("exim_mainlog-20241230.gz", "exim_mainlog-20241231.gz", "exim_mainlog",
                "maillog.10.gz", "maillog.2.gz", "maillog.1", "maillog");
    }

    @Test
    void of_missingPath_isReportedAndOthersKept() throws IOException {
        Files.writeString(dir.resolve("a.log"), "x\n");
        InputSet set = InputSet.of(List.of(dir.resolve("a.log").toString(), dir.resolve("missing").toString(), "-"));
        assertThat(set.files()).hasSize(2);
        assertThat(set.files().get(1).isStdin()).isTrue();
        assertThat(set.problems()).singleElement().asString().contains("missing").contains("no such file");
    }
}
