package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code parse} writes its JSON Lines as UTF-8 bytes straight to standard output when that takes
 * UTF-8: the bytes must be exactly the text a character writer gets, non-ASCII logins and a file
 * split into blocks included, and a stream in another charset must get characters as before.
 */
class ParseByteOutputTest {
    @TempDir
    Path dir;

    private static final String RULES = CliRun.repo().resolve("rules").toString();

    private static String viaWriter(String... args) {
        CommandLine cl = Cli.create(new ByteArrayInputStream(new byte[0]),
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    private static byte[] viaStdout(java.nio.charset.Charset charset, String... args) {
        CommandLine cl = Cli.create(new ByteArrayInputStream(new byte[0]),
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutWriter w = new StdoutWriter(bytes, charset);
        cl.setOut(w);
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(args)).isZero();
        w.flush();
        return bytes.toByteArray();
    }

    @Test
    void parse_toUtf8Stdout_writesTheBytesOfTheWritersText() throws IOException {
        // the sample, and a maillog past the size at which a file is split, with logins beyond ASCII
        Path big = dir.resolve("maillog");
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 20 * 1024 * 1024; i++) {
            b.append("Mar 10 09:").append(String.format("%02d:%02d", (i / 60) % 60, i % 60))
                    .append(" mx dovecot[959]: imap-login: Login: user=<j\u00f6rg").append(i % 7)
                    .append("@b\u00fccher.example>, method=PLAIN, rip=192.0.2.").append(1 + i % 200)
                    .append(", lip=198.51.100.1, mpid=").append(i).append(", TLS, session=<s").append(i).append(">\n");
        }
        Files.writeString(big, b.toString(), StandardCharsets.UTF_8);
        for (String input : new String[] {CliRun.repo().resolve("test-fixtures/sample").toString(), big.toString()}) {
            String[] args = {"parse", "--rules", RULES, "--tz", "UTC", input};
            String text = viaWriter(args);
            assertThat(text).isNotEmpty();
            assertThat(viaStdout(StandardCharsets.UTF_8, args)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            if (input.equals(big.toString())) {
                assertThat(text).contains("j\u00f6rg3@b\u00fccher.example");
                // a stream in another charset still gets characters, encoded by the writer
                assertThat(viaStdout(StandardCharsets.ISO_8859_1, args)).isEqualTo(text.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }
}
