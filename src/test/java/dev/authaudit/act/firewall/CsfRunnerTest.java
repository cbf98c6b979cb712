package dev.authaudit.act.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsfRunnerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void run_fakeCsfFirstOnChildPath_getsExactArgumentsWithoutShellInterpretation() throws Exception {
        FakeCsf fake = FakeCsf.install(dir, "echo \"csf: $2 temporary block removed\"");
        Path pwned = dir.resolve("pwned");
        String hostile = "x\"; touch " + pwned + " #$(touch " + pwned + ")`touch " + pwned + "`\n-d out";
        FirewallAction allow = FirewallAction.allow("203.0.113.7", Duration.ofHours(1), "stale_password " + hostile);

        ActionOutcome lift = new CsfRunner("csf", fake.environment()).run(FirewallAction.lift("203.0.113.7", false),
                Duration.ofSeconds(5));
        ActionOutcome a = new CsfRunner("csf", fake.environment()).run(allow, Duration.ofSeconds(5));

        assertThat(lift.status()).isEqualTo(ActionStatus.DONE);
        assertThat(lift.output()).isEqualTo("csf: 203.0.113.7 temporary block removed");
        assertThat(a.exitCode()).isZero();
        List<List<String>> calls = fake.calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).containsExactly("-tr", "203.0.113.7");
        assertThat(calls.get(1)).hasSize(4).startsWith("-ta", "203.0.113.7", "3600");
        String comment = calls.get(1).get(3);
        assertThat(comment).startsWith("authaudit stale_password x touch")
                .doesNotContain("\"", ";", "#", "$", "`", "\n", "(", " -d").matches("[A-Za-z0-9 @._+=:,/]*");
        assertThat(Files.exists(pwned)).isFalse();
    }

    @Test
    void run_csfFailsOrHangs_isReportedNotThrown() throws Exception {
        FakeCsf failing = FakeCsf.install(dir.resolve("f"), "echo 'csf: FAILED'; exit 3");
        ActionOutcome f = new CsfRunner("csf", failing.environment()).run(FirewallAction.lift("192.0.2.1", true),
                Duration.ofSeconds(5));
        assertThat(f.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(f.exitCode()).isEqualTo(3);
        assertThat(failing.calls().get(0)).containsExactly("-dr", "192.0.2.1");

        FakeCsf hanging = FakeCsf.install(dir.resolve("h"), "exec sleep 30");
        ActionOutcome h = new CsfRunner("csf", hanging.environment()).run(FirewallAction.lift("192.0.2.1", false),
                Duration.ofMillis(300));
        assertThat(h.status()).isEqualTo(ActionStatus.TIMED_OUT);
        assertThat(h.exitCode()).isNull();
    }

    @Test
    void run_missingCsf_failsWithAHint() {
        ActionOutcome o = new CsfRunner("csf", java.util.Map.of("PATH", dir.toString()))
                .run(FirewallAction.lift("192.0.2.1", false), Duration.ofSeconds(1));
        assertThat(o.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(o.output()).contains("csf not found", "--csf");
    }

    @Test
    void action_hostileAddresses_areRejectedBeforeAnyProcess() {
        for (String bad : List.of("-f", "203.0.113.0/24", "example.com", "1.2.3.4; reboot", "", "fe80::1%eth0")) {
            assertThatThrownBy(() -> FirewallAction.lift(bad, false)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FirewallAction.lift("2001:DB8:0:0::7", false).ip()).isEqualTo("2001:db8::7");
        assertThat(FirewallAction.lift("203.0.113.7/32", false).ip()).isEqualTo("203.0.113.7");
    }

    @Test
    void executor_dryRun_recordsWithoutRunning() throws Exception {
        FakeCsf fake = FakeCsf.install(dir, "");
        ActionPolicy policy = new ActionPolicy(Set.of(ActionKind.LIFT, ActionKind.ALLOW), Duration.ofHours(2), false);
        BlockCase c = new BlockCase("203.0.113.7", true, false, "stale_password", "alice@example.com", true, true,
                true);
        try (FirewallStore store = FirewallStore.open(dir.resolve("state.db"))) {
            List<ActionRecord> r = new ActionExecutor(store, new CsfRunner("csf", fake.environment()),
                    Duration.ofSeconds(3), CLOCK).carryOut(7, c.ip(), policy.plan(c), policy.execute(),
                    () -> Duration.ofSeconds(8));
            assertThat(r).extracting(ActionRecord::status).containsExactly(ActionStatus.DRY_RUN, ActionStatus.DRY_RUN);
            assertThat(r).extracting(ActionRecord::command).containsExactly("csf -tr 203.0.113.7",
                    "csf -ta 203.0.113.7 7200 \"authaudit stale_password alice@example.com\"");
            assertThat(store.actions(Instant.EPOCH)).hasSize(2);
        }
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void policy_refusesUnlessEveryConditionHolds() {
        ActionPolicy on = new ActionPolicy(Set.of(ActionKind.LIFT), Duration.ofHours(1), true);
        assertThat(ActionPolicy.off().plan(new BlockCase("192.0.2.1", true, false, "stale_password", "a@b.c", true,
                true, true))).isEmpty();
        assertThat(on.plan(new BlockCase("192.0.2.1", true, false, "brute_force", null, false, false, false)).get(0)
                .reason()).contains("cause is brute_force");
        assertThat(on.plan(new BlockCase("192.0.2.1", true, false, "stale_password", "a@b.c", false, true, true))
                .get(0).reason()).contains("no customer login with a success on record");
        assertThat(on.plan(new BlockCase("192.0.2.1", true, false, "stale_password", "a@b.c", true, false, true))
                .get(0).reason()).contains("notice has not been sent");
        assertThat(on.plan(new BlockCase("192.0.2.0/24", false, false, "closed_port", "a@b.c", true, false, true))
                .get(0).reason()).contains("network block");
        PlannedAction perm = on.plan(new BlockCase("192.0.2.1", true, true, "closed_port", "a@b.c", true, false,
                true)).get(0);
        assertThat(perm.action().arguments()).containsExactly("-dr", "192.0.2.1");
    }
}
