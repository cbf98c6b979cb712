package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** watch --fleet-act: opt-in, and an option that would do nothing or too much is a usage error, before any broker. */
class WatchFleetActOptionsTest {
    @TempDir
    Path dir;

    private CliRun watch(String... extra) throws IOException {
        Path log = dir.resolve("maillog");
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        String[] base = {"watch", "--once", "--tz", "UTC", "--state", dir.resolve("state").toString()};
        String[] args = new String[base.length + extra.length + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        args[args.length - 1] = log.toString();
        return CliRun.run(args);
    }

    @Test
    void hookLog_showsWhatFleetActDecided_besideTheLfdHooksCalls() {
        Path db = dir.resolve("state").resolve("authaudit.db");
        java.time.Instant t = java.time.Instant.parse("2026-06-01T11:00:00Z");
        try (dev.authaudit.run.FleetActionStore store = dev.authaudit.run.FleetActionStore.open(db)) {
            store.record(t, "198.51.100.23", dev.authaudit.run.FleetActionStore.Kind.BLOCK,
                    dev.authaudit.act.firewall.ActionStatus.DRY_RUN, t.plusSeconds(86_400), 4, 2,
                    "csf -td 198.51.100.23 86400 \"authaudit fleet attacker 4 failures on 2 servers hostA hostB\"",
                    "dry run: attacker fleet-wide at confidence 0.90, 4 failures on 2 servers (hostA 2, hostB 2)");
        }
        CliRun r = CliRun.run("hook", "log", "--tz", "UTC", "--state", dir.resolve("state").toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("lfd hook since 2026-05-25 12:00:00: 0 calls").contains("watch --fleet-act since"
                + " 2026-05-25 12:00:00: 0 blocks run, 1 dry run, 0 refused, 0 lifts")
                .contains("  2026-06-01 11:00:00  fleet #1  198.51.100.23  block dry_run until 2026-06-02 11:00:00: csf"
                        + " -td 198.51.100.23 86400");
    }

    @Test
    void fleetAct_withoutFleetVerdicts_isAUsageError() throws IOException {
        CliRun r = watch("--fleet-act", "block");
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains("--fleet-act block needs --fleet-verdicts kafka://HOST:PORT/TOPIC");
    }

    @Test
    void execute_withoutFleetAct_isAUsageError() throws IOException {
        CliRun r = watch("--execute");
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains("--execute runs csf for --fleet-act block");
    }

    @Test
    void unknownAction_andOutOfRangeTtlOrBrake_areUsageErrors() throws IOException {
        CliRun r = watch("--fleet-verdicts", "kafka://127.0.0.1:9/v", "--fleet-act", "drop;rm");
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains("--fleet-act: 'drop;rm' is not an action; use block (or none)");
        r = watch("--fleet-verdicts", "kafka://127.0.0.1:9/v", "--fleet-act", "block", "--fleet-block-ttl", "8d");
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains("--fleet-block-ttl 691200s is out of range; use a value from 1m to 7d");
        r = watch("--fleet-verdicts", "kafka://127.0.0.1:9/v", "--fleet-act", "block", "--fleet-block-max", "0");
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains("--fleet-block-max 0 is out of range");
    }
}
