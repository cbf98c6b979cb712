package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code scan --by-account}: the sample rolled up per cPanel account, counts equal to the JSON report's. */
class ByAccountTest {
    private final String rules = CliRun.repo().resolve("rules").toString();
    private final String sample = CliRun.repo().resolve("test-fixtures/sample").toString();
    private final String userdomains = CliRun.repo().resolve("test-fixtures/cpanel/userdomains").toString();

    @Test
    void scanByAccount_sample_rowsAddUpToTheJsonReport() throws Exception {
        CliRun json = CliRun.run("scan", "--rules", rules, "--tz", "America/New_York", "--no-history", "--format",
                "json", sample);
        assertThat(json.code).as(json.err).isZero();
        JsonNode accounts = new ObjectMapper().readTree(json.out).get("accounts");
        long stale = 0;
        long targeted = 0;
        long failures = 0;
        for (JsonNode a : accounts) {
            stale += "stale_password".equals(a.get("verdict").asText()) ? 1 : 0;
            targeted += "targeted".equals(a.get("verdict").asText()) ? 1 : 0;
            failures += a.get("failures").asLong();
        }

        CliRun csv = CliRun.run("scan", "--rules", rules, "--tz", "America/New_York", "--no-history", "--by-account",
                "--format", "csv", "--cpanel-userdomains", userdomains, sample);
        assertThat(csv.code).as(csv.err).isZero();
        List<String> lines = csv.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("account,domains,logins,stale_password,mistyped,targeted,unknown_user,"
                + "failures,customer_blocks");
        long[] sums = new long[5];
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            sums[0] += Long.parseLong(f[2]);
            sums[1] += Long.parseLong(f[3]);
            sums[2] += Long.parseLong(f[5]);
            sums[3] += Long.parseLong(f[7]);
        }
        assertThat(sums[0]).isEqualTo(accounts.size());
        assertThat(sums[1]).isEqualTo(stale).isPositive();
        assertThat(sums[2]).isEqualTo(targeted);
        assertThat(sums[3]).isEqualTo(failures);
        assertThat(lines.get(1)).startsWith("\"examplec\",\"example.com\",");
        assertThat(lines).anyMatch(l -> l.startsWith("\"info\",\"\",1,"));
        assertThat(lines.get(lines.size() - 1)).startsWith("\"(no cPanel account)\"");
    }

    @Test
    void scanByAccount_text_fitsIn120ColumnsAndExplainsColumns() {
        CliRun r = CliRun.run("scan", "--rules", rules, "--tz", "America/New_York", "--no-history", "--by-account",
                "--cpanel-userdomains", userdomains, sample);
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).startsWith("By cPanel account (" + userdomains + "): 2 accounts,")
                .contains("ACCOUNT", "examplec", "STALE: a device keeps an old password");
        assertThat(r.out.lines()).allMatch(l -> l.length() <= 120);
    }

    @Test
    void scanByAccount_missingUserdomains_exits3NamingTheOption() {
        CliRun r = CliRun.run("scan", "--rules", rules, "--by-account", "--cpanel-userdomains", "/nonexistent/ud",
                sample);
        assertThat(r.code).isEqualTo(3);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("cannot read /nonexistent/ud", "--cpanel-userdomains");
    }
}
