package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.testing.ReportSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --notify drafts} on the sample and every scenario: every stale_password customer with a
 * success on record gets a drafted notice, about one of its customer sources, and the report stays
 * report-v1 exactly.
 */
class NoticeAcceptanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> notices() throws IOException {
        Path root = CliRun.repo().resolve("test-fixtures");
        List<DynamicTest> out = new ArrayList<>();
        out.add(DynamicTest.dynamicTest("sample", () -> check(root.resolve("sample"), "America/New_York", null)));
        try (Stream<Path> s = Files.list(root.resolve("scenarios"))) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                String year = MAPPER.readTree(d.resolve("expected.json").toFile()).path("year_reference").asText()
                        .substring(0, 4);
                out.add(DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d, "UTC", year)));
            }
        }
        return out.stream();
    }

    private void check(Path dir, String zone, String year) throws IOException {
        Path state = Files.createTempDirectory(tmp, "state");
        List<String> args = new ArrayList<>(List.of("scan", "--rules", CliRun.repo().resolve("rules").toString(),
                "--tz", zone, "--format", "json", "--notify", "drafts", "--state", state.toString(),
                "--notice-from", "help@example.net", "--notice-server-name", "mail.example.net",
                "--notice-help-url", "https://example.net/help"));
        if (year != null) {
            args.addAll(List.of("--year", year));
        }
        args.add(dir.toString());
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertThat(r.code).as(r.err).isIn(0, 4);
        JsonNode doc = ReportSchema.assertValid(r.out);
        for (JsonNode a : doc.path("accounts")) {
            if (!a.path("verdict").asText().equals("stale_password") || a.path("successes").asLong() == 0) {
                continue;
            }
            String login = a.path("account").asText();
            List<JsonNode> mine = new ArrayList<>();
            doc.path("notices").forEach(n -> {
                if (n.path("account").asText().equals(login)) {
                    mine.add(n);
                }
            });
            assertThat(mine).as("notices of %s: %s", login, doc.path("notices")).isNotEmpty()
                    .anySatisfy(n -> assertThat(n.path("status").asText()).isEqualTo("drafted"));
            List<String> customers = new ArrayList<>();
            a.path("sources").forEach(s -> {
                if (s.path("role").asText().equals("customer")) {
                    customers.add(s.path("ip").asText());
                }
            });
            for (JsonNode n : mine) {
                String reason = n.path("reason").asText();
                if (n.path("status").asText().equals("drafted")) {
                    assertThat(customers).as("the device named in %s", reason)
                            .anySatisfy(ip -> assertThat(reason).contains(" from " + ip + " "));
                }
            }
        }
    }
}
