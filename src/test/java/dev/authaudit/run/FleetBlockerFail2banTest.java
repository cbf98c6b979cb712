package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.act.firewall.ActionStatus;
import dev.authaudit.act.firewall.FirewallStore;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.publish.FleetVerdictFeed;
import dev.authaudit.testing.FakeCsf;
import dev.authaudit.testing.FakeFail2ban;
import dev.authaudit.testing.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watch --fleet-verdicts --fleet-act block --fleet-act-with fail2ban: the fleet's attacker verdicts become bans in the
 * fleet's own jail ({@code fail2ban-client set JAIL banip IP}), run by a fake fail2ban-client (a script that writes
 * each argument on a line of its own), with the same policy as csf's: dry run by default, recorded, once, the brake,
 * never an address fail2ban's ignoreip names.
 */
class FleetBlockerFail2banTest {
    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
    private static final String JAIL = "authaudit-fleet";

    @TempDir
    Path dir;

    private Path db;
    private Path argv;
    private Path client;
    private Path conf;
    private final TestClock clock = new TestClock(START);
    private final ScriptedVerdictFeed feed = new ScriptedVerdictFeed();
    private final StringWriter said = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        db = dir.resolve("state").resolve("authaudit.db");
        argv = dir.resolve("fail2ban-argv.txt");
        client = FakeFail2ban.write(dir.resolve("fail2ban-client"), argv, "86400", "1", 0);
        conf = Files.createDirectories(dir.resolve("fail2ban"));
    }

    private FleetActSettings settings(boolean execute, Duration timeout) {
        return new FleetActSettings(Duration.ofHours(24), 20, execute, "/nonexistent/csf", Duration.ofSeconds(3),
                List.of(dir.resolve("csf.allow"), dir.resolve("csf.ignore")), null,
                new Fail2banSettings(client.toString(), timeout, JAIL, conf));
    }

    private FleetActSettings settings(boolean execute) {
        return settings(execute, Duration.ofSeconds(10));
    }

    /** One run of watch with fail2ban: a hook over a blocker on the state database (a new one is a restart). */
    private final class Run implements AutoCloseable {
        final FleetActionStore store = FleetActionStore.open(db);
        final FirewallStore lfd = FirewallStore.open(db);
        final NoticeLedger ledger = NoticeLedger.open(db);
        final FleetNeverBlock never;
        final FleetVerdictHook hook;

        Run(FleetActSettings s) {
            Fail2banSettings f = s.fail2ban();
            never = new FleetNeverBlock(s.never(), new Fail2banIgnoreIp(f.conf(), f.jail()), Set.of());
            FleetBlocker b = new FleetBlocker(s, store, never, lfd, ledger, Fail2banFleetFirewall.of(f), clock);
            hook = new FleetVerdictHook(feed, new PrintWriter(said, true), b);
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

    private static List<String> ban(String ip) {
        return List.of("set", JAIL, "banip", ip);
    }

    @Test
    void execute_bansInTheFleetsJail_recordedWithItsEnd_andOnceThroughARestart() throws Exception {
        try (Run run = new Run(settings(true))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 3, 2)));
            feed.batches.add(List.of(attacker("198.51.100.23", 9, 2)));
            run.poll();
            run.poll();
            FleetActionStore.Row row = run.store.lastBlock("198.51.100.23").orElseThrow();
            assertThat(row.status()).isEqualTo(ActionStatus.DONE);
            assertThat(row.exitCode()).isZero();
            assertThat(row.command()).isEqualTo("fail2ban-client set authaudit-fleet banip 198.51.100.23");
            assertThat(row.until()).isEqualTo(START.plus(Duration.ofHours(24)));
        }
        try (Run run = new Run(settings(true))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 9, 2)));
            run.poll();
        }
        assertThat(FakeCsf.calls(argv)).containsExactly(ban("198.51.100.23"));
        assertThat(said.toString()).contains("authaudit: fleet verdict: 198.51.100.23 attacker fleet-wide at confidence"
                + " 0.90, 5 failures on 2 servers (hostA 3, hostB 2); the fleet says: tried 4 different logins; blocked"
                + " for 24h, until 2026-12-08T09:00:00Z: fail2ban-client set authaudit-fleet banip 198.51.100.23"
                + " (fleet action 1)").contains("already blocked by this hook until 2026-12-08T09:00:00Z");
    }

    @Test
    void dryRun_recordsTheBanItWouldRun_andRunsNothing() throws Exception {
        try (Run run = new Run(settings(false))) {
            feed.batches.add(List.of(attacker("2001:DB8::7", 2, 2)));
            run.poll();
            assertThat(run.store.lastBlock("2001:db8::7").orElseThrow().status()).isEqualTo(ActionStatus.DRY_RUN);
        }
        assertThat(FakeCsf.calls(argv)).isEmpty();
        assertThat(said.toString()).contains("dry run: --fleet-act block would run fail2ban-client set authaudit-fleet"
                + " banip 2001:db8::7 (a block for 24h); nothing was run without --execute");
    }

    @Test
    void fail2banFailing_isRecordedWithItsExitCodeAndOutput_andTriedAgainOnNewEvidence() throws Exception {
        client = FakeFail2ban.write(dir.resolve("fail2ban-client-broken"), argv, "x",
                "Sorry but the jail authaudit-fleet does not exist", 255);
        try (Run run = new Run(settings(true))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
            FleetActionStore.Row row = run.store.lastBlock("198.51.100.23").orElseThrow();
            assertThat(row.status()).isEqualTo(ActionStatus.FAILED);
            assertThat(row.exitCode()).isEqualTo(255);
            feed.batches.add(List.of(attacker("198.51.100.23", 3, 2)));
            run.poll();
        }
        assertThat(FakeCsf.calls(argv)).hasSize(2);
        assertThat(said.toString()).contains("the block failed: fail2ban-client set authaudit-fleet banip 198.51.100.23"
                + " failed (exit 255): Sorry but the jail authaudit-fleet does not exist; it is tried again when the"
                + " fleet's evidence grows or watch restarts");
        try (FleetActionStore store = FleetActionStore.open(db)) {
            assertThat(FleetActionLog.lines(store, START, java.time.ZoneOffset.UTC, 10))
                    .contains("      fail2ban-client: Sorry but the jail authaudit-fleet does not exist");
        }
    }

    @Test
    void aFail2banClientThatHangs_isKilledAtItsTimeout_andRecordedAsTimedOut() throws Exception {
        client = FakeFail2ban.write(dir.resolve("fail2ban-client-hangs"), argv, "exec sleep 30\n");
        try (Run run = new Run(settings(true, Duration.ofMillis(300)))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
            FleetActionStore.Row row = run.store.lastBlock("198.51.100.23").orElseThrow();
            assertThat(row.status()).isEqualTo(ActionStatus.TIMED_OUT);
            assertThat(row.output()).contains("[killed after 300 ms]");
        }
    }

    @Test
    void withdrawn_unbansInTheFleetsJailOnly() throws Exception {
        try (Run run = new Run(settings(true))) {
            feed.batches.add(List.of(attacker("198.51.100.23", 2, 2)));
            run.poll();
            clock.advance(Duration.ofMinutes(10));
            feed.withdrawals.add(List.of(new FleetVerdictFeed.Withdrawn("198.51.100.23", "customer")));
            assertThat(run.poll()).isEqualTo(1);
        }
        assertThat(FakeCsf.calls(argv)).containsExactly(ban("198.51.100.23"),
                List.of("set", JAIL, "unbanip", "198.51.100.23"));
        assertThat(said.toString()).contains("authaudit: fleet verdict withdrawn: 198.51.100.23 is no longer an"
                + " attacker fleet-wide (now customer); the fleet now judges it customer; lifted its block (fleet action"
                + " 1): fail2ban-client set authaudit-fleet unbanip 198.51.100.23");
    }

    @Test
    void ignoreip_ofDefaultAndTheJail_inEveryFile_isNeverBanned_andAnEditIsHonouredAtOnce() throws Exception {
        Files.writeString(conf.resolve("jail.conf"), "[DEFAULT]\n#ignoreip = 198.51.100.1\nbantime = 10m\n"
                + "[sshd]\nignoreip = 192.0.2.5\n");
        Files.writeString(conf.resolve("jail.local"), "[DEFAULT]\nignoreip = 127.0.0.1/8 ::1 203.0.113.0/24"
                + " office.example.com ; the office\n");
        Path jailD = Files.createDirectories(conf.resolve("jail.d"));
        Files.writeString(jailD.resolve("authaudit-fleet.conf"), "[authaudit-fleet]\nenabled = true\n"
                + "ignoreip = 198.51.100.7,\n           2001:db8:1::/48\nbantime = 1d\n");
        try (Run run = new Run(settings(true))) {
            assertThat(run.never.problems()).singleElement().asString().contains("jail.local:2: ignoreip"
                    + " 'office.example.com' is not an address or a network");
            feed.batches.add(List.of(attacker("203.0.113.44", 1, 1), attacker("198.51.100.7", 1, 1),
                    attacker("2001:db8:1::9", 1, 1), attacker("192.0.2.5", 1, 1), attacker("198.51.100.1", 1, 1)));
            assertThat(run.poll()).isEqualTo(5);
            // the admin adds an address to the jail's ignoreip while watch runs
            Files.writeString(jailD.resolve("zz-office.local"), "[authaudit-fleet]\nignoreip = 198.51.100.80\n");
            Files.setLastModifiedTime(jailD.resolve("zz-office.local"), FileTime.from(Instant.now().plusSeconds(5)));
            feed.batches.add(List.of(attacker("198.51.100.80", 1, 1)));
            run.poll();
        }
        // another jail's ignoreip, and a commented one, are not the fleet jail's
        assertThat(FakeCsf.calls(argv)).containsExactly(ban("192.0.2.5"), ban("198.51.100.1"));
        String out = said.toString();
        assertThat(out).contains("203.0.113.44 attacker").contains("not acted on: it is in fail2ban's ignoreip"
                + " (jail.local:2: 203.0.113.0/24)");
        assertThat(out).contains("not acted on: it is in fail2ban's ignoreip (authaudit-fleet.conf:3: 198.51.100.7)");
        assertThat(out).contains("not acted on: it is in fail2ban's ignoreip (authaudit-fleet.conf:4: 2001:db8:1::/48)");
        assertThat(out).contains("not acted on: it is in fail2ban's ignoreip (zz-office.local:2: 198.51.100.80)");
    }

    @Test
    void theJailName_andTheTimeout_areCheckedBeforeAnythingRuns() {
        assertThatThrownBy(() -> new Fail2banSettings(client.toString(), Duration.ofSeconds(5), "-x", conf))
                .isInstanceOf(InvalidSetting.class).hasMessageContaining("--fail2ban-jail: '-x' is not a jail name");
        assertThatThrownBy(() -> new Fail2banSettings(client.toString(), Duration.ofSeconds(5), "a b;rm", conf))
                .isInstanceOf(InvalidSetting.class);
        assertThatThrownBy(() -> new Fail2banSettings(client.toString(), Duration.ofMinutes(2), JAIL, conf))
                .isInstanceOf(InvalidSetting.class).hasMessageContaining("--fail2ban-timeout");
    }

    @Test
    void bantime_isAskedOfTheJail_andAnAnswerThatIsNoNumberIsSaid() throws Exception {
        Fail2banFleetFirewall jail = Fail2banFleetFirewall.of(settings(true).fail2ban());
        assertThat(jail.bantime()).isEqualTo(new Fail2banFleetFirewall.Bantime(86400L, null));
        assertThat(FakeCsf.calls(argv)).containsExactly(List.of("get", JAIL, "bantime"));
        client = FakeFail2ban.write(dir.resolve("fail2ban-client-odd"), argv, "\u001b[31mbanned", "1", 0);
        Fail2banFleetFirewall.Bantime odd = Fail2banFleetFirewall.of(settings(true).fail2ban()).bantime();
        assertThat(odd.seconds()).isNull();
        assertThat(odd.problem()).contains("fail2ban-client get authaudit-fleet bantime said").doesNotContain("\u001b");
    }
}
