package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The text report of the shipped sample against the JSON report of the same run: no line wider than 120
 * columns, and every section's counts are the JSON's (summary, customers blocked per address, stale and
 * mistyped logins, attackers listed plus "+N more" plus the distributed row, scanners, other blocks).
 */
class TextReportAgreementTest {
    private static final String RULES = CliRun.repo().resolve("rules").toString();
    private static final String SAMPLE = CliRun.repo().resolve("test-fixtures/sample").toString();
    private static String text;
    private static String verbose;
    private static JsonNode json;

    @BeforeAll
    static void scan() throws Exception {
        CliRun t = CliRun.run("scan", "--rules", RULES, "--tz", "America/New_York", "--no-history", SAMPLE);
        assertThat(t.code).as(t.err).isZero();
        text = t.out;
        CliRun v = CliRun.run("scan", "--rules", RULES, "--tz", "America/New_York", "--no-history", "-v", SAMPLE);
        assertThat(v.code).as(v.err).isZero();
        verbose = v.out;
        CliRun j = CliRun.run("scan", "--rules", RULES, "--tz", "America/New_York", "--no-history", "--format",
                "json", SAMPLE);
        assertThat(j.code).as(j.err).isZero();
        json = new ObjectMapper().readTree(j.out);
    }

    @Test
    void noLineIsWiderThan120Columns_andNothingIsColouredWhenNotATerminal() {
        for (String doc : List.of(text, verbose)) {
            doc.lines().forEach(l -> assertThat(l.codePointCount(0, l.length())).as(l).isLessThanOrEqualTo(120));
            assertThat(doc).doesNotContain("\u001b[");
        }
        assertThat(text.lines().count()).isLessThan(verbose.lines().count());
    }

    @Test
    void summary_matchesTheJson() {
        long failures = 0;
        for (JsonNode a : json.get("accounts")) {
            failures += a.get("failures").asLong();
        }
        assertThat(line(text, "  failures")).startsWith(String.format("  failures   %,d on %d logins from %d addresses",
                failures, json.get("accounts").size(), json.get("ips").size()));
        Set<String> blocked = new LinkedHashSet<>();
        json.get("blocks").forEach(b -> blocked.add(b.get("ip").asText()));
        assertThat(line(text, "  blocks")).startsWith(String.format("  blocks     %d of %d addresses",
                json.get("blocks").size(), blocked.size()));
        for (String v : List.of("stale_password", "mistyped", "targeted", "unknown_user")) {
            long n = count(json.get("accounts"), "verdict", v);
            assertThat(line(text, "  logins")).contains(n + " " + v.replace('_', ' '));
        }
        for (String v : List.of("customer", "attacker", "scanner", "unknown")) {
            long n = count(json.get("ips"), "verdict", v);
            assertThat(line(text, "  addresses")).contains(n + " " + v);
        }
    }

    @Test
    void customersBlocked_groupedPerAddress_matchTheJsonBlocks() {
        Map<String, Map<String, Integer>> perIp = new HashMap<>();
        int total = 0;
        for (JsonNode b : json.get("blocks")) {
            String cause = b.get("cause").asText();
            boolean customer = !b.get("account").isNull() || cause.equals("stale_password")
                    || cause.equals("mistyped") || cause.equals("closed_port");
            if (customer) {
                total++;
                perIp.computeIfAbsent(b.get("ip").asText(), k -> new HashMap<>())
                        .merge(b.get("account").asText(), 1, Integer::sum);
            }
        }
        assertThat(perIp).isNotEmpty();
        assertThat(text).contains("Customers blocked by the firewall (" + perIp.size() + " addresses, " + total
                + " blocks)");
        String section = section(text, "Customers blocked by the firewall");
        perIp.forEach((ip, logins) -> {
            String head = section.lines().filter(l -> l.startsWith("  " + ip + " ")).findFirst().orElseThrow();
            String joined = joinedEntry(section, head);
            logins.forEach((login, n) -> assertThat(joined).contains(login + ": " + n + " block"));
        });
        // the example: one row per address with the cause and port
        assertThat(section).contains("10.144.177.35   ben@example.com: 6 blocks, all closed port 587");
        assertThat(section).contains("- what to do:").contains("open port 587 in TCP_IN");
    }

