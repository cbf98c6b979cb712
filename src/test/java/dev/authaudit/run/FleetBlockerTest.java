package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.act.firewall.ActionKind;
import dev.authaudit.act.firewall.ActionStatus;
import dev.authaudit.act.firewall.CsfRunner;
import dev.authaudit.act.firewall.FirewallAction;
import dev.authaudit.act.firewall.FirewallStore;
import dev.authaudit.act.firewall.PlannedAction;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import dev.authaudit.publish.FleetVerdictFeed;
import dev.authaudit.testing.FakeCsf;
import dev.authaudit.testing.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watch --fleet-verdicts --fleet-act block: the fleet's attacker verdicts become temporary csf blocks, run by a
 * fake csf (a script that writes each argument on a line of its own, so what it records is the argument list
 * exactly as the process got it), with the verdicts handed over by a fake feed.
 */
class FleetBlockerTest {
    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path dir;

    private Path db;
    private Path argv;
    private Path csf;
    private Path allow;
    private Path ignore;
    private Path tempban;
    private final TestClock clock = new TestClock(START);
    private final ScriptedVerdictFeed feed = new ScriptedVerdictFeed();
    private final StringWriter said = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        db = dir.resolve("state").resolve("authaudit.db");
        argv = dir.resolve("csf-argv.txt");
        csf = fakeCsf("csf", 0);
        allow = dir.resolve("csf.allow");
        ignore = dir.resolve("csf.ignore");
        tempban = dir.resolve("csf.tempban");
    }

    private Path fakeCsf(String name, int code) throws IOException {
        return FakeCsf.write(dir.resolve(name), argv, code, "csf says hello");
    }

    private List<List<String>> calls() throws IOException {
        return FakeCsf.calls(argv);
    }

    private FleetActSettings settings(boolean execute, int max, Duration ttl) {
        return new FleetActSettings(ttl, max, execute, csf.toString(), Duration.ofSeconds(10), List.of(allow, ignore),
                tempban);
    }

    /** One run of watch: a hook over a blocker on the state database (a new one is a restart). */
    private final class Run implements AutoCloseable {
        final FleetActionStore store = FleetActionStore.open(db);
        final FirewallStore lfd = FirewallStore.open(db);
        final NoticeLedger ledger = NoticeLedger.open(db);
        final FleetVerdictHook hook;

        Run(FleetActSettings s, Set<String> own) {
            FleetBlocker b = new FleetBlocker(s, store, new FleetNeverBlock(s.never(), own), lfd, ledger,
                    new CsfRunner(s.csf(), Map.of()), clock);
            hook = new FleetVerdictHook(feed, new PrintWriter(said, true), b);
        }

        Run(FleetActSettings s) {
            this(s, Set.of());
        }

        int poll() {
            return hook.poll(Duration.ZERO);
        }

        @Override
        public void close() {
            store.close();
            lfd.close();
            ledger.close();
        }
    }

    private static FleetVerdictFeed.Attacker attacker(String ip, long a, long b) {
        return new FleetVerdictFeed.Attacker(ip, ip + "/32", 0.9, Map.of("hostA", a, "hostB", b),
                List.of("tried 4 different logins"));
    }

    private static List<String> block(String ip, String ttlSeconds, String comment) {
        return List.of("-td", ip, ttlSeconds, comment);
    }

    @Test
    void execute_blocksWithATemporaryCsfBlock_theReasonFromTheFleetsData_recordedWithItsEnd() throws Exception {
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 3, 2)));
            assertThat(run.poll()).isEqualTo(1);
            assertThat(calls()).containsExactly(block("198.51.100.23", "86400",
                    "authaudit fleet attacker 5 failures on 2 servers hostA hostB"));
            FleetActionStore.Row row = run.store.lastBlock("198.51.100.23").orElseThrow();
            assertThat(row.status()).isEqualTo(ActionStatus.DONE);
            assertThat(row.exitCode()).isZero();
            assertThat(row.output()).isEqualTo("csf says hello");
            assertThat(row.until()).isEqualTo(START.plus(Duration.ofHours(24)));
            assertThat(row.failures()).isEqualTo(5);
            assertThat(row.servers()).isEqualTo(2);
            assertThat(row.reason()).contains("attacker fleet-wide at confidence 0.90, 5 failures on 2 servers"
                    + " (hostA 3, hostB 2)").contains("the fleet says: tried 4 different logins");
        }
        assertThat(said.toString()).contains("authaudit: fleet verdict: 198.51.100.23 attacker fleet-wide at confidence"
                + " 0.90, 5 failures on 2 servers (hostA 3, hostB 2); the fleet says: tried 4 different logins; blocked for 24h, until 2026-12-08T09:00:00Z:"
                + " csf -td 198.51.100.23 86400 \"authaudit fleet attacker 5 failures on 2 servers hostA hostB\"");
    }

    @Test
    void ttl_isTheConfiguredOne_andOutOfRangeIsRefused() throws Exception {
        try (Run run = new Run(settings(true, 20, Duration.ofMinutes(90)))) {
            feed.batches.add(List.of(attacker("203.0.113.9", 1, 1)));
            run.poll();
        }
        assertThat(calls()).singleElement().satisfies(c -> assertThat(c.get(2)).isEqualTo("5400"));
        assertThat(said.toString()).contains("blocked for 90m, until 2026-12-07T10:30:00Z");
        assertThatThrownBy(() -> settings(true, 20, Duration.ofDays(8))).isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("--fleet-block-ttl").hasMessageContaining("1m to 7d");
        assertThatThrownBy(() -> settings(true, 0, Duration.ofHours(1))).isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("--fleet-block-max");
    }

    @Test
    void idempotent_resentOrGrownVerdictsAndARestart_neverBlockAgainWhileTheBlockHolds() throws Exception {
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            feed.batches.add(List.of(attacker("198.51.100.23", 9, 2)));
            run.poll();
            run.poll();
            run.poll();
        }
        assertThat(calls()).hasSize(1);
        assertThat(said.toString()).contains("198.51.100.23 attacker fleet-wide at confidence 0.90, 11 failures on 2"
                + " servers (hostA 9, hostB 2); the fleet says: tried 4 different logins; already blocked by this hook until 2026-12-08T09:00:00Z (fleet action 1,"
                + " on 4 failures)");
        // a restart re-reads the whole (compacted) topic: nothing is blocked again
        clock.advance(Duration.ofHours(1));
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 9, 2)));
            assertThat(run.poll()).isEqualTo(1);
        }
        assertThat(calls()).hasSize(1);
        // once the block has ended, the same evidence is no reason to block again; new evidence is
        clock.advance(Duration.ofHours(24));
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
            assertThat(calls()).hasSize(1);
            assertThat(said.toString()).contains("its block by this hook ended at 2026-12-08T09:00:00Z and the fleet"
                    + " has no new evidence since (4 failures, as then), so it is not blocked again");
            feed.batches.add(List.of(attacker("198.51.100.23", 3, 2)));
            run.poll();
        }
        assertThat(calls()).hasSize(2);
    }

    @Test
    void crash_whileCsfRuns_leavesARowThatSaysSo_andTheNextRunTriesAgain() throws Exception {
        try (FleetActionStore store = FleetActionStore.open(db)) {
            FleetActionStore.Row r = store.record(START, "198.51.100.23", FleetActionStore.Kind.BLOCK,
                    ActionStatus.FAILED, START.plus(Duration.ofHours(24)), 4, 2, "csf -td 198.51.100.23 86400", "x");
            store.finish(r, ActionStatus.FAILED, null, "csf started; no result recorded (watch stopped while it ran)");
        }
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
        }
        assertThat(calls()).hasSize(1);
    }

    @Test
    void csfFailing_isRecordedAndSaid_withItsOutput() throws Exception {
        csf = fakeCsf("csf-broken", 1);
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
            FleetActionStore.Row row = run.store.lastBlock("198.51.100.23").orElseThrow();
            assertThat(row.status()).isEqualTo(ActionStatus.FAILED);
            assertThat(row.exitCode()).isEqualTo(1);
        }
        assertThat(said.toString()).contains("the block failed: csf -td 198.51.100.23 86400").contains("failed (exit 1):"
                + " csf says hello; it is tried again when the fleet's evidence grows or watch restarts");
    }

    @Test
    void brake_stopsActingPastTheMaximumAnHour_saysSoOnce_andHoldsAcrossARestart() throws Exception {
        try (Run run = new Run(settings(true, 3, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.1", 1, 1), attacker("198.51.100.2", 1, 1),
                    attacker("198.51.100.3", 1, 1), attacker("198.51.100.4", 1, 1), attacker("198.51.100.5", 1, 1)));
            run.poll();
            assertThat(run.store.lastBlock("198.51.100.4").orElseThrow().status()).isEqualTo(ActionStatus.DRY_RUN);
        }
        assertThat(calls()).extracting(c -> c.get(1)).containsExactly("198.51.100.1", "198.51.100.2", "198.51.100.3");
        String out = said.toString();
        assertThat(out).containsOnlyOnce("BRAKE ON: brake: 3 blocks by this hook in the last hour, --fleet-block-max 3;"
                + " this run acts on no more fleet verdicts (dry runs instead) until watch is restarted; dry run: csf"
                + " -td 198.51.100.4 86400");
        assertThat(out).contains("198.51.100.5 attacker").contains("; brake: 3 blocks by this hook in the last hour");
        // a restart within the hour: the count is in the state
        clock.advance(Duration.ofMinutes(30));
        try (Run run = new Run(settings(true, 3, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.6", 1, 1)));
            run.poll();
        }
        assertThat(calls()).hasSize(3);
        // an hour later the brake has room again (after a restart)
        clock.advance(Duration.ofMinutes(31));
        try (Run run = new Run(settings(true, 3, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.6", 1, 1)));
            run.poll();
        }
        assertThat(calls()).hasSize(4);
    }

    @Test
    void neverBlocked_allowIgnoreLfdHookCustomerPrivateOwnAndLoggedInHere() throws Exception {
        Files.writeString(allow, "# csf.allow\n203.0.113.0/24 # office - Mon Dec  7 08:00:00 2026\n"
                + "tcp|in|d=465|s=192.0.2.99 # a partner on 465 only\nmail.example.com # a host name\n");
        Files.writeString(ignore, "198.51.100.7\n");
        try (FirewallStore lfd = FirewallStore.open(db)) {
            lfd.recordAction(1, "198.51.100.40", new PlannedAction(ActionKind.ALLOW, FirewallAction.allow(
                    "198.51.100.40", Duration.ofHours(1), "stale_password carol"), "stale_password for carol"),
                    ActionStatus.DONE, null, START.minus(Duration.ofDays(1)));
        }
        String customer = "198.51.100.50";
        String noticed = "198.51.100.90";
        try (NoticeLedger l = NoticeLedger.open(db)) {
            dev.authaudit.act.notice.NoticeCandidate c = new dev.authaudit.act.notice.NoticeCandidate("bob@example.com",
                    "stale_password", 0.93, START, true, false, false, null,
                    dev.authaudit.act.notice.DeviceSeen.of(noticed, Protocol.IMAP, 993, "iPhone"),
                    START.minusSeconds(3600), START, 42, null,
                    dev.authaudit.act.notice.IncidentKey.of("bob@example.com", noticed, START.minusSeconds(3600)));
            new dev.authaudit.act.notice.NoticeOutbox(l, dev.authaudit.act.notice.RecipientResolver.mailboxOnly(),
                    dev.authaudit.act.notice.NoticePolicy.defaults(), clock).enqueue(c,
                    dev.authaudit.act.notice.DeliveryMode.DRAFTS);
        }
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)), Set.of("198.51.100.60"))) {
            run.hook.onEvent(new AuthSuccess(OffsetDateTime.parse("2026-12-07T08:00:00Z"),
                    new Origin("exim", "exim.login", "exim_mainlog", 1, null, false), customer, "carol@example.com",
                    Protocol.SMTP, 465, null, "plain", "office", "198.51.100.70"));
            feed.batches.add(List.of(attacker("203.0.113.44", 1, 1), attacker("192.0.2.99", 1, 1),
                    attacker("198.51.100.7", 1, 1), attacker("198.51.100.40", 1, 1), attacker("10.1.2.3", 1, 1),
                    attacker("127.0.0.1", 1, 1), attacker("100.64.1.1", 1, 1), attacker("::1", 1, 1),
                    attacker("fd00::1", 1, 1), attacker("::ffff:192.168.1.1", 1, 1), attacker("198.51.100.60", 1, 1),
                    attacker(customer, 1, 1), attacker("198.51.100.70", 1, 1), attacker(noticed, 1, 1)));
            assertThat(run.poll()).isEqualTo(14);
            assertThat(run.store.since(START).stream().map(FleetActionStore.Row::kind).distinct())
                    .containsExactly(FleetActionStore.Kind.REFUSED);
        }
        assertThat(calls()).isEmpty();
        String out = said.toString();
        assertThat(out).contains("203.0.113.44 attacker").contains("not acted on: it is in csf.allow:2 (203.0.113.0/24)");
        assertThat(out).contains("not acted on: it is in csf.allow:3 (192.0.2.99)");
        assertThat(out).contains("not acted on: it is in csf.ignore:1 (198.51.100.7)");
        assertThat(out).contains("not acted on: the lfd hook chose to allow it at 2026-12-06T09:00:00Z as a customer's"
                + " device (stale_password for carol)");
        assertThat(out).contains("10.1.2.3 attacker").contains("it is a private address");
        assertThat(out).contains("not acted on: it is a loopback address");
        assertThat(out).contains("fd00::1 attacker").contains("it is a private (unique-local) address");
        assertThat(out).contains("198.51.100.60 attacker").contains("it is one of this server's own addresses");
        assertThat(out).contains(customer + " attacker").contains("not acted on: it logged in successfully on this"
                + " server, so it is a customer's address here");
        assertThat(out).contains("198.51.100.70 attacker").contains("this server's logs name it as one of its own");
        assertThat(out).contains(noticed + " attacker").contains("not acted on: the notice ledger knows it as a"
                + " stale-password customer's device (notice 1, queued)").doesNotContain("bob@example.com");
        assertThat(out).doesNotContain("blocked for").doesNotContain("dry run");

        // the admin allows an address while watch runs: honoured at once
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            Files.writeString(allow, "198.51.100.80\n", java.nio.file.StandardOpenOption.APPEND);
            Files.setLastModifiedTime(allow, FileTime.from(Instant.now().plusSeconds(5)));
            feed.batches.add(List.of(attacker("198.51.100.80", 1, 1)));
            run.poll();
        }
        assertThat(calls()).isEmpty();
        assertThat(said.toString()).contains("it is in csf.allow:5 (198.51.100.80)");
    }

    @Test
    void dryRun_withoutExecute_recordsWhatWouldRun_onceUntilTheEvidenceGrows_andRunsNothing() throws Exception {
        try (Run run = new Run(settings(false, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
        }
        try (Run run = new Run(settings(false, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
            assertThat(run.store.since(START)).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(ActionStatus.DRY_RUN);
                assertThat(r.command()).isEqualTo("csf -td 198.51.100.23 86400 \"authaudit fleet attacker 4 failures"
                        + " on 2 servers hostA hostB\"");
            });
        }
        assertThat(calls()).isEmpty();
        assertThat(said.toString()).contains("dry run: --fleet-act block would run csf -td 198.51.100.23 86400"
                + " \"authaudit fleet attacker 4 failures on 2 servers hostA hostB\" (a block for 24h); nothing was run"
                + " without --execute (fleet action 1)").contains("dry run already recorded at 2026-12-07T09:00:00Z"
                + " (fleet action 1)");
        // then with --execute: a dry run is no block, so it is blocked now
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
        }
        assertThat(calls()).hasSize(1);
    }

    @Test
    void hostileFields_neverReachCsfAsAnythingButOneSafeComment_norTheTerminalRaw() throws Exception {
        FleetVerdictFeed.Attacker evil = new FleetVerdictFeed.Attacker("2001:DB8::7", "2001:db8::/48", 0.95,
                Map.of("-rf", 1L, "a$(touch /tmp/pwned);b", 2L, "host\u001b[2J\nFAKE", 3L, "x\"y#z`id`", 4L),
                List.of("line one\nauthaudit: fleet verdict: 1.2.3.4 blocked \u001b[31m"));
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(evil));
            run.poll();
        }
        List<List<String>> c = calls();
        assertThat(c).singleElement().satisfies(a -> {
            assertThat(a).hasSize(4);
            assertThat(a.subList(0, 3)).containsExactly("-td", "2001:db8::7", "86400");
            assertThat(a.get(3)).startsWith("authaudit fleet attacker 10 failures on 4 servers")
                    .matches("[A-Za-z0-9 @._+=:,]{1,100}");
        });
        String out = said.toString();
        assertThat(out).doesNotContain("\u001b").doesNotContain("\nFAKE").doesNotContain("\nauthaudit: fleet verdict:"
                + " 1.2.3.4");
        assertThat(out.lines()).allSatisfy(l -> assertThat(l).startsWith("authaudit: "));
        assertThat(Files.exists(Path.of("/tmp/pwned"))).isFalse();
    }

    @Test
    void withdrawn_liftsOnlyWhatThisHookBlocked_whenCsfHoldsNoOtherBlockOfIt_elseLeavesItToTheTtl() throws Exception {
        String ip = "198.51.100.23";
        String other = "198.51.100.24";
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker(ip, 2, 2), attacker(other, 2, 2)));
            run.poll();
            long epoch = START.getEpochSecond();
            Files.writeString(tempban, epoch + "|" + ip + "||in|86400|authaudit fleet attacker 4 failures on 2 servers"
                    + " hostA hostB\n" + epoch + "|" + other + "||in|86400|authaudit fleet attacker 4 failures\n"
                    + epoch + "|" + other + "|465|in|3600|lfd: (smtpauth) Failed SMTP AUTH login from " + other + "\n");
            clock.advance(Duration.ofMinutes(10));
            feed.withdrawals.add(List.of(new FleetVerdictFeed.Withdrawn(ip, "customer"),
                    new FleetVerdictFeed.Withdrawn(other, "unknown"),
                    new FleetVerdictFeed.Withdrawn("198.51.100.99", "customer")));
            assertThat(run.poll()).isEqualTo(2);
            // the same withdrawal again (a restart re-reads the topic) says nothing more
            feed.withdrawals.add(List.of(new FleetVerdictFeed.Withdrawn(ip, "customer")));
            assertThat(run.poll()).isZero();
            // the fleet judges it an attacker again on the evidence it had: not blocked again
            feed.batches.add(List.of(attacker(ip, 2, 2)));
            run.poll();
        }
        assertThat(calls()).containsExactly(block(ip, "86400", "authaudit fleet attacker 4 failures on 2 servers hostA"
                + " hostB"), block(other, "86400", "authaudit fleet attacker 4 failures on 2 servers hostA hostB"),
                List.of("-tr", ip));
        String out = said.toString();
        assertThat(out).contains("authaudit: fleet verdict withdrawn: " + ip + " is no longer an attacker fleet-wide"
                + " (now customer); the fleet now judges it customer; lifted its block (fleet action 1): csf -tr " + ip);
        assertThat(out).contains("authaudit: fleet verdict withdrawn: " + other + " is no longer an attacker fleet-wide"
                + " (now unknown); the fleet now judges it unknown; its block (fleet action 2) is left to its TTL, until"
                + " 2026-12-08T09:00:00Z: csf also holds a temporary block of it that this hook did not make"
                + " (csf.tempban:3: lfd: (smtpauth) Failed SMTP AUTH login from " + other + "), which csf -tr would"
                + " lift too");
        assertThat(out).doesNotContain("198.51.100.99");
        assertThat(out).contains("its block by this hook was lifted at 2026-12-07T09:10:00Z and the fleet has no new"
                + " evidence since");
    }

    @Test
    void withdrawn_withoutTheTempbanFile_leavesTheBlockToItsTtl_andSaysWhy() throws Exception {
        try (Run run = new Run(settings(true, 20, Duration.ofHours(24)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
            feed.withdrawals.add(List.of(new FleetVerdictFeed.Withdrawn("198.51.100.23", "customer")));
            run.poll();
        }
        assertThat(calls()).hasSize(1);
        assertThat(said.toString()).contains("is left to its TTL, until 2026-12-08T09:00:00Z: cannot read csf's"
                + " temporary blocks (" + tempban + ")");
    }

    @Test
    void withoutFleetAct_theDryRunSaysWhatABlockHookWouldDo_asBefore() {
        FleetVerdictHook hook = new FleetVerdictHook(feed, new PrintWriter(said, true));
        feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
        feed.withdrawals.add(List.of());
        hook.poll(Duration.ZERO);
        feed.withdrawals.add(List.of(new FleetVerdictFeed.Withdrawn("198.51.100.23", "customer")));
        hook.poll(Duration.ZERO);
        assertThat(said.toString()).contains("dry run: a block hook would block it (csf -d 198.51.100.23); nothing was"
                + " run").contains("authaudit: fleet verdict withdrawn: 198.51.100.23 is no longer an attacker"
                + " fleet-wide (now customer); nothing had been run");
    }
}
