package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.report.HtmlCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the shipped sample: the failures chart coloured by the source's role, the blocks chart,
 * the "still blocked at the end" panel, blocks grouped per address, the distributed attack as one row, and
 * still one self-contained file without script; counts held to the JSON of the same run.
 */
class HtmlReportContentTest {
    private static final String RULES = CliRun.repo().resolve("rules").toString();
    private static final String SAMPLE = CliRun.repo().resolve("test-fixtures/sample").toString();
    private static String page;
    private static JsonNode json;

    @BeforeAll
    static void scan(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.html");
        CliRun h = CliRun.run("scan", "--rules", RULES, "--tz", "America/New_York", "--no-history", "--format", "html",
                "--out", out.toString(), SAMPLE);
        assertThat(h.code).as(h.err).isZero();
        page = Files.readString(out);
        CliRun j = CliRun.run("scan", "--rules", RULES, "--tz", "America/New_York", "--no-history", "--format",
                "json", SAMPLE);
        json = new ObjectMapper().readTree(j.out);
    }

    @Test
    void oneSelfContainedFile_withoutScript() {
        assertThat(page).doesNotContainIgnoringCase("<script");
        HtmlCheck.assertWellFormed(page);
        HtmlCheck.assertSelfContained(page);
    }

    @Test
    void failureChart_paintsGuessesApartFromTheStaleClient() {
        String chart = section("hourly");
        assertThat(chart).contains("by who failed").contains("guesses at a customer");
        // info@example.com's client starts failing at 19:42 on Mar 10; before that hour no bar may say stale
        Matcher bar = Pattern.compile("<title>(Mon Mar 10 (\\d\\d):00)[^<]*stale password: (\\d+)").matcher(chart);
        while (bar.find()) {
            int hour = Integer.parseInt(bar.group(2));
            // accounts@example.com's client failed from 10:08; nothing earlier is a customer's stale client
            assertThat(hour).as(bar.group(1)).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void stillBlockedPanel_listsTheBlocksInForceAtTheEnd() {
        Set<String> inForce = new HashSet<>();
        json.get("blocks").forEach(b -> b.get("reasons").forEach(r -> {
            if (r.asText().startsWith("still blocked when the logs end")) {
                inForce.add(b.get("ip").asText());
            }
        }));
        assertThat(inForce).isNotEmpty();
        String panel = section("blocked-at-end");
        assertThat(panel).contains("Still blocked at the end of the logs (" + inForce.size() + ")");
        inForce.forEach(ip -> assertThat(panel).contains(">" + ip + "<"));
        assertThat(panel).contains("csf -dr 198.51.100.141");
    }

    @Test
    void blocks_groupedPerAddress_withBulletedReasons_andAChartPerHour() {
        Set<String> ips = new HashSet<>();
        json.get("blocks").forEach(b -> ips.add(b.get("ip").asText()));
        String blocks = section("blocks");
        assertThat(blocks).contains("(" + json.get("blocks").size() + " blocks of " + ips.size() + " addresses)");
        assertThat(blocks.split("<tr>").length - 2).as("one row per address").isEqualTo(ips.size());
        assertThat(blocks).contains("ben@example.com: 6 blocks, all closed port 587 (PS_LIMIT)")
                .contains("<ul class=\"why\"><li>").contains("<details><summary>each block (6)</summary>");
        assertThat(section("blocks-hourly")).contains("<svg").contains("closed port").contains("brute force");
    }

    @Test
    void distributedAttack_isOneRow() {
        String attackers = section("attackers");
        Matcher m = Pattern.compile("(\\d+) in one distributed attack").matcher(attackers);
        assertThat(m.find()).isTrue();
        int members = Integer.parseInt(m.group(1));
        assertThat(members).isGreaterThan(10);
        assertThat(attackers).contains(">" + members + " addresses<").contains("for example: ");
        long rows = attackers.split("<tr>").length - 2;
        assertThat(rows).as("top 10 addresses and one distributed row").isEqualTo(11);
    }

    private static String section(String id) {
        int at = page.indexOf("<section id=\"" + id + "\">");
        assertThat(at).as("section " + id).isGreaterThanOrEqualTo(0);
        return page.substring(at, page.indexOf("</section>", at));
    }
}
