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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LfdBlockCommandTest {
    private static final Path SCENARIOS = CliRun.repo().resolve("test-fixtures/scenarios");
    private static final String RULES = CliRun.repo().resolve("rules").toString();
    private static final String FRANK = "198.51.100.60";

    @TempDir
    Path dir;

    @Test
    void hook_portScanOfOnePort_isClosedPortAndActsOnNothingUnknown() throws IOException {
        String kernel = Files.readString(SCENARIOS.resolve("port-scan-587/messages"));
        Run r = hook(Instant.parse("2025-03-31T11:28:13Z"), null, "--act", "lift,allow", "--execute",
                "--csf", dir.resolve("no-csf").toString(), "--",
                "198.51.100.23", "*", "0", "in", "3600",
                "*Port Scan* detected from 198.51.100.23 (US/United States/-). 11 hits in the last 73 seconds",
                kernel, "PS_LIMIT");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("198.51.100.23 (PS_LIMIT, temporary): closed_port", "lift skipped");
        try (FirewallStore s = FirewallStore.open(dir.resolve("state/authaudit.db"))) {
            List<String> row = s.blockRow(1);
            assertThat(row.get(2)).isEqualTo("closed_port");
            assertThat(row.get(6)).contains("all to port 587", "SYN retransmissions", "never got far enough");
            assertThat(s.actions(Instant.EPOCH)).extracting(ActionRecord::status)
                    .containsOnly(ActionStatus.SKIPPED);
            assertThat(s.actions(Instant.EPOCH).get(0).reason()).contains("no customer login");
        }
    }

    @Test
    void hook_imapdBlockOfStalePhone_isExplainedFromStateAndLiftedOnceTold() throws IOException {
        scanFrankIntoState();
        FakeCsf csf = FakeCsf.install(dir.resolve("csf"), "echo csf: ok");
        Instant at = Instant.parse("2025-03-31T11:10:20Z");
        Run before = hook(at, null, imapdBlock("--act", "lift,allow", "--execute", "--csf", csf.path().toString()));
        assertThat(before.out).as(before.err).contains("stale_password (frank@example.org)", "lift skipped",
                "allow skipped");
        assertThat(csf.calls()).isEmpty();

        try (NoticeLedger ledger = NoticeLedger.open(dir.resolve("state/authaudit.db"))) {
            NoticeRecord n = ledger.list().get(0);
            assertThat(n.blockedIp()).isEqualTo(FRANK); // the hook noted the block on the notice
            ledger.released(n.id(), NoticeStatus.SENT, at.minusSeconds(600), "<id@example>", "accepted by test");
        }
        Run after = hook(at.plusSeconds(5), null, imapdBlock("--act", "lift,allow", "--execute", "--allow-ttl", "2h",
                "--csf", csf.path().toString()));
        assertThat(after.out).contains("lift done", "allow done");
        assertThat(csf.calls()).containsExactly(List.of("-tr", FRANK),
                List.of("-ta", FRANK, "7200", "authaudit stale_password frank@example.org"));
    }

    @Test
    void hook_garbageAndHostileArguments_exit0AndRunNothing() throws IOException {
        FakeCsf csf = FakeCsf.install(dir.resolve("csf"), "");
        Path pwned = dir.resolve("pwned");
        List<List<String>> cases = new ArrayList<>();
        cases.add(List.of());
        cases.add(List.of("only", "three", "args"));
        cases.add(List.of("$(touch " + pwned + ")", "*", "0", "in", "3600", "m", " ", "LF_SMTPAUTH"));
        cases.add(List.of("192.0.2.7; touch " + pwned, "*", "1", "inout", "1", "m", " ", "LF_SMTPAUTH"));
        cases.add(List.of("192.0.2.7", "25,x", "0", "in", "3600", "m", " ", "LF_SMTPAUTH"));
        cases.add(List.of("192.0.2.7", "*", "yes", "in", "3600", "m", " ", "LF_SMTPAUTH"));
        cases.add(List.of("192.0.2.7", "*", "0", "sideways", "3600", "m", " ", "LF_SMTPAUTH"));
        cases.add(List.of("192.0.2.7", "*", "0", "in", "-5", "m", " ", "LF_SMTPAUTH"));
        cases.add(List.of("192.0.2.7", "*", "0", "in", "3600", "m", " ", "lf_smtpauth`reboot`"));
        // options inside lfd's arguments are text, never options
        cases.add(List.of("192.0.2.7", "*", "0", "in", "3600", "--act", "--execute", "LF_SMTPAUTH"));
        cases.add(List.of("192.0.2.7", "*", "0", "inout", "3600",
                "(smtpauth) Failed SMTP AUTH login from 192.0.2.7 (x\u202e\n--execute): 5 in the last 3600 secs",
                "\u0000\u001b[31m 2025-03-31 11:00:00 login authenticator failed for ([192.0.2.9]) [192.0.2.7]:1: 535"
                        + " Incorrect authentication data (set_id=$(reboot))\n" + "x".repeat(100_000), "LF_SMTPAUTH"));
        for (List<String> args : cases) {
            List<String> all = new ArrayList<>(List.of("--act", "lift,allow", "--csf", csf.path().toString()));
            all.addAll(args);
            Run r = hook(Instant.parse("2025-03-31T11:10:20Z"), null, all.toArray(String[]::new));
            assertThat(r.code).as(String.join("|", args)).isZero();
        }
        assertThat(csf.calls()).isEmpty();
        assertThat(Files.exists(pwned)).isFalse();
        try (FirewallStore s = FirewallStore.open(dir.resolve("state/authaudit.db"))) {
            assertThat(s.blockRow(1).get(5)).contains("expected 8 arguments");
            assertThat(s.blockRow(3).get(5)).contains("argument 1", "is not an IP address");
            // "--act" and "--execute" after the address were taken as lfd's MESSAGE and LOGS, not as options
            assertThat(s.blockRow(10).subList(0, 2)).containsExactly("192.0.2.7", "LF_SMTPAUTH");
            assertThat(s.blockRow(11).get(0)).isEqualTo("192.0.2.7");
            assertThat(s.actions(Instant.EPOCH)).allMatch(a -> a.status() == ActionStatus.SKIPPED);
        }
    }

    @Test
    void hook_stateHeldByAnotherHook_waitsItsTurnWithinTheDeadlineThenSaysWhy() throws IOException {
        String[] block = {"192.0.2.7", "*", "0", "in", "3600", "m", " ", "LF_SMTPAUTH"};
        Instant at = Instant.parse("2025-03-31T11:10:20Z");
        try (dev.authaudit.state.StateLock other = dev.authaudit.state.StateLock.take(
                dir.resolve("state/authaudit.db"), "hook", "authaudit hook lfd-block", Duration.ZERO)) {
            Run r = hook(at, new Stub(null, Duration.ofMillis(1500)), block);
            assertThat(r.code).isZero();
            assertThat(r.err).contains("in use by authaudit hook lfd-block, pid", "the block itself is unaffected");
        }
        Run r = hook(at, new Stub(null, Duration.ofMillis(5000)), block);
        assertThat(r.code).as(r.err).isZero();
        try (FirewallStore s = FirewallStore.open(dir.resolve("state/authaudit.db"))) {
            // the first hook could not take its turn: lfd throws its stderr away, so it records that for
            // 'hook log' (and nothing else); the second hook records the block
            assertThat(s.blockRow(1).get(0)).isNull();
            assertThat(s.blockRow(1).get(5)).contains("in use by authaudit hook lfd-block");
            assertThat(s.blockRow(2).get(0)).isEqualTo("192.0.2.7");
        }
    }

    @Test
    void hook_slowCsf_returnsAtTheDeadlineWithExit0() throws Exception {
        scanFrankIntoState();
        try (NoticeLedger ledger = NoticeLedger.open(dir.resolve("state/authaudit.db"))) {
            NoticeRecord n = ledger.list().get(0);
            ledger.released(n.id(), NoticeStatus.SENT, Instant.parse("2025-03-31T11:00:00Z"), "<id>", "accepted");
        }
        CountDownLatch called = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dev.authaudit.act.firewall.Csf stuck = (action, timeout) -> {
            called.countDown();
            try {
                release.await(); // a csf that never returns until the test lets it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new dev.authaudit.act.firewall.ActionOutcome(ActionStatus.DONE, 0, "");
        };
        try {
            Run r = hook(Instant.parse("2025-03-31T11:10:20Z"), new Stub(stuck, Duration.ofMillis(1500)),
                    imapdBlock("--act", "lift", "--execute"));
            assertThat(called.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(r.code).isZero();
            assertThat(r.err).contains("hook gave up after 1500 ms");
            try (FirewallStore s = FirewallStore.open(dir.resolve("state/authaudit.db"))) {
                assertThat(s.calls(Instant.EPOCH, 10)).anyMatch(c -> c.rejected()
                        && c.problem().startsWith("hook gave up after 1500 ms"));
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void hookLog_blocksRejectionsAndActions_showsWhatTheHookRecordedAndDid() throws IOException {
        scanFrankIntoState();
        FakeCsf csf = FakeCsf.install(dir.resolve("csf"), "echo csf: ok");
        Instant at = Instant.parse("2025-03-31T11:10:20Z");
        hook(at, null, imapdBlock("--act", "lift", "--csf", csf.path().toString()));
        hook(at.plusSeconds(1), null, "--", "only", "three", "args");
        hook(at.plusSeconds(2), null, "--", "192.0.2.7", "*", "0", "in", "3600", "m \u001b]0;x\u0007", " ",
                "LF_SMTPAUTH");
        Run r = hookLog(at.plusSeconds(60), "--state", dir.resolve("state").toString(), "--tz", "UTC");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).startsWith("lfd hook since 2025-03-24 11:11:20: 3 calls, 1 rejected, 0 with problems, 1 action");
        // newest first
        assertThat(r.out.indexOf("#3  192.0.2.7")).isLessThan(r.out.indexOf("#2  rejected"))
                .isLessThan(r.out.indexOf("#1  " + FRANK));
        assertThat(r.out).contains("2025-03-31 11:10:21  #2  rejected: expected 8 arguments",
                "2025-03-31 11:10:20  #1  " + FRANK + "  LF_IMAPD, temporary 1h, ports 143,993, 10 log lines",
                "#3  192.0.2.7  LF_SMTPAUTH, temporary 1h, all ports, 0 log lines", "cause:   unknown (0.30)",
                "cause:   stale_password", "login frank@example.org (a known customer), notice drafted",
                "action:  lift skipped");
        assertThat(r.out).doesNotContain("\u001b", "\u0007");
        assertThat(r.out.lines()).allMatch(l -> l.length() <= 120);
        assertThat(csf.calls()).isEmpty();
    }

    @Test
    void hookLogWithLfdLog_blockThatNeverReachedTheHook_isListed() throws IOException {
        scanFrankIntoState();
        Instant at = Instant.parse("2025-03-31T11:10:20Z");
        hook(at, null, imapdBlock());
        Path lfd = dir.resolve("lfd.log");
        Files.writeString(lfd, String.join("\n",
                "Mar 31 11:10:19 vps lfd[4242]: (imapd) Failed IMAP login from " + FRANK + " (US/United States/-):"
                        + " 10 in the last 3600 secs - *Blocked in csf* for 3600 secs [LF_IMAPD]",
                "Mar 31 11:30:02 vps lfd[4250]: (smtpauth) Failed SMTP AUTH login from 192.0.2.99 (NL/Netherlands/-):"
                        + " 5 in the last 3600 secs - *Blocked in csf* for 3600 secs [LF_SMTPAUTH]",
                "Mar 20 09:00:00 vps lfd[4100]: (smtpauth) Failed SMTP AUTH login from 192.0.2.98 (NL/Netherlands/-):"
                        + " 5 in the last 3600 secs - *Blocked in csf* for 3600 secs [LF_SMTPAUTH]", ""));
        Run r = hookLog(at.plusSeconds(3600), "--state", dir.resolve("state").toString(), "--tz", "UTC", "--year",
                "2025", "--rules", RULES, "--lfd-log", lfd.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains(lfd + ": 2 blocks since 2025-03-24 12:10:20, 1 reached the hook, 1 did not:",
                "  2025-03-31 11:30:02  192.0.2.99  LF_SMTPAUTH: no hook call recorded",
                "BLOCK_REPORT does not reach authaudit").doesNotContain("192.0.2.98");
    }

    @Test
    void hook_failureInsideTheHook_isRecordedForHookLog() {
        // a state path that is a file cannot hold a database: the hook fails, says so, still exits 0
        Run r = hook(Instant.parse("2025-03-31T11:10:20Z"), null, "--db", dir.toString(), "--", "192.0.2.7", "*",
                "0", "in", "3600", "m", " ", "LF_SMTPAUTH");
        assertThat(r.code).isZero();
        assertThat(r.err).contains("hook failed");
    }

    @Test
    void hookLog_nothingRecorded_saysHowToCheckTheWiring() {
        Run r = hookLog(Instant.parse("2025-03-31T11:10:20Z"), "--state", dir.resolve("none").toString());
        assertThat(r.code).isZero();
        assertThat(r.out).contains("The lfd hook has recorded nothing", "BLOCK_REPORT does not reach authaudit",
                "Wiring lfd's BLOCK_REPORT");
    }

    private Run hookLog(Instant now, String... args) {
        List<String> all = new ArrayList<>(List.of("hook", "log"));
        all.addAll(List.of(args));
        CliCall c = CliCall.run(Clock.fixed(now, ZoneOffset.UTC), all.toArray(String[]::new));
        return new Run(c.code(), c.out(), c.err());
    }

    private String[] imapdBlock(String... options) throws IOException {
        List<String> lines;
        try (Stream<String> s = Files.lines(SCENARIOS.resolve("imap-only/maillog"))) {
            lines = s.filter(l -> l.contains("imap-login: Disconnected")).toList();
        }
        String logs = String.join("\n", lines.subList(lines.size() - 10, lines.size()));
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of("--", FRANK, "143,993", "0", "in", "3600",
                "(imapd) Failed IMAP login from " + FRANK + " (US/United States/-): 10 in the last 3600 secs", logs,
                "LF_IMAPD"));
        return all.toArray(String[]::new);
    }

    private void scanFrankIntoState() {
        CliRun scan = CliRun.run("scan", "--rules", RULES, "--year", "2025", "--tz", "UTC", "--notify", "drafts",
                "--notice-from", "Hosting <support@example.net>", "--notice-server-name", "mail1.example.net",
                "--notice-help-url", "https://example.net/help", "--state", dir.resolve("state").toString(),
                SCENARIOS.resolve("imap-only").toString());
        assertThat(scan.code).as(scan.err).isZero();
    }

    /** Test stand-ins the command takes instead of its options. */
    private record Stub(dev.authaudit.act.firewall.Csf csf, Duration budget) {
    }

    private record Run(int code, String out, String err) {
    }

    private Run hook(Instant now, Stub stub, String... args) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Context context = new Context(new ByteArrayInputStream(new byte[0]), clock);
        LfdBlockCommand cmd = stub == null ? new LfdBlockCommand(context)
                : new LfdBlockCommand(context, stub.csf(), stub.budget());
        CommandLine cl = new CommandLine(cmd);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--rules", RULES, "--tz", "UTC", "--state",
                dir.resolve("state").toString()));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
