package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.rules.Emits;
import dev.authaudit.rules.Example;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleFile;
import dev.authaudit.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Injection cases generated from the rules themselves, not hand-picked: every example line of every
 * event rule is smuggled into every attacker-controlled field (the rule files' {@code
 * attacker_controlled}) of every other rule's examples, and into lines of programs no rule file claims
 * (sshd, a webmail, cron, Postfix's cleanup, Exim and Postfix rejects with a client's sender). Each
 * hostile line must give no event but its carrier's own: the same rule, type, address, port, time and
 * attempt count as the carrier example gave unchanged (the smuggled text may only become the login).
 *
 * <p>A field is filled as the daemon would log it: Dovecot's passdb lines and pam_unix never hold a
 * space in the login (auth_username_chars refuses it before the passdb runs) and the passdb prefix
 * cuts it at 64 characters, and Exim refuses a HELO with spaces or parentheses; there the payload is
 * sent with those characters taken out. A long payload is cut where the rule's field ends.
 */
class InjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant REF = Instant.parse("2026-12-31T00:00:00Z");
    private static final List<String> SAME = List.of("type", "ip", "port", "time", "attempts", "protocol", "trigger");

    private static RuleSet rules;
    private static LineParser parser;
    private static RuleVerifier checker;
    private static final EventJson EVENT_JSON = new EventJson();

    @BeforeAll
    static void setUp() {
        rules = TestRules.load();
        parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, RuleVerifier.EXAMPLE_YEAR),
                new PasswordRedactor(TestRules.KEY));
        checker = new RuleVerifier(rules);
    }

    /** One example line that gives an event, with the attacker-controlled fields it carries. */
    record Carrier(ParserRule rule, Example example, Set<String> fields) {
    }

    private static List<Carrier> carriers() {
        List<Carrier> out = new ArrayList<>();
        for (RuleFile f : rules.files()) {
            for (ParserRule r : f.rules()) {
                if (r.emits() == Emits.IGNORE) {
                    continue;
                }
                for (Example ex : r.examples()) {
                    Set<String> fields = new LinkedHashSet<>();
                    for (String field : f.attackerControlled().keySet()) {
                        String v = ex.expect().get(field);
                        if (v != null && !"null".equals(v) && !v.isEmpty() && occurrences(ex.line(), v) == 1) {
                            fields.add(field);
                        }
                    }
                    out.add(new Carrier(r, ex, fields));
                }
            }
        }
        return out;
    }

    /** Every event rule's example lines, whole and as the message alone (after the program tag). */
    private static List<String> payloads() {
        Set<String> out = new LinkedHashSet<>();
        for (ParserRule r : rules.rules()) {
            if (r.emits() == Emits.IGNORE) {
                continue;
            }
            for (Example ex : r.examples()) {
                out.add(ex.line());
                Envelope env = parser.envelope(ex.line());
                if (env.messageStart() > 0) {
                    out.add(ex.line().substring(env.messageStart()));
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Test
    void everyExampleSmuggledIntoEveryAttackerField_forgesNothingAndLosesNoCarrier() {
        List<Carrier> carriers = carriers();
        List<String> payloads = payloads();
        List<String> forged = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        int cases = 0;
        int fieldsUsed = 0;
        Set<String> rulesCovered = new LinkedHashSet<>();
        for (Carrier c : carriers) {
            if (c.fields().isEmpty()) {
                continue;
            }
            JsonNode base = event(c.example().line());
            assertThat(base).as("carrier %s gives its event", c.example().line()).isNotNull();
            for (String field : c.fields()) {
                fieldsUsed++;
                rulesCovered.add(c.rule().id());
                String value = c.example().expect().get(field);
                for (String payload : payloads) {
                    String smuggled = asLogged(c.rule(), field, payload);
                    String hostile = replaceOnce(c.example().line(), value, smuggled);
                    cases++;
                    String disagreement = checker.templateDisagreement(hostile);
                    if (disagreement != null) {
                        forged.add(c.rule().id() + " [" + field + "] template and pattern disagree: " + disagreement);
                    }
                    Parsed p = parse(hostile);
                    if (p.event() == null) {
                        lost.add(c.rule().id() + " [" + field + "] lost its event (" + p.status() + "): " + hostile);
                        continue;
                    }
                    JsonNode got = json(p.event());
                    String diff = differs(base, got);
                    if (diff != null || !c.rule().id().equals(p.ruleId())) {
                        forged.add(c.rule().id() + " [" + field + "] read by " + p.ruleId() + ", " + diff + ": " + hostile);
                    }
                }
            }
        }
        System.out.printf("injection: %d hostile lines from %d payloads into %d fields of %d rules: %d forged,"
                + " %d carriers lost%n", cases, payloads.size(), fieldsUsed, rulesCovered.size(), forged.size(), lost.size());
        assertThat(rulesCovered).as("rules with an attacker-controlled field in their examples")
                .contains("dovecot.login-success", "dovecot.login-auth-failed", "dovecot.auth-verdict",
                        "exim.auth-failed", "exim.auth-success", "postfix.sasl-failed", "postfix.sasl-success");
        forged.stream().limit(40).forEach(x -> System.out.println("  FORGED " + x));
        lost.stream().limit(200).forEach(x -> System.out.println("  LOST " + x));
        assertThat(forged).as("forged events").isEmpty();
        assertThat(lost).as("carrier events lost").isEmpty();
    }

    /** Lines of programs no rule file claims, and client text in lines that are no verdict. */
    private static final List<String> FOREIGN = List.of(
            "Dec  6 12:00:00 mx sshd[811]: Invalid user %s from 203.0.113.201 port 50022",
            "Dec  6 12:00:00 mx sshd[811]: Failed password for invalid user %s from 203.0.113.201 port 50022 ssh2",
            "Dec  6 12:00:00 mx roundcube: IMAP Error: Login failed for %s from 203.0.113.202. AUTHENTICATE PLAIN",
            "Dec  6 12:00:00 mx CRON[4242]: (%s) CMD (/usr/local/bin/backup)",
            "Dec  6 12:00:00 mx postfix/cleanup[1200]: 4XyZ1k2Lmnz9abc: message-id=<%s>",
            "Dec  6 12:00:00 mx postfix/smtpd[1201]: NOQUEUE: reject: RCPT from unknown[198.51.100.201]: 554 5.7.1"
                    + " <a@example.test>: Relay access denied; from=<%s> to=<b@example.org> proto=ESMTP helo=<x>",
            "2026-12-06 12:00:00 H=(x) [198.51.100.202]:40000 F=<%s> rejected RCPT <a@example.org>: relay not permitted",
            "2026-12-06 12:00:00 1tRxyz-000999-AB ** %s R=dnslookup T=remote_smtp: host lookup did not complete",
            "Dec  6 12:00:00 mx dovecot: imap-login: Disconnected (no auth attempts in 2 secs): user=<%s>, rip=198.51.100.203, lip=192.0.2.1",
            "Dec  6 12:00:00 mx dovecot: imap(%s)<4242><Ab1Cd2Ef3Gh4>: Disconnected: Logged out in=12 out=345",
            "<38>1 2026-12-06T12:00:00.000Z mx sshd 811 - - Invalid user %s from 203.0.113.203 port 50022",
            "mx sshd[811]: Invalid user %s from 203.0.113.204 port 50022",
            "Dec  6 12:00:00 mx php-fpm: [WARNING] webmail login failed: %s",
            "Dec  6 12:00:00 mx kernel: [123.456] audit: comm=\"%s\" pid=1");

    @Test
    void examplesInLinesOfOtherPrograms_giveNoEvent() {
        List<String> forged = new ArrayList<>();
        int cases = 0;
        for (String carrier : FOREIGN) {
            for (String payload : payloads()) {
                String hostile = String.format(Locale.ROOT, carrier, payload);
                cases++;
                Parsed p = parse(hostile);
                if (p.event() != null) {
                    forged.add(p.ruleId() + ": " + hostile);
                }
            }
        }
        System.out.printf("injection: %d lines of unclaimed programs or non-verdicts: %d events%n", cases, forged.size());
        assertThat(forged).as("events from lines that carry no verdict of a claimed program").isEmpty();
    }

    private static final Pattern ANNOTATION = Pattern.compile("^#+ ?failJSON:(.+)$");

    /**
     * fail2ban's samples (GPL, read from ../shared at test time): every annotated line whose annotation
     * or comment speaks of an injection gives either nothing or the annotated address; no line of any
     * sample gives an address other than the annotated one.
     */
    @Test
    void corpusSamples_neverGiveAnAddressOtherThanTheAnnotatedOne() throws IOException {
        Path corpus = TestRules.repo().resolve("../shared/corpus/fail2ban").normalize();
        assumeTrue(Files.isDirectory(corpus), "SKIPPED LOUDLY: fail2ban corpus not found at " + corpus);
        LineParser paris = TestRules.parser(java.time.ZoneId.of("Europe/Paris"), null);
        List<String> wrong = new ArrayList<>();
        int injections = 0;
        int checked = 0;
        try (var files = Files.list(corpus)) {
            for (Path f : files.sorted().toList()) {
                if (f.getFileName().toString().endsWith(".md")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                boolean injectionComment = false;
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i);
                    if (l.startsWith("#")) {
                        injectionComment |= l.toLowerCase(Locale.ROOT).contains("inject");
                    }
                    Matcher m = ANNOTATION.matcher(l);
                    if (!m.matches() || i + 1 >= lines.size()) {
                        if (!l.startsWith("#")) {
                            injectionComment = false;
                        }
                        continue;
                    }
                    JsonNode note = JSON.readTree(m.group(1));
                    String text = lines.get(i + 1);
                    boolean injection = injectionComment || note.path("desc").asText().toLowerCase(Locale.ROOT).contains("inject");
                    injectionComment = false;
                    injections += injection ? 1 : 0;
                    Parsed p = paris.parse(new RawLine(f.getFileName().toString(), i + 2, text),
                            Instant.ofEpochSecond(1124013600L));
                    if (p.event() == null) {
                        continue;
                    }
                    checked++;
                    String host = note.path("host").asText(null);
                    String ip = json(p.event()).path("ip").asText();
                    if (host == null && !injection) {
                        continue; // nothing to judge the address by (fail2ban's own bans in the recidive sample)
                    }
                    String want = host == null ? null : Addresses.normalize(host);
                    if (want == null ? host == null || !host.equals(ip) : !want.equals(ip)) {
                        wrong.add(f.getFileName() + ":" + (i + 2) + " " + p.ruleId() + " gave " + ip + ", annotated "
                                + host + (injection ? " (injection sample)" : "") + ": " + text);
                    }
                }
            }
        }
        System.out.printf("corpus: %d injection samples; %d events checked against their annotation, %d wrong%n",
                injections, checked, wrong.size());
        assertThat(injections).as("injection samples found").isGreaterThanOrEqualTo(10);
        assertThat(wrong).as("events with an address other than the annotated one").isEmpty();
    }

    /** The payload as the daemon would log it in this field of this rule. */
    private static String asLogged(ParserRule rule, String field, String payload) {
        String id = rule.id();
        if (field.equals("helo")) {
            String s = payload.replaceAll("[\\s()]", "");
            return s.length() > 255 ? s.substring(0, 255) : s;
        }
        if (id.equals("dovecot.pam-unix")) {
            return payload.replaceAll("\\s", "");
        }
        if (id.startsWith("dovecot.auth-verdict")) {
            String s = payload.replaceAll("\\s", "");
            return s.length() > 64 ? s.substring(0, 64) : s;
        }
        return payload;
    }

    private static Parsed parse(String line) {
        return parser.parse(new RawLine("injection", 1, line), REF);
    }

    private static JsonNode event(String line) {
        LogEvent e = parse(line).event();
        return e == null ? null : json(e);
    }

    private static JsonNode json(LogEvent e) {
        try {
            return JSON.readTree(EVENT_JSON.toJson(e));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Returns which of the carrier's own fields changed, or null. */
    private static String differs(JsonNode base, JsonNode got) {
        for (String k : SAME) {
            String a = base.path(k).asText(null);
            String b = got.path(k).asText(null);
            if (a == null ? b != null : !a.equals(b)) {
                return k + " " + a + " -> " + b;
            }
        }
        return null;
    }

    private static int occurrences(String line, String value) {
        String l = line.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        int n = 0;
        for (int i = l.indexOf(v); i >= 0; i = l.indexOf(v, i + 1)) {
            n++;
        }
        return n;
    }

    private static String replaceOnce(String line, String value, String with) {
        int i = line.toLowerCase(Locale.ROOT).indexOf(value.toLowerCase(Locale.ROOT));
        return line.substring(0, i) + with + line.substring(i + value.length());
    }
}
