package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.report.HtmlCheck;
import dev.authaudit.testing.ReportSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan} keeping history, and {@code report --period} reading it back without the logs. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private final String rules = CliRun.repo().resolve("rules").toString();
    private final String homeNat = CliRun.repo().resolve("test-fixtures/scenarios/home-nat").toString();

    private CliRun scan(String... extra) {
        String[] base = {"scan", "--rules", rules, "--year", "2025", "--tz", "UTC", "--state",
            dir.resolve("state").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.run(args);
    }

    private JsonNode history(String... extra) throws IOException {
        String[] base = {"report", "--period", "7d", "--format", "json", "--state", dir.resolve("state").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRun r = CliRun.run(args);
        assertThat(r.code).as(r.err).isZero();
        return new ObjectMapper().readTree(r.out);
    }

    @Test
    void scan_sameLogsTwice_historyCountsThemOnce() throws IOException {
        assertThat(scan(homeNat).code).isZero();
        JsonNode once = history();
        assertThat(scan(homeNat).code).isZero();
        JsonNode twice = history();

        assertThat(twice.path("totals")).isEqualTo(once.path("totals"));
        assertThat(twice.path("days")).isEqualTo(once.path("days"));
        assertThat(once.path("schema").asText()).isEqualTo("authaudit-history/1");
        assertThat(once.path("period").path("to").asText()).isEqualTo("2025-03-31");
        assertThat(once.path("period").path("from").asText()).isEqualTo("2025-03-25");
        assertThat(once.path("period").path("days_recorded").asInt()).isEqualTo(1);
        assertThat(once.path("totals").path("failures_by_verdict").path("stale_password").asLong()).isEqualTo(8);
        assertThat(once.path("stale_password_logins").get(0).path("subject").asText())
                .isEqualTo("carol@example.com");
        assertThat(once.path("days").get(0).path("covered_from").asText()).startsWith("2025-03-31T");
    }

    @Test
    void report_formats_textCsvAndHtmlFromHistoryAlone() throws IOException {
        assertThat(scan(homeNat).code).isZero();
        String state = dir.resolve("state").toString();

        CliRun text = CliRun.run("report", "--state", state, "--period", "30d");
        assertThat(text.code).as(text.err).isZero();
        assertThat(text.out).contains("authaudit history 2025-03-02 to 2025-03-31 (1 of 30 days recorded)")
                .contains("carol@example.com");
        assertThat(text.err).contains("the history ends 2025-03-31");

        CliRun csv = CliRun.run("report", "--state", state, "--format", "csv", "--until", "2025-04-01");
        assertThat(csv.out).startsWith("kind,day,subject,category,measure,value\r\n")
                .contains("day,2025-03-31,\"\",\"stale_password\",failures,8")
                .contains("login,2025-03-31,\"carol@example.com\",\"stale_password\",failures,8");

        Path html = dir.resolve("history.html");
        CliRun page = CliRun.run("report", "--state", state, "--format", "html", "--out", html.toString());
        assertThat(page.code).as(page.err).isZero();
        String doc = Files.readString(html);
        HtmlCheck.assertWellFormed(doc);
        HtmlCheck.assertSelfContained(doc);
        assertThat(doc).contains("Mail login history").contains("carol@example.com").contains("<svg class=\"chart\"");
    }

    @Test
    void report_noHistory_exits4AndSaysToScanFirst() {
        CliRun r = CliRun.run("report", "--state", dir.resolve("nothing").toString());
        assertThat(r.code).isEqualTo(4);
        assertThat(r.err).contains("no history in").contains("run 'authaudit scan'");
    }

    @Test
    void report_badPeriod_exits2() {
        CliRun r = CliRun.run("report", "--state", dir.toString(), "--period", "a fortnight");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--period a fortnight is not a number of days; use 7d, 30d or 2w");
    }

    @Test
    void scan_noHistory_writesNoStateDatabase() {
        CliRun r = scan("--no-history", homeNat);
        assertThat(r.code).as(r.err).isZero();
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void scan_stateNotWritable_warnsAndStillReports() throws IOException {
        Path notADir = dir.resolve("plain-file");
        Files.writeString(notADir, "x");
        CliRun r = CliRun.run("scan", "--rules", rules, "--year", "2025", "--tz", "UTC", "--format", "json",
                "--state", notADir.resolve("state").toString(), homeNat);

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err).contains("authaudit: warning: history not kept").contains("--no-history");
        ReportSchema.assertValid(r.out);
    }

    @Test
    void scan_htmlOut_writesOnePageWithTheStaleCustomerAndEscapedLogText() throws IOException {
        Path log = dir.resolve("exim_<b>main'\"log");
        Files.writeString(log, "2025-01-01 10:00:00 login authenticator failed for (<svg onload=x>) [192.0.2.7]: 535"
                + " Incorrect authentication data (set_id=<script>a</script>)\n");
        Path out = dir.resolve("report.html");

        CliRun r = scan("--format", "html", "--out", out.toString(), homeNat, log.toString());

        assertThat(r.code).as(r.err).isZero();
        String html = Files.readString(out);
        HtmlCheck.assertWellFormed(html);
        HtmlCheck.assertSelfContained(html);
        assertThat(html).contains("carol@example.com").contains("<svg class=\"strip\"")
                .contains("&lt;script&gt;a&lt;/script&gt;").contains("exim_&lt;b&gt;main&#39;&quot;log")
                // a HELO with a space is a line no exim rule reads: it shows up as a skipped sample
                .contains("<pre class=\"lines\">2025-01-01 10:00:00 login authenticator failed for (&lt;svg onload=x&gt;)")
                .doesNotContain("<script").doesNotContain("<svg onload");
    }
}
