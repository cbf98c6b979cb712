package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.testing.OutsideData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the rules over fail2ban's annotated mail samples ({@code ../shared/corpus/fail2ban}, GPL test
 * data read at test time, never copied into this repository) with fail2ban's fixed clock.
 *
 * <p>Selection of the lines that must give an {@code auth_failure}: annotated {@code match: true} and
 * shaped like a real authentication failure. The shape decides, not the fail2ban mode block, because
 * upstream files keep real failures in aggressive blocks too (postfix's {@code sasl_username=} sample)
 * and non-failures that only aggressive mode bans are excluded by their shape anyway:
 * <ul>
 *   <li>exim: the {@code authenticator failed} lines;</li>
 *   <li>dovecot: every line except the summaries we deliberately do not count: no auth attempts,
 *       disconnected before auth was ready, client didn't finish SASL auth, disconnected during TLS
 *       handshake (fail2ban's aggressive mode), and "tried to use disabled/disallowed ... auth" (the
 *       password was never checked; see dovecot.login-plaintext-refused). The positive
 *       GHSA-33wh-ccjc-p397 line has that last shape; HostileInputTest covers its timing;</li>
 *   <li>postfix: the {@code SASL ... authentication failed} lines except "Invalid authentication
 *       mechanism" and "Connection lost to authentication server" (see postfix.sasl-not-credentials).</li>
 * </ul>
 * Each must give the annotated address, the annotated local time (when there is one: journal lines have
 * none) and the annotated login (when there is one). Lines annotated {@code match: false} must give no
 * {@code auth_failure} at all.
 */
class CorpusConformanceTest {
    private static final Pattern ANNOTATION = Pattern.compile("^#+ ?(failJSON|(?:file|filter)Options|addFILE):(.+)$");
    private static final Pattern NOT_COUNTED_DOVECOT = Pattern.compile("\\((?:tried to use (?:disabled|disallowed) \\w+ auth"
            + "|no auth attempts|disconnected before auth was ready|client didn't finish SASL auth"
            + "|disconnected during TLS handshake)");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** fail2ban's test clock: 2005-08-14 12:00:00 CEST. */
    private static final Instant NOW = Instant.ofEpochSecond(1124013600L);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path corpus;
    private static LineParser parser;

    /** One annotated sample line. */
    record Sample(String file, int lineNo, String text, JsonNode expect) {
        boolean match() {
            return expect.path("match").asBoolean(false);
        }
    }

    @BeforeAll
    static void setUp() {
        corpus = OutsideData.corpus("fail2ban");
        parser = TestRules.parser(PARIS, null);
    }

    @Test
    void authFailureLines_giveAnnotatedHostTimeAndUser() throws IOException {
        List<Sample> selected = new ArrayList<>();
        for (String f : List.of("exim", "dovecot", "postfix")) {
            for (Sample s : samples(f)) {
                if (s.match() && isAuthFailure(f, s.text())) {
                    selected.add(s);
                }
            }
        }
        List<String> failures = new ArrayList<>();
        for (Sample s : selected) {
            String problem = check(s);
            if (problem != null) {
                failures.add(s.file() + ":" + s.lineNo() + " " + problem + "\n      " + s.text());
            }
        }
        int passed = selected.size() - failures.size();
        System.out.printf("corpus conformance: %d of %d auth-failure lines passed%n", passed, selected.size());
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertThat(selected).as("selected lines").hasSizeGreaterThanOrEqualTo(40);
        assertThat(passed * 100.0 / selected.size()).as("pass rate; failures:%n%s", String.join("\n", failures))
                .isGreaterThanOrEqualTo(98.0);
    }

    @Test
    void matchFalseLines_giveNoAuthFailure() throws IOException {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String f : List.of("exim", "dovecot", "postfix")) {
            for (Sample s : samples(f)) {
                if (s.match()) {
                    continue;
                }
                n++;
                Parsed p = parser.parse(new RawLine(f, s.lineNo(), s.text()), NOW);
                if (p.event() instanceof AuthFailure) {
                    wrong.add(f + ":" + s.lineNo() + " read by " + p.ruleId() + ": " + s.text());
                }
            }
        }
        assertThat(n).as("match:false lines").isPositive();
        assertThat(wrong).as("auth_failure from match:false lines").isEmpty();
    }

    private static boolean isAuthFailure(String file, String text) {
        switch (file) {
            case "exim":
                return text.contains("authenticator failed");
            case "dovecot":
                return !NOT_COUNTED_DOVECOT.matcher(text).find();
            case "postfix":
                return text.contains(": SASL ") && text.contains(" authentication failed")
                        && !text.contains("Invalid authentication mechanism")
                        && !text.contains("Connection lost to authentication server");
            default:
                return false;
        }
    }

    /** Returns null when the line gives what its annotation says, else what differs. */
    private static String check(Sample s) {
        Parsed p = parser.parse(new RawLine(s.file(), s.lineNo(), s.text()), NOW);
        if (!(p.event() instanceof AuthFailure e)) {
            return "no auth_failure (" + p.status().name().toLowerCase(Locale.ROOT)
                    + (p.ruleId() == null ? "" : " by " + p.ruleId()) + ")";
        }
        String host = s.expect().path("host").asText();
        String want = Addresses.normalize(host);
        if (!(want == null ? host : want).equals(e.ip())) {
            return "ip " + e.ip() + ", annotated " + host;
        }
        if (s.expect().has("time")) {
            LocalDateTime annotated = LocalDateTime.parse(s.expect().get("time").asText());
            LocalDateTime got = e.time().atZoneSameInstant(PARIS).toLocalDateTime();
            if (annotated.getNano() == 0) {
                got = got.truncatedTo(ChronoUnit.SECONDS);
            }
            if (!annotated.equals(got)) {
                return "time " + got + ", annotated " + annotated;
            }
        }
        if (s.expect().has("user")) {
            String user = s.expect().get("user").asText().toLowerCase(Locale.ROOT);
            if (!user.equals(e.account())) {
                return "account " + e.account() + ", annotated " + user;
            }
        }
        return null;
    }

    /** Reads one sample file: each failJSON describes the next physical line. */
    private static List<Sample> samples(String name) throws IOException {
        List<String> lines = Files.readAllLines(corpus.resolve(name), StandardCharsets.UTF_8);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ANNOTATION.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("failJSON") && i + 1 < lines.size()) {
                out.add(new Sample(name, i + 2, lines.get(i + 1), JSON.readTree(m.group(2))));
            }
        }
        return out;
    }
}