    @Test
    void staleAndMistyped_listEveryLoginWithItsJsonFailures() {
        for (String[] v : List.of(new String[] {"stale_password", "Stale passwords in a mail client"},
                new String[] {"mistyped", "Mistyped passwords, then logged in"})) {
            List<JsonNode> list = new ArrayList<>();
            json.get("accounts").forEach(a -> {
                if (a.get("verdict").asText().equals(v[0])) {
                    list.add(a);
                }
            });
            assertThat(text).contains(v[1] + " (" + list.size() + ")");
            String section = section(text, v[1]);
            for (JsonNode a : list) {
                assertThat(section).contains(String.format("  %s  %,d failure", a.get("account").asText(),
                        a.get("failures").asLong()));
                int reasons = a.get("reasons").size();
                // every reason is in the verbose report; the short one says how many it left out
                a.get("reasons").forEach(r -> assertThat(verbose.replaceAll("\\s+", " "))
                        .contains(r.asText().replaceAll("\\s+", " ")));
                if (reasons > 4) {
                    assertThat(section).contains("+" + (reasons - 4) + "\u00a0more (-v)");
                }
            }
        }
    }

    @Test
    void attackers_listedPlusMorePlusDistributed_addUpToTheJson() {
        long attackers = count(json.get("ips"), "verdict", "attacker");
        String section = section(text, "Attackers");
        Matcher head = Pattern.compile("Attackers \\((\\d+) addresses, (\\d+) of them in a distributed attack\\)")
                .matcher(section);
        assertThat(head.find()).as(section).isTrue();
        assertThat(Long.parseLong(head.group(1))).isEqualTo(attackers);
        long listed = section.lines().filter(l -> l.matches("  \\d[0-9a-f.:]+ +\\d.*")).count();
        Matcher more = Pattern.compile("\\+(\\d+)\u00a0more \\(--top N or -v\\)").matcher(section);
        long rest = more.find() ? Long.parseLong(more.group(1)) : 0;
        long distributed = Long.parseLong(head.group(2));
        assertThat(listed + rest + distributed).isEqualTo(attackers);
        assertThat(section).contains("distributed " + distributed + " addresses");
        // no silent cap at 8: the address that tried 26 logins says 26, and the JSON says so too
        assertThat(section).contains("198.18.78.127   143 failures on 26 logins");
        for (JsonNode ip : json.get("ips")) {
            if (ip.get("ip").asText().equals("198.18.78.127")) {
                assertThat(ip.get("accounts_total").asLong()).isEqualTo(26);
                assertThat(ip.get("accounts").size()).isLessThan(26);
            }
        }
        // the verbose report lists every attacker that is not in the distributed row
        long verboseListed = section(verbose, "Attackers").lines().filter(l -> l.matches("  \\d[0-9a-f.:]+ +\\d.*"))
                .count();
        assertThat(verboseListed + distributed).isEqualTo(attackers);
    }

    @Test
    void csv_saysHowManyLoginsItsAddressListLeftOut() {
        CliRun c = CliRun.run("scan", "--rules", RULES, "--tz", "America/New_York", "--no-history", "--format", "csv",
                SAMPLE);
        assertThat(c.code).as(c.err).isZero();
        String row = c.out.lines().filter(l -> l.startsWith("\"address\",\"198.18.78.127\",")).findFirst()
                .orElseThrow();
        for (JsonNode ip : json.get("ips")) {
            if (ip.get("ip").asText().equals("198.18.78.127")) {
                long left = ip.get("accounts_total").asLong() - ip.get("accounts").size();
                assertThat(left).isPositive();
                assertThat(row).contains(" +" + left + " more\"");
            }
        }
    }

