package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.act.firewall.ActionRecord;
import dev.authaudit.act.firewall.ActionStatus;
import dev.authaudit.act.firewall.FakeCsf;
import dev.authaudit.act.firewall.FirewallStore;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.act.notice.NoticeStatus;
import dev.authaudit.testing.CliCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hook lfd-block --config}: the file's state, rules, zone and csf settings, the command line winning. */
class LfdBlockConfigTest {
    private static final Path SCENARIOS = CliRun.repo().resolve("test-fixtures/scenarios");
    private static final String RULES = CliRun.repo().resolve("rules").toString();
    private static final String FRANK = "198.51.100.60";
    private static final Instant AT = Instant.parse("2025-03-31T11:10:20Z");

    @TempDir
    Path dir;

    @Test
    void configFile_suppliesStateRulesZoneAndCsfCommand_theCommandLineWins() throws IOException {
        Path state = dir.resolve("state-from-file");
        toldFrank(state);
        FakeCsf fileCsf = FakeCsf.install(dir.resolve("csf-file"), "echo csf: ok");
        Path cfg = config(state, "csf_command: " + fileCsf.path() + "\ncsf_timeout: 5s\n");

        // nothing but --config: the state, the rules and the zone all come from the file
        CliCall r = hook(AT, "--config", cfg.toString(), "--act", "lift", "--execute");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as(r.err()).contains("stale_password (frank@example.org)", "lift done");
        assertThat(fileCsf.calls()).containsExactly(List.of("-tr", FRANK));
        try (FirewallStore s = FirewallStore.open(state.resolve("authaudit.db"))) {
            assertThat(s.blockRow(1).get(0)).isEqualTo(FRANK);
        }

        // --csf on the command line wins over csf_command
        FakeCsf cliCsf = FakeCsf.install(dir.resolve("csf-cli"), "echo csf: ok");
        CliCall again = hook(AT.plusSeconds(5), "--config", cfg.toString(), "--act", "lift", "--execute",
                "--csf", cliCsf.path().toString());
        assertThat(again.out()).as(again.err()).contains("lift done");
        assertThat(cliCsf.calls()).containsExactly(List.of("-tr", FRANK));
        assertThat(fileCsf.calls()).hasSize(1);
    }

    @Test
    void configFile_csfTimeout_killsASlowCsf_unlessTheCommandLineGivesMore() throws IOException {
        Path state = dir.resolve("state");
        toldFrank(state);
        FakeCsf slow = FakeCsf.install(dir.resolve("csf"), "sleep 2");
        Path cfg = config(state, "csf_command: " + slow.path() + "\ncsf_timeout: 300ms\n");

        CliCall r = hook(AT, "--config", cfg.toString(), "--act", "lift", "--execute");
        assertThat(r.code()).as(r.err()).isZero();
        try (FirewallStore s = FirewallStore.open(state.resolve("authaudit.db"))) {
            List<ActionRecord> actions = s.actions(Instant.EPOCH);
            assertThat(actions).extracting(ActionRecord::status).containsExactly(ActionStatus.TIMED_OUT);
            assertThat(actions.get(0).output()).contains("killed after 300 ms");
        }
        CliCall longer = hook(AT.plusSeconds(5), "--config", cfg.toString(), "--act", "lift", "--execute",
                "--csf-timeout", "5s");
        assertThat(longer.out()).as(longer.err()).contains("lift done");
    }

    @Test
    void badConfigFile_stopsTheCallWithWhatToFix_recordedWhereTheCommandLineSays_exit0() throws IOException {
        FakeCsf csf = FakeCsf.install(dir.resolve("csf"), "echo csf: ok");
        Path cfg = dir.resolve("authaudit.yaml");
        Files.writeString(cfg, "csf_command: " + csf.path() + "\ncsf_timeout: 5 minutes\n");
        Path state = dir.resolve("state");
        CliCall r = hook(AT, "--config", cfg.toString(), "--state", state.toString(), "--rules", RULES, "--act",
                "lift", "--execute");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains(cfg + ": csf_timeout: '5 minutes' is not valid; expected a duration such as 250ms,"
                + " 90s, 10m, 2h or PT10M", "hook failed: nothing done; fix the file given with --config: " + cfg);
        assertThat(csf.calls()).isEmpty();
        try (FirewallStore s = FirewallStore.open(state.resolve("authaudit.db"))) {
            assertThat(s.calls(Instant.EPOCH, 10)).singleElement().satisfies(c -> {
                assertThat(c.rejected()).isTrue();
                assertThat(c.problem()).contains("csf_timeout: '5 minutes' is not valid");
            });
        }

        Path missing = dir.resolve("nowhere.yaml");
        CliCall none = hook(AT, "--config", missing.toString(), "--state", state.toString());
        assertThat(none.code()).isZero();
        assertThat(none.err()).contains(missing + ": no such file");
    }

    @Test
    void help_namesTheConfigOption() {
        CliCall r = CliCall.run(Clock.systemUTC(), "hook", "lfd-block", "--help");
        assertThat(r.out()).contains("--config=FILE", "csf_command");
    }

    /** A config file of the scenario's rules, zone and year, this state folder, and {@code more}. */
    private Path config(Path state, String more) throws IOException {
        Path cfg = dir.resolve("authaudit.yaml");
        Files.writeString(cfg, "rules: " + RULES + "\ntz: UTC\nyear: 2025\nstate:\n  dir: " + state + "\n" + more);
        return cfg;
    }

    /** Frank's stale phone scanned into {@code state}, his notice sent: the hook may lift his block. */
    private void toldFrank(Path state) {
        CliRun scan = CliRun.run("scan", "--rules", RULES, "--year", "2025", "--tz", "UTC", "--notify", "drafts",
                "--notice-from", "Hosting <support@example.net>", "--notice-server-name", "mail1.example.net",
                "--notice-help-url", "https://example.net/help", "--state", state.toString(),
                SCENARIOS.resolve("imap-only").toString());
        assertThat(scan.code).as(scan.err).isZero();
        try (NoticeLedger ledger = NoticeLedger.open(state.resolve("authaudit.db"))) {
            NoticeRecord n = ledger.list().get(0);
            ledger.released(n.id(), NoticeStatus.SENT, AT.minusSeconds(600), "<id@example>", "accepted by test");
        }
    }

    private static CliCall hook(Instant now, String... options) throws IOException {
        List<String> lines;
        try (Stream<String> s = Files.lines(SCENARIOS.resolve("imap-only/maillog"))) {
            lines = s.filter(l -> l.contains("imap-login: Disconnected")).toList();
        }
        List<String> all = new ArrayList<>(List.of("hook", "lfd-block"));
        all.addAll(List.of(options));
        all.addAll(List.of("--", FRANK, "143,993", "0", "in", "3600",
                "(imapd) Failed IMAP login from " + FRANK + " (US/United States/-): 10 in the last 3600 secs",
                String.join("\n", lines.subList(lines.size() - 10, lines.size())), "LF_IMAPD"));
        return CliCall.run(Clock.fixed(now, ZoneOffset.UTC), all.toArray(String[]::new));
    }
}
