package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass gate search must find exactly what one indexOf per literal finds. */
class GateScannerTest {
    private static final List<String> LITERALS = List.of("-login: ", "Password mismatch", "authenticator failed for",
            " A=", "] Ban ", "|0|1", "~", "é!", "login");
    private static final int[] SOURCES = {0, 0, 1, 1, 2, 3, 4, 5, 6};

    private static long slow(String line) {
        long bits = 0;
        for (int i = 0; i < LITERALS.size(); i++) {
            if (line.contains(LITERALS.get(i))) {
                bits |= 1L << SOURCES[i];
            }
        }
        return bits;
    }

    @Test
    void scan_realLines_findTheSourcesWhoseLiteralsOccur() {
        GateScanner g = new GateScanner(LITERALS, SOURCES);
        String dovecot = "Mar 10 00:00:00 mx dovecot[959]: imap-login: Login: user=<a@domain.test>, rip=192.0.2.1";
        assertThat(g.scan(dovecot)).isEqualTo(slow(dovecot)).isEqualTo((1L << 0) | (1L << 6));
        String exim = "2025-03-10 09:28:54 dovecot_login authenticator failed for (h) [192.0.2.9]:5 I=[192.0.2.1]:465";
        assertThat(g.scan(exim)).isEqualTo(slow(exim)).isEqualTo((1L << 1) | (1L << 6));
        assertThat(g.scan("")).isZero();
        assertThat(g.scan("-")).isZero();
        assertThat(g.scan("~")).isEqualTo(1L << 4);
        assertThat(g.scan("at the very end: -login: ")).isEqualTo((1L << 0) | (1L << 6));
        assertThat(g.scan("-login:")).isEqualTo(1L << 6);
    }

    @Test
    void scan_charactersBeyondLatin1_neitherMissNorInvent() {
        GateScanner g = new GateScanner(LITERALS, SOURCES);
        // U+0141 folds onto the same low byte as 'A' (0x41): the key collides, the compare rejects it
        assertThat(g.scan("foo \u0141= bar")).isZero();
        assertThat(g.scan("caf\u00e9! ok")).isEqualTo(1L << 5);
        assertThat(g.scan("\u4e2d\u6587 A= \u4e2d")).isEqualTo(1L << 1);
        // a character beyond the BMP (two chars, one '?' byte) before the literal
        assertThat(g.scan("user=<\ud83d\ude00> imap-login: x")).isEqualTo(slow("user=<\ud83d\ude00> imap-login: x"))
                .isEqualTo((1L << 0) | (1L << 6));
    }

    @Test
    void scan_randomLines_agreeWithOneSearchPerLiteral() {
        GateScanner g = new GateScanner(LITERALS, SOURCES);
        Random rng = new Random(7);
        String alphabet = "-login: Password mismatch A=]Ban|01~é!\u0141\ud83d\ude00 ";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = rng.nextInt(40);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            String line = b.toString();
            assertThat(g.scan(line)).as(line).isEqualTo(slow(line));
        }
    }

    @Test
    void scanBytes_asciiLines_giveWhatTheTextSearchGives() {
        // literals all ASCII and at least three long: the byte search can answer for every line
        List<String> ascii = List.of("-login: ", "Password mismatch", "authenticator failed for", " A=", "] Ban ",
                "|0|1", "login", "Ban");
        int[] sources = {0, 0, 1, 1, 2, 3, 6, 7};
        GateScanner g = new GateScanner(ascii, sources);
        Random rng = new Random(11);
        String alphabet = "-login: Password mismatch A=]Ban|01 ";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = rng.nextInt(40);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            String line = b.toString();
            byte[] bytes = (line + "garbage past the end: -login: ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            long found = g.scanBytes(bytes, line.length());
            // the same line inside a block, after the end of another that holds literals
            byte[] inBlock = ("x -login: |0|" + line + "|1 A=").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            long foundInBlock = g.scanBytes(inBlock, 13, line.length());
            if (line.length() < 3) {
                assertThat(found).as(line).isEqualTo(dev.authaudit.ingest.RawLine.UNSCANNED);
                assertThat(foundInBlock).as(line).isEqualTo(dev.authaudit.ingest.RawLine.UNSCANNED);
            } else {
                assertThat(found).as(line).isEqualTo(g.scan(line));
                assertThat(foundInBlock).as(line).isEqualTo(g.scan(line));
            }
        }
    }

    @Test
    void scanBytes_literalsTheBytesCannotSearch_leaveTheLineToTheTextSearch() {
        GateScanner g = new GateScanner(LITERALS, SOURCES); // holds "~" (short) and "é!" (not ASCII)
        byte[] line = "imap-login: Login: user=<a>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(g.scanBytes(line, line.length)).isEqualTo(dev.authaudit.ingest.RawLine.UNSCANNED);
    }
}
