package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.testing.CliCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dovecot with auth_verbose_passwords=plain writes the password a client typed. It must never leave
 * authaudit: not in events (JSON or text), not in the rules gap listing, not for --line; the event
 * keeps only a keyed fingerprint.
 */
class PlaintextPasswordTest {
    private static final String SECRET = "S3cret!";
    private static final String READ = "Aug 30 00:10:57 mx dovecot: auth(ann@example.com,192.0.2.110,sasl:login)<CvN+E95Uf4e7eEnj>:"
            + " Info: sql: Password mismatch (given password: " + SECRET + ")";
    private static final String READ_23 = "Aug 30 00:10:58 mx dovecot: auth: passwd-file(ann@example.com,192.0.2.110): Password"
            + " mismatch (given password: " + SECRET + ") - trying the next passdb";
    /** Gated but read by no rule (a shape we do not know), so it is listed by --missed. */
    private static final String MISSED = "Aug 30 00:10:59 mx dovecot: auth: passwd-file(ann@example.com,192.0.2.110): Password"
            + " mismatch in a new wording (given password: " + SECRET + ")";

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        CliCall c = CliCall.run(Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC), args);
        return new Run(c.code(), c.out(), c.err());
    }

    @Test
    void plaintextPassword_neverInAnyOutput_andEventHasFingerprint(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("dovecot.log");
        Files.write(log, List.of(READ, READ_23, MISSED), StandardCharsets.UTF_8);
        String rules = TestRules.rulesDir().toString();

        Run json = cli("parse", "--rules", rules, "--tz", "UTC", log.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        Run text = cli("parse", "--rules", rules, "--tz", "UTC", "--format", "text", log.toString());
        Run missed = cli("rules", "check", "--rules", rules, "--tz", "UTC", "--missed", log.toString());
        Run line = cli("rules", "check", "--rules", rules, "--tz", "UTC", "--line", READ);
        Run lineMissed = cli("rules", "check", "--rules", rules, "--tz", "UTC", "--line", MISSED);

        for (Run r : List.of(json, text, missed, line, lineMissed)) {
            assertThat(r.out()).doesNotContain(SECRET);
            assertThat(r.err()).doesNotContain(SECRET);
        }
        assertThat(missed.out()).contains("(given password: <redacted>)");
        assertThat(line.out()).contains("dovecot.auth-verdict-24");

        List<String> events = json.out().lines().toList();
        assertThat(events).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        for (String e : events) {
            JsonNode n = mapper.readTree(e);
            assertThat(n.path("ip").asText()).isEqualTo("192.0.2.110");
            assertThat(n.path("password_fp").asText()).matches("k[0-9a-f]{8}");
        }
        // one password, one login: one fingerprint, whichever Dovecot version wrote the line
        assertThat(mapper.readTree(events.get(0)).path("password_fp"))
                .isEqualTo(mapper.readTree(events.get(1)).path("password_fp"));
    }

    @Test
    void sha1Fingerprint_isKeptAsLogged_notTakenForAPassword() {
        LineParser parser = TestRules.parser(ZoneOffset.UTC, 2026);
        Parsed p = parser.parse(new RawLine("t", 1, "Jan 18 15:25:10 mail dovecot: auth: passwd-file(ann@example.de,192.0.2.40):"
                + " Password mismatch (SHA1 of given password: 712c344)"), Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(p.text()).contains("712c344");
        assertThat(p.event()).isInstanceOfSatisfying(AuthFailure.class, f -> assertThat(f.passwordFp()).isEqualTo("712c344"));
    }

    @Test
    void redactor_skipsTheSha1Form_butStillCutsAPlaintextAfterIt() {
        PasswordRedactor r = new PasswordRedactor(TestRules.KEY);
        assertThat(r.redact("x (SHA1 of given password: 0a1b2c)").password()).isNull();
        PasswordRedactor.Redacted both = r.redact("x (SHA1 of given password: 0a1b2c) (given password: hunter2)");
        assertThat(both.password()).isEqualTo("hunter2");
        assertThat(both.text()).contains("0a1b2c").doesNotContain("hunter2");
    }
}
