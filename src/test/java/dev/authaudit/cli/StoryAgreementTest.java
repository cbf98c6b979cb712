package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authaudit.report.Escape;
import dev.authaudit.testing.ReportSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One customer's story, told by every output of the shipped sample: the text line, the CSV row, the JSON
 * entry, the HTML card, {@code explain} and the notice agree on every time, count and protocol, and none
 * of them names a guessing address as the customer's.
 */
class StoryAgreementTest {
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

    @TempDir
    Path tmp;

    private static String[] scan(String format, String... more) {
        List<String> a = new ArrayList<>(List.of("scan", "--rules", CliRun.repo().resolve("rules").toString(),
                "--tz", "America/New_York", "--format", format));
        a.addAll(List.of(more));
        a.add(CliRun.repo().resolve("test-fixtures/sample").toString());
        return a.toArray(String[]::new);
    }

    @Test
    void sample_everyStaleCustomer_toldAlikeEverywhere() throws Exception {
        CliRun json = CliRun.run(scan("json"));
        JsonNode doc = ReportSchema.assertValid(json.out);
        String text = CliRun.run(scan("text")).out;
        String csv = CliRun.run(scan("csv")).out;
        Path html = tmp.resolve("r.html");
        CliRun.run(scan("html", "--out", html.toString()));
        String page = Files.readString(html);
        CliRun drafts = CliRun.run(scan("json", "--notify", "drafts", "--state", tmp.resolve("state").toString(),
                "--notice-from", "help@example.net", "--notice-server-name", "mail.example.net",
                "--notice-help-url", "https://example.net/help"));
        JsonNode notices = ReportSchema.assertValid(drafts.out).path("notices");
        int stale = 0;
        for (JsonNode a : doc.path("accounts")) {
            if (!a.path("verdict").asText().equals("stale_password")) {
                continue;
            }
            stale++;
            String login = a.path("account").asText();
            long failures = a.path("failures").asLong();
            OffsetDateTime detected = OffsetDateTime.parse(a.path("detected_at").asText());
            List<String> customers = new ArrayList<>();
            List<String> customerText = new ArrayList<>();
            List<String> guessers = new ArrayList<>();
            for (JsonNode s : a.path("sources")) {
                String role = s.path("role").asText();
                if (role.equals("customer") && s.path("failures").asLong() > 0) {
                    customers.add(s.path("ip").asText());
                    List<String> p = new ArrayList<>();
                    s.path("protocols").forEach(x -> p.add(x.asText()));
                    customerText.add(s.path("ip").asText() + " " + String.join("+", p));
                } else if (role.equals("guesser")) {
                    guessers.add(s.path("ip").asText());
                }
            }
            assertThat(customers).as("customer sources of %s", login).isNotEmpty();

            // text: the customer's entry (its first line and the indented lines under it)
            String line = text.lines().filter(l -> l.startsWith("  " + login + " ")).findFirst().orElseThrow();
            String entry = String.join("\n", text.lines().dropWhile(l -> !l.equals(line))
                    .takeWhile(l -> l.equals(line) || l.startsWith("    ")).toList()).replaceAll("\\s+", " ");
            assertThat(line).contains(String.format(Locale.ROOT, "%,d failures", failures));
            String device = entry.substring(entry.indexOf(" device "), entry.indexOf(" - "));
            customerText.stream().limit(3).forEach(c -> assertThat(device).contains(c + " ("));
            guessers.forEach(g -> assertThat(device).as("guesser %s on %s's device line", g, login)
                    .doesNotContain(g + " "));
            assertThat(line).contains("detected " + SHORT.format(detected));
            String firstBlock = firstBlock(doc, login);
            if (firstBlock != null) {
                OffsetDateTime b = OffsetDateTime.parse(firstBlock);
                assertThat(line).contains(" from " + SHORT.format(b));
                assertThat(page).contains("first blocked " + WHEN.format(b));
            } else {
                assertThat(line).contains("not blocked");
            }

            // CSV: the same counts, time and the customer's addresses only
            String row = csv.lines().filter(l -> l.startsWith("\"account\",\"" + login + "\",")).findFirst()
                    .orElseThrow();
            assertThat(row).contains("," + failures + "," + a.path("successes").asLong() + ",")
                    .contains(a.path("detected_at").asText())
                    .as("the address column holds the customer's sources only")
                    .contains(",\"" + login + "\",\"" + String.join(" ", customers) + "\",");

            // HTML: the card's counts, detection and every reason
            assertThat(page).contains(Escape.html(String.format(Locale.ROOT,
                    "confidence %.2f · %,d failures · %,d successes · detected %s", a.path("confidence").asDouble(),
                    failures, a.path("successes").asLong(), WHEN.format(detected))));
            a.path("reasons").forEach(r -> assertThat(page).contains(Escape.html(r.asText())));

            // explain: the same verdict and reasons
            String explain = CliRun.run("explain", "--rules", CliRun.repo().resolve("rules").toString(), "--tz",
                    "America/New_York", login, CliRun.repo().resolve("test-fixtures/sample").toString()).out;
            assertThat(explain).contains("Verdict: stale_password (confidence "
                    + String.format(Locale.ROOT, "%.2f", a.path("confidence").asDouble()) + ")");
            a.path("reasons").forEach(r -> assertThat(explain).contains("  - " + r.asText()));

            // the notice: drafted, about one of the customer's sources
            List<JsonNode> mine = new ArrayList<>();
            notices.forEach(n -> {
                if (n.path("account").asText().equals(login)) {
                    mine.add(n);
                }
            });
            assertThat(mine).as("notice of %s", login).hasSize(1);
            String reason = mine.get(0).path("reason").asText();
            assertThat(mine.get(0).path("status").asText()).isEqualTo("drafted");
            assertThat(customers).anySatisfy(ip -> assertThat(reason).contains(" from " + ip + " ("));
            guessers.forEach(g -> assertThat(reason).doesNotContain(" " + g + " "));
        }
        assertThat(stale).isEqualTo(2);
    }

    private static String firstBlock(JsonNode doc, String login) {
        String first = null;
        for (JsonNode b : doc.path("blocks")) {
            if (b.path("account").asText().equals(login)) {
                String at = b.path("at").asText();
                if (first == null || OffsetDateTime.parse(at).isBefore(OffsetDateTime.parse(first))) {
                    first = at;
                }
            }
        }
        return first;
    }
}
