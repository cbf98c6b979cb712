package dev.authaudit.realdaemons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.testing.CliCall;
import dev.authaudit.testing.ReportSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checked-in sample of real daemon output ({@code test-fixtures/real/}, see its README) is read line by
 * line as the real-daemon suite reads the live output: every authentication line (found by plain
 * substrings) gives exactly one event, with the client address and login written in the line, and with
 * Exim's server port where the log_selector writes it. Runs with the unit tests, no daemon needed.
 */
class RealSampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLIENT = Pattern.compile("(?<![0-9.])198\\.51\\.100\\.\\d{1,3}(?![0-9])");

    @TestFactory
    Stream<DynamicTest> everyAuthLineOfTheSample_isReadRight() throws IOException {
        Path root = ReportSchema.repo().resolve("test-fixtures/real");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).as("set-ups in %s", root).hasSizeGreaterThanOrEqualTo(3);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private static void check(Path dir) throws IOException {
        boolean eximPorts = !dir.getFileName().toString().contains("default");
        List<RawAuthLines.Line> lines = RawAuthLines.in(dir);
        assertThat(lines).as("auth lines in %s", dir).isNotEmpty();
        Map<String, List<JsonNode>> events = new HashMap<>();
        for (JsonNode e : parse(dir)) {
            String type = e.path("type").asText();
            if (type.equals("auth_failure") || type.equals("auth_success")) {
                events.computeIfAbsent(e.path("file").asText() + ":" + e.path("line").asLong(),
                        k -> new ArrayList<>()).add(e);
            }
        }
        List<String> problems = new ArrayList<>();
        for (RawAuthLines.Line line : lines) {
            String place = line.file() + ":" + line.number();
            List<JsonNode> got = events.remove(place);
            Matcher ip = CLIENT.matcher(line.text());
            assertThat(ip.find()).as("a documentation address in %s", line.text()).isTrue();
            if (got == null || got.size() != 1) {
                problems.add(place + " gave " + (got == null ? "no event" : got.size() + " events") + ": " + line.text());
                continue;
            }
            JsonNode e = got.get(0);
            boolean exim = line.kind() == RawAuthLines.Kind.EXIM_FAILURE || line.kind() == RawAuthLines.Kind.EXIM_SUCCESS;
            Integer port = e.hasNonNull("port") ? e.path("port").asInt() : null;
            boolean right = e.path("type").asText().equals(line.kind().success ? "auth_success" : "auth_failure")
                    && e.path("ip").asText().equals(ip.group())
                    && !e.path("account").asText().isEmpty() && line.text().contains(e.path("account").asText())
                    && (exim ? e.path("protocol").asText().equals("smtp") : true)
                    && (exim && eximPorts ? port != null && (port == 587 || port == 465) : port == null);
            if (!right) {
                problems.add(place + " read as " + e + ": " + line.text());
            }
        }
        events.forEach((place, evs) -> problems.add(place + " is no auth line but gave " + evs));
        assertThat(problems).isEmpty();
    }

    private static List<JsonNode> parse(Path dir) throws IOException {
        CliCall c = CliCall.run(Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC), "parse", "--tz",
                "UTC", "--year", "2026", "--format", "jsonl", "--rules-dir",
                ReportSchema.repo().resolve("test-fixtures/real-rules.d").toString(), dir.toString());
        assertThat(c.code()).as("parse %s: %s", dir, c.err()).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String l : c.out().split("\n")) {
            if (!l.isBlank()) {
                events.add(JSON.readTree(l));
            }
        }
        return events;
    }
}
