package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    @TempDir
    Path dir;

    private final String rules = CliRun.repo().resolve("rules").toString();

    @Test
    void parse_eximLineOnStdin_printsEventsV1Json() {
        CliRun r = CliRun.withStdin("2017-04-23 22:45:59 fixed_login authenticator failed for bad.host.example.com"
                + " [192.0.2.2]:54412 I=[192.0.2.6]:587: 535 Incorrect authentication data (set_id=user@example.com)\n",
                "parse", "--rules", rules, "--tz", "UTC", "-");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("\"time\":\"2017-04-23T22:45:59Z\"", "\"type\":\"auth_failure\"",
                "\"source\":\"exim\"", "\"rule\":\"exim.auth-failed\"", "\"ip\":\"192.0.2.2\"",
                "\"account\":\"user@example.com\"", "\"protocol\":\"smtp\"", "\"port\":587", "\"file\":\"-\"",
                "\"line\":1");
        assertThat(r.err).contains("read 1 lines from 1 file: 1 events");
    }

    @Test
    void parse_missingFile_exits4NamesPathAndReadsTheRest() throws IOException {
        Path good = dir.resolve("exim_mainlog");
        Files.writeString(good, "2013-06-12 13:18:11 login authenticator failed for (x) [198.51.100.86]: 535"
                + " Incorrect authentication data\n");
        CliRun r = CliRun.run("parse", "--rules", rules, good.toString(), dir.resolve("absent.log").toString());
        assertThat(r.code).isEqualTo(4);
        assertThat(r.err).contains("absent.log").contains("no such file");
        assertThat(r.out).contains("198.51.100.86");
    }

    @Test
    void parse_badRuleDir_exits3WithFileLineAndRule() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("rules/parsers"));
        Files.writeString(bad.resolve("x.yaml"), "source: x\ngate: ['a']\nrules:\n  - id: x.one\n    emits: nope\n"
                + "    pattern: 'a'\n");
        CliRun r = CliRun.withStdin("", "parse", "--rules", dir.resolve("rules").toString(), "-");
        assertThat(r.code).isEqualTo(3);
        assertThat(r.err).contains("x.yaml:5: rule x.one: emits 'nope' is not one of");
    }

    @Test
    void parse_badZone_exits2() {
        CliRun r = CliRun.withStdin("", "parse", "--rules", rules, "--tz", "Mars/Olympus", "-");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--tz Mars/Olympus is not a zone");
    }

    @Test
    void help_listsExitCodes() {
        CliRun r = CliRun.run("parse", "--help");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("Exit Codes:", "4", "could not be read");
    }

    @Test
    void rulesTest_shippedRules_allPass() {
        CliRun r = CliRun.run("rules", "test", "--rules", rules);
        assertThat(r.out).contains("0 failed");
        assertThat(r.code).isZero();
    }

    @Test
    void rulesCheck_line_saysWhichRule() {
        CliRun r = CliRun.run("rules", "check", "--rules", rules, "--line",
                "2013-06-12 13:18:11 login authenticator failed for (x) [198.51.100.86]: 535 Incorrect authentication data");
        assertThat(r.out).contains("matched by exim.auth-failed");
    }
}
