package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.testing.CliCall;
import dev.authaudit.testing.ReportSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notices decided in the login step: the sample server's logs through the fleet topology give a notice
 * candidate for exactly the logins {@code scan} drafts a notice for, each written once however often the
 * login is judged again or its events are sent again, and none for a login others are guessing.
 */
class FleetNoticeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void sampleServer_noticesAreScansDrafts_oncePerIncident_noneForAGuessedLogin() throws Exception {
        Path logs = ReportSchema.repo().resolve("test-fixtures/sample");
        String rules = ReportSchema.repo().resolve("rules").toString();
        Path key = work.resolve("fingerprint.key");
        Files.writeString(key, "fleet-notice-test-key-0123456789", StandardCharsets.UTF_8);
        // what scan decides for the same logs: drafts for the stale logins (the mailbox itself the recipient)
        Path report = work.resolve("report.json");
        CliCall.run(CliCall.FIXED,
                "scan", "--no-progress", "--tz", "UTC", "--year", "2025", "--host", "mxA", "--format", "json", "--out",
                report.toString(), "--fingerprint-key", key.toString(), "--rules", rules, "--notify", "drafts",
                "--outbox", work.resolve("outbox").toString(), "--notice-from", "support@hosting.example", "--notice-server-name", "mx.hosting.example",
                "--notice-help-url", "https://hosting.example/help", "--notice-max-age", "3650d", "--no-history",
                "--state", work.resolve("state").toString(), logs.toString()).outIfExited(0, 10);
        JsonNode r = MAPPER.readTree(report.toFile());
        Set<String> drafted = new TreeSet<>();
        r.path("notices").forEach(n -> {
            if (n.path("status").asText().equals("drafted")) {
                drafted.add(n.path("account").asText());
            }
        });
        assertThat(drafted).as("scan's drafts (the reference)").isNotEmpty();

        List<String[]> events = new ArrayList<>();
        for (String line : CliCall.run(CliCall.FIXED,
                "parse", "--tz", "UTC", "--year", "2025", "--host", "mxA", "--rules", rules,
                "--fingerprint-key", key.toString(), logs.toString()).outIfExited(0, 10).split("\n")) {
            if (!line.isBlank()) {
                events.add(new String[] {"mxA", line});
            }
        }
        CsfConfig csf = CsfConfig.read(logs.resolve("csf.conf"));
        // every event twice: a shipper that sent the batch again must not make a second notice
        FleetDriver fleet = FleetDriver.run(work.resolve("streams"), csf, events, 2);
        NoticeCandidateJson json = new NoticeCandidateJson();
        List<NoticeCandidate> notices = fleet.notices().stream().map(kv -> json.read(kv.getKey(), kv.getValue()))
                .toList();
        Set<String> noticed = new TreeSet<>();
        Set<String> incidents = new TreeSet<>();
        for (NoticeCandidate c : notices) {
            noticed.add(c.account());
            assertThat(incidents.add(c.incidentKey())).as("written once: " + c.incidentKey()).isTrue();
            assertThat(c.verdict()).isEqualTo("stale_password");
            assertThat(fleet.accounts()).containsEntry(c.account(), "stale_password");
            assertThat(c.successOnRecord()).isTrue();
            assertThat(c.targeted() || c.attackerPattern()).isFalse();
            // the device is never an address the fleet calls an attacker
            assertThat(fleet.ips().get(c.device().ip())).isNotEqualTo("attacker");
        }
        System.out.println("fleet notices: " + notices.size() + " candidates for " + noticed + "; scan drafted " + drafted);
        assertThat(noticed).isEqualTo(drafted);
        assertThat(fleet.accounts()).containsEntry("ben@example.com", "targeted");
        assertThat(noticed).doesNotContain("ben@example.com");
    }
}
