package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.EventJson;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flows of {@code parse} and {@code rules check} run without the command line, settings in and outcome out. */
class ParseRunsTest {
    private static final Path REPO = Path.of(System.getProperty("authaudit.repo", "."));
    private static final Clock WALL = Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String EXIM_535 = "2025-03-10 09:02:11 dovecot_login authenticator failed for"
            + " ([192.168.1.10]) [198.51.100.7]:50122 I=[203.0.113.5]:587: 535 Incorrect authentication data"
            + " (set_id=hana@example.org)";

    @TempDir
    Path dir;

    private static RuleSet rules() {
        return RuleSet.load(List.of(REPO.resolve("rules")));
    }

    private static LineParser parser(RuleSet rules) {
        return new LineParser(rules, new TimeResolver(ZoneOffset.UTC, 2025), new PasswordRedactor(new byte[32]));
    }

    private static InputSet inputs(Path... paths) {
        return InputSet.of(java.util.Arrays.stream(paths).map(Path::toString).toList());
    }

    private static YearAnchor years(InputSet set) {
        return YearAnchor.of(set.files(), new TimeResolver(ZoneOffset.UTC, 2025));
    }

    @Test
    void parse_eventsInFileOrder_asLinesAndAsRenderedText_theSame() throws IOException {
        Path log = dir.resolve("exim_mainlog");
        Files.writeString(log, EXIM_535 + "\nnot a log line\n" + EXIM_535.replace("09:02:11", "09:07:11") + "\n");
        InputSet set = inputs(log, REPO.resolve("test-fixtures/scenarios/home-nat"));
        ParseRun run = new ParseRun(new ParseRun.Settings(set, years(set)), parser(rules()), WALL,
                new ByteArrayInputStream(new byte[0]));

        List<String> events = new ArrayList<>();
        ParseRun.Outcome o = run.run(e -> events.add(new EventJson().toJson(e)));
        assertThat(o.inputTrouble()).isFalse();
        assertThat(o.stats()).hasSize(2);
        assertThat(o.stats().get(0).lines()).isEqualTo(3);
        assertThat(o.stats().get(0).events()).isEqualTo(2);
        assertThat(events.size()).isEqualTo(o.stats().stream().mapToLong(InputStats::events).sum());
        assertThat(events.get(0)).contains("\"time\":\"2025-03-10T09:02:11Z\"", "\"account\":\"hana@example.org\"");
        assertThat(events.get(1)).contains("\"time\":\"2025-03-10T09:07:11Z\"");

        StringBuilder text = new StringBuilder();
        ParseRun.Outcome again = new ParseRun(new ParseRun.Settings(set, years(set)), parser(rules()), WALL,
                new ByteArrayInputStream(new byte[0])).runText(new dev.authaudit.parse.EventRenderer() {
                    @Override
                    public Batch batch() {
                        return new Batch() {
                            private final dev.authaudit.event.EventJsonWriter w =
                                    new dev.authaudit.event.EventJsonWriter(new byte[1024]);

                            @Override
                            public int add(dev.authaudit.event.LogEvent event) {
                                return w.appendLine(event);
                            }

                            @Override
                            public byte[] text() {
                                return w.bytes();
                            }
                        };
                    }

                    @Override
                    public void release(byte[] text) {
                    }
                }, (bytes, from, to) -> text.append(new String(bytes, from, to - from,
                        java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(text.toString().lines().toList()).isEqualTo(events);
        assertThat(again.stats()).extracting(InputStats::events).isEqualTo(o.stats().stream().map(InputStats::events)
                .toList());

        java.io.StringWriter err = new java.io.StringWriter();
        o.tell(new java.io.PrintWriter(err, true));
        assertThat(err.toString()).startsWith("read " + o.stats().stream().mapToLong(InputStats::lines).sum()
                + " lines from 2 files: " + events.size() + " events");
    }

    @Test
    void parse_missingInput_isTrouble() {
        InputSet set = inputs(dir.resolve("nowhere"));
        ParseRun.Outcome o = new ParseRun(new ParseRun.Settings(set, years(set)), parser(rules()), WALL,
                new ByteArrayInputStream(new byte[0])).run(e -> { });
        assertThat(o.inputTrouble()).isTrue();
    }

    @Test
    void rulesCheck_countsPerRuleAndProgram_andKeepsTheMissedLinesAskedFor() throws IOException {
        Path log = dir.resolve("maillog");
        Files.writeString(log, String.join("\n",
                "Mar 10 09:02:11 mx exim[4242]: " + EXIM_535.substring(20),
                "Mar 10 09:02:12 mx exim[4242]: " + EXIM_535.substring(20),
                "Mar 10 09:02:13 mx exim[4242]: dovecot_login authenticator failed for something else entirely",
                "Mar 10 09:02:14 mx mail-b: imap-login: Disconnected (auth failed, 1 attempts in 2 secs):"
                        + " user=<a@example.org>, method=PLAIN, rip=198.51.100.9, lip=203.0.113.5",
                "Mar 10 09:02:15 mx sshd[1]: Accepted password for root from 198.51.100.9 port 22 ssh2", ""));
        InputSet set = inputs(log);
        RuleSet rules = rules();
        RulesCheckRun.Outcome o = new RulesCheckRun(new RulesCheckRun.Settings(set, years(set), null, 1),
                parser(rules), rules, WALL, new ByteArrayInputStream(new byte[0])).run();

        assertThat(o.inputTrouble()).isFalse();
        assertThat(o.hits().values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(2);
        assertThat(o.hits()).containsKeys(rules.files().get(0).rules().get(0).id());
        assertThat(o.programs()).extracting(RulesCheckRun.Program::key).contains("syslog exim", "syslog sshd",
                "syslog mail-b");
        RulesCheckRun.Program exim = o.programs().stream().filter(p -> p.key().equals("syslog exim")).findFirst()
                .orElseThrow();
        assertThat(exim.lines()).isEqualTo(3);
        assertThat(exim.events()).isEqualTo(2);
        assertThat(exim.claimedBy()).startsWith("read by ").contains("exim");
        assertThat(o.dovecotLike()).containsEntry("syslog mail-b", "imap-login: ");
        assertThat(o.missedTotal()).isGreaterThanOrEqualTo(1);
        assertThat(o.missed()).hasSize(1);
        assertThat(o.missed().get(0).file()).endsWith("maillog");

        RulesCheckRun.Outcome none = new RulesCheckRun(new RulesCheckRun.Settings(set, years(set), null, 0),
                parser(rules), rules, WALL, new ByteArrayInputStream(new byte[0])).run();
        assertThat(none.missed()).isEmpty();
        assertThat(none.missedTotal()).isEqualTo(o.missedTotal());
    }

    @Test
    void rulesCheck_oneLine_isReadAsIfWrittenNow() {
        RuleSet rules = rules();
        RulesCheckRun run = new RulesCheckRun(new RulesCheckRun.Settings(null, null, null, 0), parser(rules), rules,
                WALL, new ByteArrayInputStream(new byte[0]));
        RulesCheckRun.LineCheck c = run.checkLine(EXIM_535);
        assertThat(c.parsed().status()).isEqualTo(Parsed.Status.EVENT);
        assertThat(c.parsed().event().account()).isEqualTo("hana@example.org");
        assertThat(c.claimedBy()).contains("exim");
    }
}
