package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authaudit.testing.ReportSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    @TempDir
    Path dir;

    private final String rules = CliRun.repo().resolve("rules").toString();
    private final String homeNat = CliRun.repo().resolve("test-fixtures/scenarios/home-nat").toString();

    @Test
    void scan_json_isValidReportV1WithVerdicts() {
        CliRun r = CliRun.run("scan", "--rules", rules, "--year", "2025", "--tz", "UTC", "--format", "json", homeNat);
        assertThat(r.code).as(r.err).isZero();
        JsonNode doc = ReportSchema.assertValid(r.out);
        assertThat(doc.path("schema").asText()).isEqualTo("authaudit-report/1");
        assertThat(doc.path("generated_at").asText()).isEqualTo("2026-06-01T12:00:00Z");
        assertThat(doc.path("accounts").get(0).path("account").asText()).isEqualTo("carol@example.com");
        assertThat(doc.path("accounts").get(0).path("verdict").asText()).isEqualTo("stale_password");
    }

    @Test
    void scan_notifyDrafts_writesEmlAndFillsNotices() throws IOException {
        Path state = dir.resolve("state");
        CliRun r = CliRun.run("scan", "--rules", rules, "--year", "2025", "--tz", "UTC", "--format", "json",
                "--notify", "drafts", "--state", state.toString(), "--notice-from", "Hosting <support@example.net>",
                "--notice-server-name", "mail1.example.net", "--notice-help-url", "https://example.net/help",
                homeNat);
        assertThat(r.code).as(r.err).isZero();
        JsonNode doc = ReportSchema.assertValid(r.out);
        JsonNode notice = doc.path("notices").get(0);
        assertThat(notice.path("account").asText()).isEqualTo("carol@example.com");
        assertThat(notice.path("status").asText()).isEqualTo("drafted");
        assertThat(notice.path("at").asText()).startsWith("2025-03-31T");
        try (var files = Files.list(state.resolve("outbox"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml"))).hasSize(1);
        }
        // a second replay of the same logs neither repeats nor loses the notice
        CliRun again = CliRun.run("scan", "--rules", rules, "--year", "2025", "--tz", "UTC", "--format", "json",
                "--notify", "drafts", "--state", state.toString(), "--notice-from", "Hosting <support@example.net>",
                "--notice-server-name", "mail1.example.net", "--notice-help-url", "https://example.net/help",
                homeNat);
        assertThat(again.code).isZero();
        try (var files = Files.list(state.resolve("outbox"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml"))).hasSize(1);
        }
    }

    @Test
    void scan_exitCodeOnFindings_exits10() {
        CliRun r = CliRun.run("scan", "--rules", rules, "--year", "2025", "--exit-code-on-findings", homeNat);
        assertThat(r.code).isEqualTo(10);
        assertThat(r.out).contains("Stale passwords in a mail client (1)", "carol@example.com");
    }

    @Test
    void scan_csv_neutralisesFormulaCells() throws IOException {
        Path log = dir.resolve("exim_mainlog");
        Files.writeString(log, "2025-01-01 10:00:00 login authenticator failed for (x) [192.0.2.7]: 535 Incorrect"
                + " authentication data (set_id==cmd|' /C calc'!A0)\n");
        CliRun r = CliRun.run("scan", "--rules", rules, "--format", "csv", log.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).startsWith("kind,subject,verdict");
        assertThat(r.out).contains("\"'=cmd|' /c calc'!a0\"").doesNotContain(",\"=cmd");
    }

    @Test
    void scan_maxLogins_keepsThatManyAndSaysHowManyWereDropped() {
        String sample = CliRun.repo().resolve("test-fixtures/sample").toString();
        CliRun all = CliRun.run("scan", "--rules", rules, "--tz", "America/New_York", "--no-history", sample);
        assertThat(all.code).as(all.err).isZero();
        assertThat(all.out).doesNotContain("omitted");
        CliRun few = CliRun.run("scan", "--rules", rules, "--tz", "America/New_York", "--no-history",
                "--max-logins", "3", sample);
        assertThat(few.code).as(few.err).isZero();
        assertThat(few.out).containsPattern("omitted +\\d+ logins");
        CliRun bad = CliRun.run("scan", "--rules", rules, "--max-logins", "0", sample);
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("--max-logins");
    }

    @Test
    void scan_badSince_exits2() {
        CliRun r = CliRun.run("scan", "--rules", rules, "--since", "yesterday-ish", homeNat);
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--since yesterday-ish is not a time");
    }

    @Test
    void scan_withoutState_writesNothing_withState_keepsHistory() {
        Path defaultDb = new StateOptions().db();
        boolean existed = java.nio.file.Files.exists(defaultDb);
        CliRun r = CliRun.run("scan", "--rules", rules, "--year", "2025", "--tz", "UTC", homeNat);
        assertThat(r.code).as(r.err).isZero();
        if (!existed) {
            assertThat(defaultDb).as("a plain scan is a read-only look").doesNotExist();
        }
        Path state = dir.resolve("asked");
        CliRun kept = CliRun.run("scan", "--rules", rules, "--year", "2025", "--tz", "UTC", "--state",
                state.toString(), homeNat);
        assertThat(kept.code).as(kept.err).isZero();
        assertThat(state.resolve("authaudit.db")).exists();
    }

    @Test
    void scan_notifySendOverOldLogs_draftsEveryNoticeAndMailsNone() throws Exception {
        // the logs are from 2025, the clock says 2026: every incident is over, nothing may be mailed; the SMTP
        // port is closed, so a mailing attempt would show as failed
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun r = CliRun.run("scan", "--rules", rules, "--year", "2025", "--tz", "UTC", "--format", "json",
                "--state", dir.resolve("send").toString(), "--notify", "send", "--notice-from", "help@example.net",
                "--notice-server-name", "mail.example.net", "--notice-help-url", "https://example.net/help",
                "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(closed), "--smtp-security", "none",
                homeNat);
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err).contains("drafted, not mailed");
        com.fasterxml.jackson.databind.JsonNode notices = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out).path("notices");
        assertThat(notices.size()).isPositive();
        notices.forEach(n -> {
            assertThat(n.path("status").asText()).isIn("drafted", "suppressed");
            if (n.path("status").asText().equals("drafted")) {
                assertThat(n.path("reason").asText()).contains("drafted, not sent");
            }
        });
    }

    @Test
    void scan_missingCsfConf_exits3() {
        CliRun r = CliRun.run("scan", "--rules", rules, "--csf-conf", dir.resolve("nope.conf").toString(), homeNat);
        assertThat(r.code).isEqualTo(3);
        assertThat(r.err).contains("cannot read").contains("csf.conf");
    }

    @Test
    void scan_missingPath_exits4BeforePrintingAnyReport() {
        CliRun r = CliRun.run("scan", "--rules", rules, homeNat, dir.resolve("mainlog-typo").toString());
        assertThat(r.code).isEqualTo(4);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("mainlog-typo: no such file or folder; check the path (nothing was read)");
    }

    @Test
    void scan_outFile_loginWithALoneSurrogateFromJournalJson_writesTheReportAsStdoutDoes() throws Exception {
        // an escape in journalctl's JSON can make half a character, which has no UTF-8
        String message = "dovecot_login authenticator failed for ([192.168.1.10]) [198.51.100.7]:50122"
                + " I=[203.0.113.5]:587: 535 Incorrect authentication data (set_id=ha\\ud83dna@example.org)";
        Path journal = dir.resolve("journal.json");
        java.nio.file.Files.writeString(journal, "{\"__REALTIME_TIMESTAMP\":\"1741597331000000\",\"_HOSTNAME\":"
                + "\"mx\",\"SYSLOG_IDENTIFIER\":\"exim\",\"_PID\":\"4242\",\"MESSAGE\":\"" + message + "\"}\n");
        Path out = dir.resolve("report.json");
        CliRun file = CliRun.run("scan", "--rules", rules, "--tz", "UTC", "--no-history", "--format", "json", "--out",
                out.toString(), journal.toString());
        assertThat(file.code).as(file.err).isZero();
        String written = java.nio.file.Files.readString(out, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).contains("\"ha?na@example.org\"");
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(written);
    }

    @Test
    void scan_zonelessStampsWithoutTz_noteSaysWhichZoneWasUsed() {
        CliRun without = CliRun.run("scan", "--rules", rules, "--year", "2025", homeNat);
        assertThat(without.code).as(without.err).isZero();
        assertThat(without.err).containsPattern("note: \\d+ time stamps without a zone .* read in this system's zone, "
                + java.util.regex.Pattern.quote(java.time.ZoneId.systemDefault().getId()) + "; pass --tz");
        CliRun with = CliRun.run("scan", "--rules", rules, "--year", "2025", "--tz", "UTC", homeNat);
        assertThat(with.err).doesNotContain("without a zone");
    }

    @Test
    void scan_notifyWithBrokenTemplate_exits3BeforeReadingAnything() throws Exception {
        Path copy = dir.resolve("rules");
        try (var files = java.nio.file.Files.walk(CliRun.repo().resolve("rules"))) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(CliRun.repo().resolve("rules").relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(f, to);
                }
            }
        }
        java.nio.file.Files.writeString(copy.resolve("notices/en/body.html"), "<p>{{#app}}{{app}}</p>\n");
        CliRun r = CliRun.run("scan", "--rules", copy.toString(), "--notify", "drafts", "--state",
                dir.resolve("state").toString(), "--notice-from", "Hosting <noreply@example.net>",
                "--notice-server-name", "mail.example.net", "--notice-help-url", "https://example.net/help", homeNat);
        assertThat(r.code).isEqualTo(3);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("body.html", "is closed by {{/name}}");
    }

    @Test
    void tune_missingPath_exits4BeforePrintingAnything() {
        CliRun r = CliRun.run("tune", "--rules", rules, homeNat, dir.resolve("typo.log").toString());
        assertThat(r.code).isEqualTo(4);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("typo.log: no such file or folder");
    }

    @Test
    void scan_outFile_writesAtomicallyAndSaysWhere() {
        Path out = dir.resolve("r/report.txt");
        CliRun r = CliRun.run("scan", "--rules", rules, "--year", "2025", "--out", out.toString(), homeNat);
        assertThat(r.code).isZero();
        assertThat(out).exists();
        assertThat(r.err).contains("report written to");
    }

    @Test
    void explain_address_printsTimelineVerdictAndFileLines() {
        CliRun r = CliRun.run("explain", "--rules", rules, "--year", "2025", "203.0.113.45", homeNat);
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("Story of address 203.0.113.45", "maillog:", "Verdict: customer");
    }

    @Test
    void explain_unknownSubject_saysSo() {
        CliRun r = CliRun.run("explain", "--rules", rules, "--year", "2025", "198.51.100.254", homeNat);
        assertThat(r.code).isZero();
        assertThat(r.out).contains("No event in these logs involves address 198.51.100.254");
    }
}
