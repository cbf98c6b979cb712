package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.lab.LabScript;
import dev.authaudit.lab.NoticeInbox;
import dev.authaudit.report.AccountEntry;
import dev.authaudit.report.ActionEntry;
import dev.authaudit.report.BlockEntry;
import dev.authaudit.report.ReportJsonWriter;
import dev.authaudit.testing.ReportSchema;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The lab end to end: a real James SMTP server, real Jakarta Mail clients on their own loopback
 * addresses, the lfd simulator, GreenMail, and the live engine following the logs. Lab time runs 300
 * times faster, so the phone polls every 5 lab minutes, once a second.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demo_stalePhone_isNotifiedBeforeTheBlock_typoAndBruteForcerAreNot() throws Exception {
        DemoCommand cmd = new DemoCommand(new Context(new ByteArrayInputStream(new byte[0]), Clock.systemUTC()));
        new CommandLine(cmd).parseArgs("--rules", CliRun.repo().resolve("rules").toString(), "--dir", dir.toString(),
                "--speed", "300", "--tick", "PT1S");
        StringWriter live = new StringWriter();

        DemoRun.Outcome o = cmd.run(new PrintWriter(live, true));

        assertThat(o.staleFound()).as(live.toString()).isNotNull();
        assertThat(o.noticeLanded()).as(live.toString()).isNotNull();
        assertThat(o.phoneBlocked()).as(live.toString()).isNotNull();
        assertThat(o.noticeLanded()).as(live.toString()).isBefore(o.phoneBlocked());
        assertThat(o.staleLogins()).containsOnly(LabScript.ALICE);
        assertThat(o.inbox()).extracting(NoticeInbox.Landed::to).containsExactly(LabScript.ALICE);

        Map<String, AccountVerdict> verdicts = o.report().accounts().stream()
                .collect(Collectors.toMap(AccountEntry::account, AccountEntry::verdict));
        assertThat(verdicts).containsEntry(LabScript.ALICE, AccountVerdict.STALE_PASSWORD)
                .containsEntry(LabScript.BOB, AccountVerdict.MISTYPED);
        assertThat(o.report().notices()).singleElement().satisfies(n -> {
            assertThat(n.account()).isEqualTo(LabScript.ALICE);
            assertThat(n.status().word()).isEqualTo("sent");
        });
        assertThat(o.report().blocks()).extracting(BlockEntry::ip, b -> b.cause().word())
                .contains(org.assertj.core.groups.Tuple.tuple("127.0.0.2", "stale_password"),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.4", "brute_force"));
        assertThat(o.report().actions()).filteredOn(a -> a.ip().equals("127.0.0.2")).extracting(ActionEntry::status)
                .containsOnly("dry_run");
        assertThat(o.report().actions()).filteredOn(a -> a.ip().equals("127.0.0.4")).extracting(ActionEntry::status)
                .containsOnly("skipped");
        JsonNode doc = ReportSchema.assertValid(new ReportJsonWriter().toJson(o.report()));
        assertThat(doc.path("actions").size()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("logs/exim_mainlog")))
                .contains("login authenticator failed for (alices-iphone) [127.0.0.2]:", "A=plain:bob@example.com");
    }
}
