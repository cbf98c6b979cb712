package dev.authaudit.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.event.EventJson;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.rules.Example;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every rule's inline examples, the way fail2ban's sample tests do: each example must be read by
 * its own rule and by no other, must give exactly the expected fields, and each counter example must
 * not be matched by its rule. Examples resolve in UTC, and year-less stamps in {@value #EXAMPLE_YEAR}.
 */
public final class RuleVerifier {
    /** The year given to year-less example lines. */
    public static final int EXAMPLE_YEAR = 2026;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RuleSet rules;
    private final LineParser parser;
    /** The same rules read by their regex patterns alone: the checker of the field templates. */
    private final LineParser patternsOnly;
    private final EventJson json = new EventJson();

    public RuleVerifier(RuleSet rules) {
        this.rules = rules;
        PasswordRedactor redactor = new PasswordRedactor("rule-examples-key-0123456789"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        this.parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, EXAMPLE_YEAR), redactor);
        this.patternsOnly = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, EXAMPLE_YEAR), redactor, false);
    }

    /** The result of one example. */
    public record Check(ParserRule rule, Example example, boolean counter, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }

        /** Returns "file:line rule-id", where the example stands. */
        public String where() {
            return rule.file() + ":" + example.yamlLine() + " " + rule.id();
        }
    }

    /** Runs all examples of all rules. */
    public List<Check> verifyAll() {
        List<Check> out = new ArrayList<>();
        for (ParserRule r : rules.rules()) {
            out.addAll(verify(r));
        }
        return out;
    }

    /** Runs one rule's examples and counter examples. */
    public List<Check> verify(ParserRule rule) {
        List<Check> out = new ArrayList<>();
        for (Example ex : rule.examples()) {
            out.add(new Check(rule, ex, false, positive(rule, ex)));
        }
        for (Example ex : rule.counterExamples()) {
            List<String> f = new ArrayList<>();
            if (matches(rule, ex.line())) {
                f.add("counter example is matched by the rule" + (ex.why() == null ? "" : " (" + ex.why() + ")"));
            }
            String t = templateDisagreement(ex.line());
            if (t != null) {
                f.add(t);
            }
            out.add(new Check(rule, ex, true, f));
        }
        return out;
    }

    private List<String> positive(ParserRule rule, Example ex) {
        List<String> failures = new ArrayList<>();
        for (ParserRule other : rules.rules()) {
            if (other != rule && matches(other, ex.line())) {
                failures.add("also matched by rule " + other.id() + "; a line must match one rule only");
            }
        }
        Envelope env = parser.envelope(ex.line());
        String diff = rule.pattern().disagreement(ex.line().substring(env.messageStart()));
        if (diff != null) {
            failures.add("the pattern means different things to the two regex engines: " + diff);
        }
        String t = templateDisagreement(ex.line());
        if (t != null) {
            failures.add(t);
        }
        Parsed p = parser.parse(new RawLine("example", ex.yamlLine(), ex.line()), Instant.parse("2026-12-31T00:00:00Z"));
        if (p.status() == Parsed.Status.UNRELATED) {
            failures.add("no gate literal of source " + rule.source() + " occurs in the line; extend 'gate'");
            return failures;
        }
        if (!rule.id().equals(p.ruleId())) {
            failures.add(p.ruleId() == null ? "no rule matched the line (" + p.status().name().toLowerCase() + ")"
                    : "read by rule " + p.ruleId() + " instead");
            return failures;
        }
        if (p.status() == Parsed.Status.IGNORED) {
            if (!ex.expect().isEmpty()) {
                failures.add("an ignore rule gives no fields; remove 'expect'");
            }
            return failures;
        }
        if (p.status() != Parsed.Status.EVENT) {
            failures.add("matched, but " + p.status().name().toLowerCase() + ": " + p.problem());
            return failures;
        }
        JsonNode got;
        try {
            got = MAPPER.readTree(json.toJson(p.event()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> e : ex.expect().entrySet()) {
            JsonNode v = got.get(e.getKey());
            String actual = v == null || v.isNull() ? "null" : v.isArray() ? join(v) : v.asText();
            String want = e.getValue();
            boolean ok = e.getKey().equals("time") ? actual.startsWith(want) : actual.equals(want);
            if (!ok) {
                failures.add(e.getKey() + ": expected '" + want + "' but got '" + actual + "'");
            }
        }
        return failures;
    }

    /**
     * Returns true when the rule would read the line: its source claims the line's program and the
     * pattern matches the message (the text after the program tag).
     */
    private boolean matches(ParserRule rule, String line) {
        if (!rule.admits(line)) {
            return false;
        }
        Envelope env = parser.envelope(line);
        if (!parser.claims(env, rule.source())) {
            return false;
        }
        return rule.pattern().matcher(line, env.messageStart()).find();
    }

    /**
     * Returns how the rules read a line differently with their field templates than with their patterns
     * alone (outcome, rule or any field of the event), or null when they agree.
     */
    public String templateDisagreement(String line) {
        Instant at = Instant.parse("2026-12-31T00:00:00Z");
        Parsed a = parser.parse(new RawLine("example", 1, line), at);
        Parsed b = patternsOnly.parse(new RawLine("example", 1, line), at);
        if (a.status() != b.status() || !java.util.Objects.equals(a.ruleId(), b.ruleId())) {
            return "the field template reads the line as " + a.status() + " " + a.ruleId() + " but the pattern as "
                    + b.status() + " " + b.ruleId();
        }
        if (a.event() != null) {
            String ja = json.toJson(a.event());
            String jb = json.toJson(b.event());
            if (!ja.equals(jb)) {
                return "the field template gives " + ja + " but the pattern " + jb;
            }
        }
        return null;
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(",", parts);
    }
}