    @Test
    void scannersAndOtherBlocks_matchTheJson() {
        long scanners = count(json.get("ips"), "verdict", "scanner");
        assertThat(text).contains("Scanners (" + scanners + (scanners == 1 ? " address)" : " addresses)"));
        Map<String, Integer> other = new HashMap<>();
        for (JsonNode b : json.get("blocks")) {
            String cause = b.get("cause").asText();
            if (b.get("account").isNull() && (cause.equals("brute_force") || cause.equals("port_scan")
                    || cause.equals("unknown"))) {
                other.merge(b.get("ip").asText(), 1, Integer::sum);
            }
        }
        int total = other.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(text).contains("Other blocks (" + other.size() + " addresses, " + total + " blocks)");
        other.forEach((ip, n) -> assertThat(section(text, "Other blocks")).containsPattern(
                Pattern.quote("  " + ip) + " +" + n + " block"));
    }

    @Test
    void wordsAreRight_oneDateFormat_andTheSettingsFileIsNotAFailedRead() {
        assertThat(text).doesNotContainPattern("\\b1 (failures|inputs|logins|addresses|blocks)\\b");
        assertThat(text).doesNotContainPattern("\\d{2}-\\d{2} \\d{2}:\\d{2}"); // no 03-10 08:04 beside Mar 10
        assertThat(text).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        assertThat(line(text, "  csf-conf")).contains("firewall settings read (not a log)").doesNotContain("0 lines");
    }

    @Test
    void customersBlocked_anAddressStillBlocked_leadsWithTheCommandInForceAndNeverAdvisesLiftingAnEndedBlock() {
        String section = section(text, "Customers blocked by the firewall");
        for (JsonNode b : json.get("blocks")) {
            boolean inForce = b.get("reasons").toString().contains("still blocked when the logs end");
            if (!inForce) {
                continue;
            }
            String ip = b.get("ip").asText();
            int at = section.indexOf("\n  " + ip + " ");
            if (at < 0) {
                continue;
            }
            int end = section.indexOf("\n  ", at + 1);
            while (end >= 0 && section.startsWith("\n   ", end)) {
                end = section.indexOf("\n  ", end + 1);
            }
            String entry = section.substring(at, end < 0 ? section.length() : end).replaceAll("\\s+", " ");
            String command = (b.get("reasons").toString().contains("permanent block") ? "csf -dr " : "csf -tr ") + ip;
            int firstAdvice = entry.indexOf("what to do");
            assertThat(entry.substring(firstAdvice)).as(entry).startsWith("what to do: lift the block (" + command + ")");
            // every other lift in the entry names the same command; ended blocks say there is nothing to lift
            Matcher lift = Pattern.compile("lift the block \\((csf -[dt]r [^)]+)\\)").matcher(entry);
            while (lift.find()) {
                assertThat(lift.group(1)).as(entry).isEqualTo(command);
            }
        }
        String sample = section.replaceAll("\\s+", " ");
        assertThat(sample).contains("198.51.100.141").contains("nothing to lift (it ended at");
    }

    private static long count(JsonNode array, String field, String value) {
        long n = 0;
        for (JsonNode x : array) {
            if (x.get(field).asText().equals(value)) {
                n++;
            }
        }
        return n;
    }

    private static String line(String doc, String prefix) {
        return doc.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() ->
                new AssertionError("no line starting with '" + prefix + "' in\n" + doc));
    }

    /** Returns the section whose heading starts with {@code title}, up to the blank line after it. */
    private static String section(String doc, String title) {
        int at = doc.indexOf("\n" + title);
        assertThat(at).as("section " + title).isGreaterThanOrEqualTo(0);
        int end = doc.indexOf("\n\n", at + 1);
        return doc.substring(at + 1, end < 0 ? doc.length() : end);
    }

    /** Returns an entry's first line joined with its continuation lines (wrapped text). */
    private static String joinedEntry(String section, String head) {
        List<String> lines = section.lines().toList();
        int i = lines.indexOf(head);
        StringBuilder b = new StringBuilder(head);
        for (int k = i + 1; k < lines.size() && lines.get(k).startsWith("    ") && !lines.get(k).startsWith("    - ");
             k++) {
            b.append(' ').append(lines.get(k).trim());
        }
        return b.toString();
    }
}
