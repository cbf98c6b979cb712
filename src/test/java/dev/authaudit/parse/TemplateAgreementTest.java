package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.rules.FieldTemplate;
import dev.authaudit.rules.ParserRule;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import dev.authaudit.ingest.RawLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A field template is a shortcut for its rule's pattern, never another reading: on every near miss of
 * the usual shape (a field one character too short or too long, a character the pattern refuses, an
 * anchor written twice) the template either reads the line exactly as the pattern does or leaves it to
 * the pattern.
 */
class TemplateAgreementTest {
    private static final String EXIM = "2025-03-31 00:00:00 [10000] ";
    private static final String USUAL = "dovecot_login authenticator failed for (User) [45.0.0.1]:1055"
            + " I=[203.0.113.10]:465: 535 Incorrect authentication data (set_id=user@example.com)";
    private static final String DOVECOT = "Dec  6 12:00:02 mx dovecot[901]: ";
    private static final String LOGIN = "imap-login: Login: user=<bob@example.test>, method=PLAIN, rip=192.0.2.50,"
            + " lip=192.0.2.1, mpid=2212, TLS, session=<Xa1b2C3d4E5g>";

    private static RuleVerifier checker;

    @BeforeAll
    static void setUp() {
        checker = new RuleVerifier(TestRules.load());
    }

    private static ParserRule rule(String id) {
        return TestRules.load().rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static boolean byTemplate(ParserRule rule, String message) {
        int[] bounds = new int[64];
        for (FieldTemplate t : rule.templates()) {
            if (t.match(message, 0, bounds)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> eximNearMisses() {
        List<String> m = new ArrayList<>();
        for (String helo : List.of("Us er", "Us\ter", "Us\u000Ber", "Us\fer", "Us\rer", "Us\ner", "", "U(ser", "U)ser",
                "[45.0.0.1]", "x".repeat(255), "x".repeat(256), "a) [198.51.100.9]:1 I=[192.0.2.1]:25: 535 x", "\u00e9\u2028")) {
            m.add(USUAL.replace("(User)", "(" + helo + ")"));
        }
        for (String ip : List.of("4", "45", "4".repeat(45), "4".repeat(46), "45.0.0.1 ", "45.0.0.g", "2001:db8::1")) {
            m.add(USUAL.replace("[45.0.0.1]", "[" + ip + "]"));
            m.add(USUAL.replace("[203.0.113.10]", "[" + ip + "]"));
        }
        for (String port : List.of("", "1", "12345", "123456", "1a5", " 1055", "1055 U=ident")) {
            m.add(USUAL.replace(":1055 ", ":" + port + " "));
            m.add(USUAL.replace(":465:", ":" + port + ":"));
        }
        for (String login : List.of("", "a)", "a) (set_id=b", "a\nb", "a\u2028", "x".repeat(300), "a)\u2028")) {
            m.add(USUAL.replace("user@example.com", login));
        }
        m.add(USUAL + " ");
        m.add(USUAL + ")");
        m.add(USUAL.replace("dovecot_login", "dovecot/login"));
        m.add(USUAL.replace("dovecot_login", "x".repeat(65)));
        m.add(USUAL.replace(":465:", ":465 Ci=3041:"));
        m.add(USUAL.replace("data (", "data: 3 Time(s) ("));
        m.add(USUAL.replace("for (User)", "for H=mx.example.com (User)"));
        m.add(USUAL.replace(" I=[203.0.113.10]:465", ""));
        return m;
    }

    @Test
    void eximUsualShapes_areReadByTheTemplates() {
        String noInterface = USUAL.replace(" I=[203.0.113.10]:465", "");
        for (String message : List.of(USUAL, noInterface)) {
            assertThat(byTemplate(rule("exim.auth-failed"), message)).as(message).isTrue();
            assertThat(checker.templateDisagreement(EXIM + message)).isNull();
        }
    }

    @Test
    void eximNearMisses_readAsThePatternReadsThem() {
        for (String message : eximNearMisses()) {
            assertThat(checker.templateDisagreement(EXIM + message)).as(message).isNull();
            // and the same near miss in the shape without the interface
            String other = message.replace(" I=[203.0.113.10]:465", "");
            assertThat(checker.templateDisagreement(EXIM + other)).as(other).isNull();
        }
    }

    @Test
    void addressesShorterThanThePatternsAllow_areLeftToThePattern() {
        ParserRule exim = rule("exim.auth-failed");
        assertThat(byTemplate(exim, USUAL.replace("[45.0.0.1]", "[4]"))).isFalse();
        assertThat(byTemplate(exim, USUAL.replace("[203.0.113.10]", "[2]"))).isFalse();
        ParserRule dovecot = rule("dovecot.login-success");
        assertThat(byTemplate(dovecot, LOGIN)).isTrue();
        assertThat(byTemplate(dovecot, LOGIN.replace("rip=192.0.2.50", "rip=1"))).isFalse();
        assertThat(checker.templateDisagreement(DOVECOT + LOGIN.replace("rip=192.0.2.50", "rip=1"))).isNull();
        assertThat(checker.templateDisagreement(DOVECOT + LOGIN.replace("lip=192.0.2.1", "lip=1"))).isNull();
        assertThat(checker.templateDisagreement(DOVECOT + LOGIN.replace("bob@", "bob\n@"))).isNull();
    }

    @Test
    void valuesReadInPlace_giveWhatTheirCopiesGave() {
        // the login, port and source port a template matched are read where they stand (FieldSpans): trimmed,
        // bracketed, upper-case and long logins, and ports at and past the top of the range (an unusable line's
        // reason included), read through one memo in turn as a file's lines are
        PasswordRedactor redactor = new PasswordRedactor(new byte[16]);
        LineParser templates = new LineParser(TestRules.load(), new TimeResolver(java.time.ZoneOffset.UTC, 2025), redactor);
        LineParser patterns = new LineParser(TestRules.load(), new TimeResolver(java.time.ZoneOffset.UTC, 2025), redactor,
                false);
        List<String> lines = new ArrayList<>();
        for (String login : List.of(" Bob@Example.COM ", "<a@b>", "< x >", "<>", "<", "a b", "\u00c9mile@x", "x".repeat(300),
                "USER@EXAMPLE.COM", "user@example.com")) {
            lines.add(EXIM + USUAL.replace("user@example.com", login));
            lines.add(DOVECOT + LOGIN.replace("bob@example.test", login));
        }
        for (String port : List.of("0", "00025", "65535", "65536", "99999")) {
            lines.add(EXIM + USUAL.replace(":465:", ":" + port + ":"));
            lines.add(EXIM + USUAL.replace(":1055 ", ":" + port + " "));
        }
        Instant at = Instant.parse("2026-12-31T00:00:00Z");
        LineParser.Memo a = new LineParser.Memo();
        LineParser.Memo b = new LineParser.Memo();
        for (int round = 0; round < 2; round++) {
            for (String line : lines) {
                Parsed x = templates.parse(new RawLine("f", 1, line), at, null, a);
                Parsed y = patterns.parse(new RawLine("f", 1, line), at, null, b);
                assertThat(x.status()).as(line).isEqualTo(y.status());
                assertThat(x.problem()).as(line).isEqualTo(y.problem());
                assertThat(String.valueOf(x.event())).as(line).isEqualTo(String.valueOf(y.event()));
                assertThat(checker.templateDisagreement(line)).as(line).isNull();
            }
        }
    }
}
