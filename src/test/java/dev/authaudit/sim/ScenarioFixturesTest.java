package dev.authaudit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Keeps the hand-written scenarios and the committed sample well-formed and self-consistent. */
class ScenarioFixturesTest {
    private static final Path ROOT = Path.of(System.getProperty("authaudit.repo", ".")).resolve("test-fixtures");
    private static final Set<String> ACCOUNT = Set.of("stale_password", "mistyped", "targeted", "unknown_user", "ok");
    private static final Set<String> IP = Set.of("customer", "attacker", "scanner", "unknown");
    private static final Set<String> CAUSE = Set.of("stale_password", "mistyped", "brute_force", "port_scan",
            "closed_port", "unknown");

    @TestFactory
    Stream<DynamicTest> scenario_isWellFormed() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("scenarios"))) {
            s.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        assertThat(dirs).extracting(d -> d.getFileName().toString()).contains("port-scan-587", "home-nat",
                "mobile-data", "imap-only", "smtp-only", "password-change", "typo", "dictionary-attack",
                "slow-stuffing", "spraying", "real-port-scan", "dovecot-detail-pairs", "year-boundary", "rotated-gz");
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private static void check(Path dir) throws IOException {
        JsonNode e = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        assertThat(e.get("scenario").asText()).isEqualTo(dir.getFileName().toString());
        assertThat(Files.readString(dir.resolve("README.md"))).isNotBlank();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".gz")) {
                    all.append(gunzip(f));
                } else if (!n.endsWith(".json") && !n.endsWith(".md") && !n.equals("csf.conf")) {
                    all.append(Files.readString(f));
                }
            }
        }
        String text = all.toString();
        for (JsonNode a : e.get("accounts")) {
            assertThat(ACCOUNT).contains(a.get("verdict").asText());
            assertThat(text).contains(a.get("account").asText());
        }
        for (JsonNode i : e.get("ips")) {
            assertThat(IP).contains(i.get("verdict").asText());
            assertThat(text).contains(i.get("ip").asText());
        }
        String lfd = Files.exists(dir.resolve("lfd.log")) ? Files.readString(dir.resolve("lfd.log")) : "";
        for (JsonNode b : e.get("blocks")) {
            assertThat(CAUSE).contains(b.get("cause").asText());
            assertThat(lfd).contains(b.get("ip").asText() + " (").contains("[" + b.get("trigger").asText() + "]");
        }
        assertThat(lfd.lines().filter(l -> l.contains("*Blocked in csf*")).count()).isEqualTo(e.get("blocks").size());
    }

    @Test
    void sample_truthCoversItsBlocksAndHasAStaleAccount() throws IOException {
        Path dir = ROOT.resolve("sample");
        JsonNode t = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
        long blockLines = Files.readAllLines(dir.resolve("lfd.log")).stream()
                .filter(l -> l.contains("*Blocked in csf*")).count();
        assertThat(t.get("blocks").size()).isEqualTo((int) blockLines);
        assertThat(t.get("accounts").findValuesAsText("verdict")).contains("stale_password", "mistyped");
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(f -> assertThat(f.toFile().length()).as(f.toString()).isLessThan(1_100_000L));
        }
    }

    private static String gunzip(Path f) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
