package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.BlockAssessment;
import dev.authaudit.classify.IpAssessment;
import dev.authaudit.classify.IpVerdict;
import dev.authaudit.classify.SourceRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every claim the engine makes about the shipped sample and every hand-written scenario is recomputed
 * from the event stream ({@link dev.authaudit.testing.ClaimChecker}); none may be rejected. Beside the
 * claims: no attacker is listed as a customer's own source, no permanent block is advised {@code csf -tr},
 * no attacker is advised to be unblocked.
 */
class ClaimCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> claims() throws IOException {
        Path root = CliRun.repo().resolve("test-fixtures");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root.resolve("scenarios"))) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        Stream<DynamicTest> sample = Stream.of(DynamicTest.dynamicTest("sample", () -> check(
                ClaimRun.run(root.resolve("sample"), ZoneId.of("America/New_York"),
                        Instant.parse("2025-03-12T12:00:00Z")))));
        return Stream.concat(sample, dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(),
                () -> check(ClaimRun.run(d, ZoneOffset.UTC, reference(d))))));
    }

    private static Instant reference(Path dir) throws IOException {
        JsonNode expected = MAPPER.readTree(dir.resolve("expected.json").toFile());
        return LocalDate.parse(expected.path("year_reference").asText()).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    static void check(ClaimRun.Outcome o) {
        assertThat(o.rejected()).as("claims the events do not support").isEmpty();
        Map<String, IpAssessment> ips = new HashMap<>();
        o.result().ips().forEach(i -> ips.put(i.ip(), i));
        for (AccountAssessment a : o.result().accounts()) {
            a.roles().forEach((ip, role) -> {
                IpAssessment i = ips.get(ip);
                assertThat(role == SourceRole.CUSTOMER && i != null && i.verdict() == IpVerdict.ATTACKER)
                        .as("attacker %s listed as %s's own", ip, a.account()).isFalse();
            });
            if (a.verdict() == AccountVerdict.STALE_PASSWORD) {
                assertThat(a.device()).as("the device of %s", a.account()).isNotNull();
                assertThat(a.role(a.device())).as("the device of %s is a customer source", a.account())
                        .isEqualTo(SourceRole.CUSTOMER);
            }
        }
        for (BlockAssessment b : o.result().blocks()) {
            String advice = String.join(" | ", b.reasons());
            if (b.evidence().permanent()) {
                assertThat(advice).as("permanent block of %s", b.evidence().ip()).doesNotContain("csf -tr");
            }
            IpAssessment i = ips.get(b.evidence().ip());
            if (i != null && i.verdict() == IpVerdict.ATTACKER) {
                assertThat(advice).as("block of attacker %s", b.evidence().ip()).doesNotContain("lift the block");
            }
        }
    }
}
