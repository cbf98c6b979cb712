package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.classify.Auditor;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import dev.authaudit.report.ReportJsonWriter;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.run.Replay;
import dev.authaudit.run.ScanInputs;
import dev.authaudit.testing.ReportSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every hand-written scenario in {@code test-fixtures/scenarios/} through the whole replay
 * (parse, merge, correlate, classify, report) and checks the verdicts its {@code expected.json}
 * lists, hubtest style. Each report is validated against report-v1's schema.
 */
class ScenarioTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        Path root = CliRun.repo().resolve("test-fixtures/scenarios");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private static void check(Path dir) throws IOException {
        JsonNode expected = MAPPER.readTree(dir.resolve("expected.json").toFile());
        // a scenario the engine does not get right yet says so, and shows as skipped with the reason
        org.junit.jupiter.api.Assumptions.assumeTrue(expected.path("known_gap").isMissingNode(),
                () -> "known gap: " + expected.path("known_gap").asText());
        Instant reference = LocalDate.parse(expected.path("year_reference").asText()).plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        ScanInputs found = ScanInputs.of(List.of(dir.toString()), null);
        List<InputFile> logs = new ArrayList<>();
        for (InputFile f : found.logs()) {
            logs.add(new InputFile(f.path(), f.display(), reference)); // a checkout resets file times
        }
        ScanInputs inputs = new ScanInputs(logs, found.csf(), found.csfPath(), found.problems());
        RuleSet rules = RuleSet.load(List.of(CliRun.repo().resolve("rules")));
        LineParser parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, null),
                new PasswordRedactor(new byte[16]));
        Context context = new Context(new ByteArrayInputStream(new byte[0]),
                Clock.fixed(reference, ZoneOffset.UTC));
        Replay.Outcome outcome = new Replay(parser, YearAnchor.none(), context.clock(), context.stdin(),
                new PrintWriter(new StringWriter()), false)
                .run(inputs, Auditor.builder().csf(inputs.csf()).build(), null, null, null);
        Report report = new ReportAssembler().assemble(outcome.result(), OffsetDateTime.ofInstant(reference,
                ZoneOffset.UTC), outcome.inputs(), List.of());
        String json = new ReportJsonWriter().toJson(report);
        JsonNode doc = ReportSchema.assertValid(json);
        assertThat(outcome.stats()).allSatisfy(s -> assertThat(s.skipped()).as("skipped lines in %s", s.file())
                .isZero());
        for (JsonNode want : expected.path("accounts")) {
            JsonNode got = find(doc.path("accounts"), "account", want.path("account").asText());
            assertThat(got).as("account %s in the report", want.path("account").asText()).isNotNull();
            assertFields(want, got, "account " + want.path("account").asText());
        }
        for (JsonNode want : expected.path("ips")) {
            JsonNode got = find(doc.path("ips"), "ip", want.path("ip").asText());
            assertThat(got).as("address %s in the report", want.path("ip").asText()).isNotNull();
            assertFields(want, got, "address " + want.path("ip").asText());
        }
        List<JsonNode> blocks = new ArrayList<>();
        doc.path("blocks").forEach(blocks::add);
        for (JsonNode want : expected.path("blocks")) {
            JsonNode got = blocks.stream().filter(b -> b.path("ip").asText().equals(want.path("ip").asText())
                    && b.path("at").asText().startsWith(want.path("at").asText())).findFirst().orElse(null);
            assertThat(got).as("block of %s at %s in %s", want.path("ip").asText(), want.path("at").asText(),
                    doc.path("blocks")).isNotNull();
            assertFields(want, got, "block of " + want.path("ip").asText());
        }
    }

    private static void assertFields(JsonNode want, JsonNode got, String what) {
        want.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            String because = what + ": " + key + " (reasons: " + got.path("reasons") + ")";
            switch (key) {
                case "at" -> { }
                case "protocols" -> {
                    // an account's protocols are those of its failing sources
                    java.util.Set<String> seen = new java.util.TreeSet<>();
                    got.path("sources").forEach(s -> s.path("protocols").forEach(p -> seen.add(p.asText())));
                    java.util.Set<String> wanted = new java.util.TreeSet<>();
                    value.forEach(p -> wanted.add(p.asText()));
                    // the failing protocols; a source may also have succeeded on another one
                    assertThat(seen).as(because).containsAll(wanted);
                }
                case "roles" -> {
                    // what each named source is to the login: customer, guesser or unknown
                    value.fields().forEachRemaining(r -> {
                        String role = null;
                        for (JsonNode src : got.path("sources")) {
                            if (src.path("ip").asText().equals(r.getKey())) {
                                role = src.path("role").asText();
                            }
                        }
                        assertThat(role).as(because + " role of " + r.getKey()).isEqualTo(r.getValue().asText());
                    });
                }
                case "reasons_contain" -> value.forEach(v ->
                        assertThat(got.path("reasons").toString()).as(because).contains(v.asText()));
                case "reasons_exclude" -> value.forEach(v ->
                        assertThat(got.path("reasons").toString()).as(because).doesNotContain(v.asText()));
                case "stale_since" -> {
                    // the report keeps no per-source first failure; the reasons say since when
                    String hhmm = value.asText().substring(11, 16);
                    assertThat(got.path("reasons").toString()).as(because).contains("since " + hhmm);
                }
                default -> {
                    if (value.isArray()) {
                        assertThat(got.path(key)).as(because).isEqualTo(value);
                    } else {
                        assertThat(got.path(key).asText()).as(because).isEqualTo(value.asText());
                    }
                }
            }
        });
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        return null;
    }
}
