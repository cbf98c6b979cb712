package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.publish.FleetVerdictFeed;
import dev.authaudit.testing.FakeCsf;
import dev.authaudit.testing.FakeFail2ban;
import dev.authaudit.testing.FakeFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --once --fleet-act block --fleet-act-with fail2ban}, from the config file and the command line: the
 * jail's bantime is asked at start and is each ban's length, a jail that bans for ever stops watch before anything is
 * banned, and options that would do nothing are refused. The fleet is {@link FakeFleet}, fail2ban-client a script.
 */
class WatchFleetFail2banTest {
    @TempDir
    Path dir;

    private final String verdicts = "f2b-verdicts-" + System.nanoTime();

    @AfterEach
    void forget() {
        FakeFleet.forget(verdicts);
    }

    private static FleetVerdictFeed.Attacker attacker(String ip) {
        return new FleetVerdictFeed.Attacker(ip, ip + "/32", 0.9, Map.of("hostA", 3L, "hostB", 2L),
                List.of("tried 4 different logins"));
    }

    private Path config(Path client, String act) throws IOException {
        Path log = Files.createFile(dir.resolve("maillog"));
        Files.createDirectories(dir.resolve("fail2ban"));
        return Files.writeString(dir.resolve("authaudit.yaml"), "logs: [" + log + "]\ntz: UTC\n"
                + "state: {dir: " + dir.resolve("state") + "}\n"
                + "csf_conf: " + Files.writeString(dir.resolve("csf.conf"), "") + "\n"
                + "fail2ban_client: " + client + "\nfail2ban_timeout: 10s\nfail2ban_conf: " + dir.resolve("fail2ban")
                + "\nfleet:\n  verdicts: test://127.0.0.1:1/" + verdicts + "\n  act: " + act + "\n");
    }

    @Test
    void fileWithFail2ban_bansForTheJailsBantime_inTheFilesJail() throws IOException {
        Path argv = dir.resolve("argv.txt");
        Path client = FakeFail2ban.write(dir.resolve("fail2ban-client"), argv, "7200", "1", 0);
        Path cfg = config(client, "{mode: block, execute: true, with: fail2ban, jail: fleet-bans}");
        FakeFleet.verdicts(verdicts, List.of(attacker("198.51.100.23")));

        CliRun r = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(FakeCsf.calls(argv)).containsExactly(List.of("get", "fleet-bans", "bantime"),
                List.of("set", "fleet-bans", "banip", "198.51.100.23"));
        assertThat(r.err).contains("fleet act: blocks attacker verdicts for 2h each, at most 20 an hour")
                .contains("runs " + client + " set fleet-bans banip; never an address in fail2ban's ignoreip ([DEFAULT]"
                        + " and [fleet-bans] under " + dir.resolve("fail2ban") + ")")
                .contains("blocked for 2h, until ").contains(": fail2ban-client set fleet-bans banip 198.51.100.23");
    }

    @Test
    void aJailThatBansForEver_stopsWatch_beforeAnythingIsBanned() throws IOException {
        Path argv = dir.resolve("argv.txt");
        Path client = FakeFail2ban.write(dir.resolve("fail2ban-client"), argv, "-1", "1", 0);
        Path cfg = config(client, "{mode: block, execute: true, with: fail2ban}");
        FakeFleet.verdicts(verdicts, List.of(attacker("198.51.100.23")));

        CliRun r = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains("fail2ban jail authaudit-fleet bans for ever (bantime -1); --fleet-act makes"
                + " temporary blocks only, from 1m to 7d: set bantime = 1d");
        assertThat(FakeCsf.calls(argv)).containsExactly(List.of("get", "authaudit-fleet", "bantime"));
    }

    @Test
    void aJailFail2banCannotAnswerFor_isSaid_andTheBanIsTriedAndRecordedAsFailed() throws IOException {
        Path argv = dir.resolve("argv.txt");
        Path client = FakeFail2ban.write(dir.resolve("fail2ban-client"), argv, "Sorry but the jail does not exist",
                "Sorry but the jail does not exist", 255);
        Path cfg = config(client, "{mode: block, execute: true, with: fail2ban}");
        FakeFleet.verdicts(verdicts, List.of(attacker("198.51.100.23")));

        CliRun r = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err).contains("fleet act: cannot read the bantime of fail2ban jail authaudit-fleet"
                + " (fail2ban-client get authaudit-fleet bantime failed (exit 255): Sorry but the jail does not exist);"
                + " each ban fails until fail2ban runs the jail").contains("assuming bans of 24h (--fleet-block-ttl)")
                .contains("the block failed: fail2ban-client set authaudit-fleet banip 198.51.100.23 failed (exit 255)");
    }

    @Test
    void dryRun_asksFail2banNothing() throws IOException {
        Path argv = dir.resolve("argv.txt");
        Path client = FakeFail2ban.write(dir.resolve("fail2ban-client"), argv, "7200", "1", 0);
        Path cfg = config(client, "{mode: block, with: fail2ban}");
        FakeFleet.verdicts(verdicts, List.of(attacker("198.51.100.23")));

        CliRun r = CliRun.run("watch", "--once", "--config", cfg.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(FakeCsf.calls(argv)).isEmpty();
        assertThat(r.err).contains("a dry run (no --execute): records what it would run; the jail's bantime decides how"
                + " long a ban lasts").contains("dry run: --fleet-act block would run fail2ban-client set authaudit-fleet"
                + " banip 198.51.100.23");
    }

    @Test
    void optionsThatWouldDoNothing_orNameNoFirewall_areRefused() throws IOException {
        Path log = Files.createFile(dir.resolve("maillog"));
        FakeFleet.verdicts(verdicts, List.of());
        CliRun jail = CliRun.run("watch", "--once", "--state", dir.resolve("state").toString(), "--fleet-verdicts",
                "test://127.0.0.1:1/" + verdicts, "--fleet-act", "block", "--fail2ban-jail", "x", log.toString());
        assertThat(jail.code).as(jail.err).isEqualTo(2);
        assertThat(jail.err).contains("--fail2ban-jail names the jail of --fleet-act-with fail2ban; with csf it would"
                + " do nothing");
        CliRun with = CliRun.run("watch", "--once", "--state", dir.resolve("state").toString(), "--fleet-verdicts",
                "test://127.0.0.1:1/" + verdicts, "--fleet-act", "block", "--fleet-act-with", "ufw", log.toString());
        assertThat(with.code).as(with.err).isEqualTo(2);
        assertThat(with.err).contains("--fleet-act-with: 'ufw' is not a firewall; use csf or fail2ban");
        CliRun badJail = CliRun.run("watch", "--once", "--state", dir.resolve("state").toString(), "--fleet-verdicts",
                "test://127.0.0.1:1/" + verdicts, "--fleet-act", "block", "--fleet-act-with", "fail2ban",
                "--fail2ban-jail", "a;reboot", log.toString());
        assertThat(badJail.code).as(badJail.err).isEqualTo(2);
        assertThat(badJail.err).contains("--fail2ban-jail: 'a;reboot' is not a jail name");
    }
}
