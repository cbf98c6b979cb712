package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Colour on a terminal only, never with NO_COLOR, a dumb terminal, a file or a pipe. */
class ReportColourTest {
    @Test
    void auto_coloursOnlyATerminalWithoutNoColor() {
        ReportOptions o = new ReportOptions();
        assertThat(o.colour(null, "xterm-256color", true)).isTrue();
        assertThat(o.colour("", "xterm", true)).isTrue();
        assertThat(o.colour("1", "xterm", true)).isFalse();
        assertThat(o.colour(null, "dumb", true)).isFalse();
        assertThat(o.colour(null, "xterm", false)).isFalse();
    }

    @Test
    void alwaysAndNever_overrideTheTerminal_andAnythingElseIsAUsageError() {
        ReportOptions o = new ReportOptions();
        o.color = "always";
        assertThat(o.colour("1", "dumb", false)).isTrue();
        o.color = "never";
        assertThat(o.colour(null, "xterm", true)).isFalse();
        o.color = "sometimes";
        assertThatThrownBy(() -> o.colour(null, "xterm", true)).isInstanceOf(Cli.UsageProblem.class);
    }

    @Test
    void colouredReport_keepsItsWidthWithoutTheCodes() {
        String sample = CliRun.repo().resolve("test-fixtures/sample").toString();
        CliRun r = CliRun.run("scan", "--rules", CliRun.repo().resolve("rules").toString(), "--tz",
                "America/New_York", "--no-history", "--color", "always", sample);
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("\u001b[1m").contains("\u001b[31m");
        r.out.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", ""))
                .forEach(l -> assertThat(l.codePointCount(0, l.length())).as(l).isLessThanOrEqualTo(120));
    }
}
