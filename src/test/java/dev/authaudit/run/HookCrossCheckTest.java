package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.act.firewall.HookCall;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lfd's logged blocks matched with the hook's calls: same address within two minutes, else missed. */
class HookCrossCheckTest {
    private static final Path REPO = Path.of(System.getProperty("authaudit.repo", "."));

    @TempDir
    Path dir;

    private static HookCall call(String ip, String at) {
        return new HookCall(1, Instant.parse(at), ip, "993", false, "in", 3600L, "LF_IMAPD", "m", 1, null, null, null,
                false, null, List.of(), null, List.of());
    }

    @Test
    void aBlockWithACallForItsAddressWithinTwoMinutes_reachedTheHook_othersDidNot() throws IOException {
        Path log = dir.resolve("lfd.log");
        Files.writeString(log, String.join("\n",
                "Mar 11 08:00:00 server1 lfd[1]: (imapd) Failed IMAP login from 192.0.2.1 (US/United States/-): 10 in"
                        + " the last 3600 secs - *Blocked in csf* for 3600 secs [LF_IMAPD]",
                "Mar 11 09:00:00 server1 lfd[2]: (imapd) Failed IMAP login from 192.0.2.2 (US/United States/-): 10 in"
                        + " the last 3600 secs - *Blocked in csf* for 3600 secs [LF_IMAPD]",
                "Mar 11 10:00:00 server1 lfd[3]: (imapd) Failed IMAP login from 192.0.2.3 (US/United States/-): 10 in"
                        + " the last 3600 secs - *Blocked in csf* for 3600 secs [LF_IMAPD]") + "\n");
        TimeResolver utc = new TimeResolver(ZoneOffset.UTC, 2025);
        LineParser parser = new LineParser(RuleSet.load(List.of(REPO.resolve("rules"))), utc,
                new PasswordRedactor(new byte[32]));
        InputSet set = InputSet.of(List.of(log.toString()));
        HookCrossCheck check = new HookCrossCheck(parser, YearAnchor.of(set.files(), utc),
                Clock.fixed(Instant.parse("2025-03-12T00:00:00Z"), ZoneOffset.UTC), new ByteArrayInputStream(new byte[0]));

        HookCrossCheck.Outcome o = check.check(set, List.of(call("192.0.2.2", "2025-03-11T09:01:59Z"),
                call("192.0.2.3", "2025-03-11T10:02:01Z")), Instant.parse("2025-03-11T08:30:00Z"));

        assertThat(o.problems()).isEmpty();
        assertThat(o.blocks()).extracting(FirewallBlock::ip).containsExactly("192.0.2.2", "192.0.2.3");
        assertThat(o.missed()).extracting(FirewallBlock::ip).containsExactly("192.0.2.3");
    }
}
