package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.testing.CliCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocksCommandTest {
    static final Path REPO = Path.of(System.getProperty("authaudit.repo", "."));
    static final Path CSF = REPO.resolve("test-fixtures/csf");
    private static final Instant NOW = Instant.parse("2025-03-11T22:30:00Z");

    @TempDir
    Path dir;

    private CliCall run(String... args) {
        return CliCall.run(Clock.fixed(NOW, ZoneOffset.UTC), args);
    }

    private static List<String> args(String... more) {
        List<String> a = new ArrayList<>(List.of("blocks", "--tz", "America/New_York", "--csf-deny",
                CSF.resolve("csf.deny").toString(), "--csf-tempban", CSF.resolve("csf.tempban").toString(),
                "--csf-tempip", CSF.resolve("csf.tempip").toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** The block of one address: its lines from the header line to the unblock line. */
    private static String entry(String out, String target) {
        int at = out.indexOf("\n  " + target + "  ");
        assertThat(at).as("entry for %s in%n%s", target, out).isNotNegative();
        int end = out.indexOf("unblock:", at);
        return out.substring(at, out.indexOf('\n', end));
    }

    @Test
    void blocks_withSampleLogs_joinsVerdictsAndGivesTheRightUnblockCommand() {
        CliCall r = run(args(REPO.resolve("test-fixtures/sample").toString()).toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Blocked now: 6 entries (4 in csf.deny, 2 in csf.tempban), 2 customers among them");
        // customers' temporary blocks come first, newest first, with csf -tr
        assertThat(r.out().substring(r.out().indexOf("\n  ") + 3)).startsWith("10.144.177.35  temporary until"
                + " 2025-03-11 20:26 (since 2025-03-11 18:26)");
        assertThat(entry(r.out(), "10.144.177.35")).contains("logs say: customer, login ben@example.com",
                "latest:   closed port block at", "lfd has 2 temporary blocks", "unblock:  csf -tr 10.144.177.35");
        assertThat(r.out().indexOf("  198.51.100.141  ")).isLessThan(r.out().indexOf("  192.0.2.27  "));
        assertThat(entry(r.out(), "198.51.100.141")).contains("port 993", "logs say: customer, login accounts@example.com",
                "history:  lfd has 1 temporary block of it on record (csf.tempip)", "unblock:  csf -tr 198.51.100.141");
        // an attacker on csf.deny: csf -dr, with lfd's comment and time
        assertThat(entry(r.out(), "192.0.2.27")).contains("permanent since 2025-03-11 09:14",
                "csf says: lfd: (smtpauth) Failed SMTP AUTH login from 192.0.2.27", "logs say: attacker",
                "unblock:  csf -dr 192.0.2.27");
        // a network covers the addresses of the logs inside it
        assertThat(entry(r.out(), "198.18.14.0/24")).contains("marked do not delete", "logs say: attacker",
                "unblock:  csf -dr 198.18.14.0/24");
        // an advanced rule cannot be removed with csf -dr
        assertThat(entry(r.out(), "tcp|in|d=587|s=198.19.66.94")).contains("unblock:  delete csf.deny:6 by hand, then csf -r");
        // a temporary block whose time is up is not held any more; the live one is
        assertThat(r.out()).containsOnlyOnce("  10.144.177.35  ");
        assertThat(entry(r.out(), "203.0.113.66")).contains("logs say: not in these logs");
        assertThat(r.out()).contains("note: csf.deny:7: Include /etc/csf/csf.deny.extra is not followed",
                "note: csf.deny:8: 'not-an-address' is not an address", "note: csf.tempban:4: not epoch|ip|port");
    }

    @Test
    void blocks_formatJson_sameRowsAsTheTextWithVerdictsAndCommands() throws Exception {
        CliCall r = run(args("--format", "json", REPO.resolve("test-fixtures/sample").toString()).toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(doc.path("schema").asText()).isEqualTo("authaudit-blocks/1");
        assertThat(doc.path("logs_read").asBoolean()).isTrue();
        com.fasterxml.jackson.databind.JsonNode blocks = doc.path("blocks");
        assertThat(blocks).hasSize(6);
        // the same order as the text: the customers' temporary blocks first
        com.fasterxml.jackson.databind.JsonNode first = blocks.get(0);
        assertThat(first.path("target").asText()).isEqualTo("10.144.177.35");
        assertThat(first.path("kind").asText()).isEqualTo("temporary");
        assertThat(first.path("until").asText()).isEqualTo("2025-03-11T20:26:40-04:00");
        assertThat(first.path("unblock").asText()).isEqualTo("csf -tr 10.144.177.35");
        assertThat(first.path("earlier_temp_blocks").asInt()).isEqualTo(2);
        assertThat(first.path("logs").path("verdict").asText()).isEqualTo("customer");
        assertThat(first.path("logs").path("accounts").get(0).asText()).isEqualTo("ben@example.com");
        assertThat(first.path("logs").path("latest_block").path("cause").asText()).isEqualTo("closed_port");
        com.fasterxml.jackson.databind.JsonNode net = null;
        for (com.fasterxml.jackson.databind.JsonNode b : blocks) {
            if (b.path("target").asText().equals("198.18.14.0/24")) {
                net = b;
            }
        }
        assertThat(net).isNotNull();
        assertThat(net.path("do_not_delete").asBoolean()).isTrue();
        assertThat(net.path("logs").path("verdict").asText()).isEqualTo("attacker");
        assertThat(net.path("unblock").asText()).isEqualTo("csf -dr 198.18.14.0/24");
        assertThat(doc.path("problems").toString()).contains("csf.deny:8: 'not-an-address' is not an address");
    }

    @Test
    void blocks_formatJsonWithoutLogs_hasNoLogsMember() throws Exception {
        CliCall r = run(args("--format", "json").toArray(String[]::new));
        assertThat(r.code()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(doc.path("logs_read").asBoolean()).isFalse();
        assertThat(doc.path("blocks").get(0).has("logs")).isFalse();
    }

    @Test
    void blocks_hostileComment_reachesTheTerminalWithoutEscapes() {
        CliCall r = run(args().toArray(String[]::new));
        assertThat(r.out()).doesNotContain("\u001b", "\u0007").contains("csf says: ?]0;owned??[2J hostile comment");
        assertThat(r.out().lines()).allMatch(l -> l.length() <= 120);
    }

    @Test
    void blocks_withoutLogs_listsEntriesAndSaysLogsWouldTellWho() {
        CliCall r = run(args().toArray(String[]::new));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Blocked now: 6 entries (4 in csf.deny, 2 in csf.tempban); give logs to see who"
                + " they are").doesNotContain("logs say:");
    }

    @Test
    void blocks_noCsfFiles_exits4BeforePrintingAnything() {
        CliCall r = run("blocks", "--csf-deny", dir.resolve("none").toString(), "--csf-tempban",
                dir.resolve("none2").toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("is csf installed here?");
    }

    @Test
    void blocks_missingLogPath_exits4BeforePrintingAnything() throws Exception {
        Files.writeString(dir.resolve("csf.deny"), "192.0.2.1 # x\n");
        CliCall r = run("blocks", "--csf-deny", dir.resolve("csf.deny").toString(), dir.resolve("nolog").toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("nolog: no such file or folder; check the path (nothing was read)");
    }
}
