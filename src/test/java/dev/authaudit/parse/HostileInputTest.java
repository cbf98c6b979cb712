package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.rules.Example;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the rules what an attacker can put in a log: the GHSA-33wh-ccjc-p397 ReDoS shapes, 100 KB runs
 * of what each pattern repeats, fake addresses in every client-controlled field, binary garbage and
 * invalid UTF-8. Nothing may hang (RE2 is linear: each line should take milliseconds; the bound is
 * generous for a loaded CI machine), throw, or report an address that is not the real peer.
 */
class HostileInputTest {
    private static final Duration PER_LINE = Duration.ofSeconds(2);
    private static final Instant REF = Instant.parse("2026-12-31T00:00:00Z");
    /** The address an attacker wants blamed (RFC 5737). */
    private static final String FAKE = "203.0.113.66";
    private static final int KB100 = 100 * 1024;

    private final RuleSet rules = TestRules.load();
    private final LineParser parser = TestRules.parser(ZoneOffset.UTC, 2026);

    private static volatile long worstNanos;
    private static volatile String worstLine = "";
    private static boolean warm;

    /**
     * Runs every rule over a few long lines untimed first: the bound is about the matching algorithm,
     * and a cold JIT on a shared CI machine can cost more than the matching itself.
     */
    @BeforeEach
    void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        for (String unit : List.of("a: ", "(", "9")) {
            for (ParserRule r : rules.rules()) {
                String line = r.examples().get(0).line();
                parser.parse(new RawLine("warm-up", 1, line + run(unit, KB100)), REF);
            }
        }
    }

    private Parsed parse(String line) {
        return assertTimeoutPreemptively(PER_LINE, () -> {
            long t0 = System.nanoTime();
            Parsed p = parser.parse(new RawLine("hostile", 1, line), REF);
            long took = System.nanoTime() - t0;
            if (took > worstNanos) {
                worstNanos = took;
                worstLine = line.length() + " chars: " + line.substring(0, Math.min(100, line.length()));
            }
            return p;
        }, () -> "took longer than " + PER_LINE + ": " + line.substring(0, Math.min(160, line.length())));
    }

    @AfterAll
    static void report() {
        System.out.printf("hostile input: slowest line %.1f ms (%s)%n", worstNanos / 1e6, worstLine);
    }

    private static String run(String unit, int length) {
        return unit.repeat(Math.max(1, length / unit.length()));
    }

    @Test
    void redosShapes_areReadInLinearTime() {
        String head = "Aug 31 16:06:05 mx1 dovecot: imap-login: Disconnected: ";
        // the advisory's positive shape: a plaintext refusal behind a run of "a: "
        Parsed positive = parse(head + "a: ".repeat(22) + "(reason: some unknown reason) (tried to use disallowed test auth):"
                + " user=<>, rip=192.0.2.111");
        assertThat(positive.status()).isEqualTo(Parsed.Status.IGNORED);
        assertThat(positive.ruleId()).isEqualTo("dovecot.login-plaintext-refused");
        // the bypass shape: no summary and no address
        Parsed negative = parse(head + "a: ".repeat(22) + "test no match");
        assertThat(negative.event()).isNull();
        // the same at 100 KB
        assertThat(parse(head + run("a: ", KB100) + "(auth failed, 1 attempts): user=<>, rip=" + FAKE).event()).isNull();
        assertThat(parse(head + run("a: ", KB100) + "test no match").event()).isNull();
    }

    @Test
    void longRuns_inEveryField_areFastAndNeverBlameAFakeAddress() {
        List<String> units = List.of("a: ", "(", "user=<", ">", "9", ", ", "rip=" + FAKE + ", ", "[" + FAKE + "] ",
                "rhost=" + FAKE + " ", " ");
        List<String> heads = List.of(
                "Mar  2 10:00:00 mx dovecot: imap-login: Disconnected ",
                "Mar  2 10:00:00 mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 4 secs): user=<",
                "Mar  2 10:00:00 mx dovecot: imap-login: Login: user=<",
                "Mar  2 10:00:00 mx dovecot: auth: passwd-file(",
                "Mar  2 10:00:00 mx dovecot: auth-worker(",
                "Mar  2 10:00:00 mx dovecot: auth(",
                "Mar  2 10:00:00 mx auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=",
                "Mar  2 10:00:00 mx postfix/smtpd[1]: warning: ",
                "Mar  2 10:00:00 mx postfix/smtpd[1]: warning: unknown[192.0.2.1]: SASL LOGIN authentication failed: ,"
                        + " sasl_username=",
                "Mar  2 10:00:00 mx postfix/smtpd[1]: 1A2B3C4D5E: client=unknown[192.0.2.1], sasl_method=PLAIN, sasl_username=",
                "2025-03-01 08:00:01 dovecot_login authenticator failed for (",
                "2025-03-01 08:00:01 dovecot_login authenticator failed for ([1.2.3.4]) [192.0.2.1]:4000: 535 Incorrect"
                        + " authentication data (set_id=");
        List<String> tails = List.of("", "): user=<x>, method=PLAIN, rip=" + FAKE + "): Password mismatch");
        for (String head : heads) {
            for (String unit : units) {
                for (String tail : tails) {
                    Parsed p = parse(head + run(unit, KB100) + tail);
                    if (p.event() != null) {
                        assertThat(p.event().ip()).as("%s x %s + %s", head, unit, tail).isNotEqualTo(FAKE);
                    }
                }
            }
        }
    }

    /**
     * Each rule's own examples with 100 KB of each repeated unit spliced in at a few places: the rule
     * may or may not still match, but it must be quick and may only ever name the example's own peer.
     */
    @TestFactory
    Stream<DynamicTest> everyRule_survivesSplicedRuns() {
        List<String> units = List.of("a: ", "(", "user=<", "0", ", rip=" + FAKE, "[" + FAKE + "]");
        return rules.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            Example ex = rule.examples().get(0);
            String line = ex.line();
            String want = ex.expect().get("ip");
            for (String unit : units) {
                for (int at : new int[] {line.length() / 2, line.length() - 1}) {
                    Parsed p = parse(line.substring(0, at) + run(unit, KB100) + line.substring(at));
                    LogEvent e = p.event();
                    if (e != null && want != null) {
                        assertThat(e.ip()).as("%s with %s at %d", rule.id(), unit, at)
                                .isEqualTo(Addresses.normalize(want));
                    }
                }
            }
        }));
    }

    @Test
    void fakeAddresses_inClientFields_neverBecomeTheIp() {
        String[][] cases = {
            // exim HELO and set_id
            {"2025-03-01 08:00:01 dovecot_login authenticator failed for ([" + FAKE + "]) [198.51.100.9]:40000: 535 Incorrect"
                    + " authentication data (set_id=a@example.com)", "198.51.100.9"},
            {"2025-03-01 08:00:01 dovecot_login authenticator failed for (x) [198.51.100.9]:40000: 535 Incorrect"
                    + " authentication data (set_id=x) [" + FAKE + "]:1: 535 Incorrect authentication data (set_id=y)",
                "198.51.100.9"},
            // dovecot user=<...>
            {"Mar  2 10:00:01 mx dovecot: pop3-login: Aborted login (auth failed, 1 attempts in 2 secs): user=<u>, method=PLAIN,"
                    + " rip=" + FAKE + ", lip=192.0.2.1>, method=PLAIN, rip=198.51.100.10, lip=192.0.2.1", "198.51.100.10"},
            {"Mar  2 10:00:01 mx dovecot: imap-login: Login: user=<u>, rip=" + FAKE + ">, method=PLAIN, rip=198.51.100.11",
                "198.51.100.11"},
            // dovecot auth verdict login
            {"Mar  2 10:00:01 mx dovecot: auth: sql(u," + FAKE + ",<abc>): Password mismatch,198.51.100.12): unknown user",
                "198.51.100.12"},
            {"Mar  2 10:00:01 mx dovecot: auth(u," + FAKE + ",sasl:plain)<s>: sql: unknown user,198.51.100.13)<t>: sql:"
                    + " Password mismatch", "198.51.100.13"},
            // pam ruser
            {"Mar  2 10:00:01 mx auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot"
                    + " ruser=rhost=" + FAKE + " rhost=198.51.100.14", "198.51.100.14"},
            // postfix sasl_username and client name
            {"Mar  2 10:00:01 mx postfix/smtpd[1]: warning: unknown[198.51.100.15]: SASL LOGIN authentication failed:"
                    + " (reason unavailable), sasl_username=[" + FAKE + "]", "198.51.100.15"},
            {"Mar  2 10:00:01 mx postfix/smtpd[1]: warning: " + FAKE + "[198.51.100.16]: SASL LOGIN authentication failed:"
                    + " UGFzc3dvcmQ6", "198.51.100.16"},
            {"Mar  2 10:00:01 mx postfix/smtpd[1]: 1A2B3C4D5E: client=unknown[198.51.100.17], sasl_method=PLAIN,"
                    + " sasl_username=x, client=unknown[" + FAKE + "]", "198.51.100.17"},
        };
        for (String[] c : cases) {
            Parsed p = parse(c[0]);
            assertThat(p.event()).as("event from %s (%s)", c[0], p.status()).isNotNull();
            assertThat(p.event().ip()).as(c[0]).isEqualTo(c[1]);
        }
        // a fake summary in the login of a session that never tried: no failure at all
        Parsed p = parse("Mar  2 10:00:02 mx dovecot: imap-login: Disconnected (no auth attempts in 2 secs): user=<x (auth failed,"
                + " 5 attempts): user=<y>, rip=" + FAKE + ">, rip=198.51.100.18, lip=192.0.2.1");
        assertThat(p.event() instanceof AuthFailure).as("auth_failure from %s", p.ruleId()).isFalse();
    }

    @Test
    void binaryGarbageAndBadUtf8_areCountedNeverThrown(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String good = "Mar  2 10:00:03 mx dovecot: imap-login: Disconnected (auth failed, 2 attempts in 4 secs): user=<ann>,"
                + " method=PLAIN, rip=198.51.100.19, lip=192.0.2.1\n";
        b.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {'a', 0, 0, 'b', 0x7f, 0, '\n'});                        // NUL bytes: binary
        b.writeBytes("Mar  2 10:00:04 mx dovecot: imap-login: Login: user=<".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, (byte) 0xe2, (byte) 0x82});
        b.writeBytes(">, method=PLAIN, rip=198.51.100.20\n".getBytes(StandardCharsets.UTF_8)); // invalid UTF-8
        b.writeBytes(("x".repeat(200_000) + "\n").getBytes(StandardCharsets.UTF_8));       // oversized
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        b.writeBytes(noise);                                                             // random bytes
        b.writeBytes(("\n" + good).getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xc3});                                          // truncated sequence at EOF
        Path f = dir.resolve("hostile.log");
        Files.write(f, b.toByteArray());

        List<LogEvent> events = new ArrayList<>();
        InputFile in = new InputFile(f, f.toString(), REF);
        try (FileParser fp = new FileParser(in, parser, REF, InputStream.nullInputStream(), null)) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                LogEvent e;
                while ((e = fp.nextEvent()) != null) {
                    events.add(e);
                }
            });
            assertThat(fp.stats().binary()).as("binary lines").isPositive();
            assertThat(fp.stats().badUtf8()).as("lines with invalid UTF-8").isPositive();
            assertThat(fp.stats().oversized()).as("oversized lines").isPositive();
        }
        assertThat(events).extracting(LogEvent::ip).contains("198.51.100.19").doesNotContainNull()
                .allMatch(ip -> ip.startsWith("198.51.100."));
    }
}
