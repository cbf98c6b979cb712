package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code explain} on the sample's stale customer: the verdict and blocks come before the lines, successful
 * logins are summed up unless {@code --all}, and no internal word ("detail line", "primary line") is shown.
 */
class ExplainOrderTest {
    private static final String RULES = CliRun.repo().resolve("rules").toString();
    private static final String SAMPLE = CliRun.repo().resolve("test-fixtures/sample").toString();

    @Test
    void verdictAndBlocksFirst_thenFailures_successesSummedUp() {
        CliRun r = CliRun.run("explain", "--rules", RULES, "--tz", "America/New_York", "info@example.com", SAMPLE);
        assertThat(r.code).as(r.err).isZero();
        String out = r.out;
        int verdict = out.indexOf("Verdict: stale_password");
        int blocks = out.indexOf("Blocks of addresses that used this login (");
        int lines = out.indexOf("Failures and firewall lines (");
        int successes = out.indexOf("Successful logins: ");
        assertThat(verdict).isGreaterThan(0);
        assertThat(List.of(verdict, blocks, lines, successes)).isSorted();
        assertThat(out.substring(lines, successes)).contains("auth_failure").doesNotContain("auth_success");
        assertThat(out.substring(successes)).contains("10.91.45.166").contains("--all");
        assertThat(out).doesNotContain("detail line").doesNotContain("primary line").doesNotContain("OTHER login");

        CliRun all = CliRun.run("explain", "--rules", RULES, "--tz", "America/New_York", "--all", "info@example.com",
                SAMPLE);
        assertThat(all.code).as(all.err).isZero();
        long each = all.out.lines().filter(l -> l.contains("auth_success")).count();
        assertThat(out).contains(String.format("Successful logins: %,d,", each));
        assertThat(all.out).doesNotContain("Successful logins: ");
        assertThat(out.lines().count()).isLessThan(all.out.lines().count() - each / 2);
    }
}
