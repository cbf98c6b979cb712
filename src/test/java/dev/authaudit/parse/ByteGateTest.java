package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.LineReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines no rule could read are not decoded, and nothing is counted differently for it. */
class ByteGateTest {
    @TempDir
    Path dir;

    @Test
    void unreadLines_areSkippedUndecoded_withTheSameCountsAndEvents() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("Dec  6 12:00:00 mx CRON[1]: (root) CMD (true)\n".getBytes(StandardCharsets.US_ASCII));
        b.write("Dec  6 12:00:01 mx sshd[2]: Invalid user \u00e9t\u00e9 from 198.51.100.1\n".getBytes(StandardCharsets.UTF_8));
        b.write(new byte[] {'D', 'e', 'c', ' ', 'x', (byte) 0xff, (byte) 0xfe, '\n'});
        b.write(("Dec  6 12:00:02 mx dovecot: imap-login: Login: user=<ann@example.test>, method=PLAIN, rip=198.51.100.7,"
                + " lip=192.0.2.1, mpid=1, TLS, session=<Ab1Cd2Ef3Gh4>\n").getBytes(StandardCharsets.US_ASCII));
        Path f = dir.resolve("maillog");
        Files.write(f, b.toByteArray());
        LineParser parser = TestRules.parser(ZoneOffset.UTC, 2026);
        Instant ref = Instant.parse("2026-12-31T00:00:00Z");

        List<String> texts = new ArrayList<>();
        FileParser gated = new FileParser(new InputFile(f, f.toString(), null), parser, ref, null, null);
        while (gated.next() != null) {
            texts.add(gated.current().text());
        }
        gated.close();
        FileParser all = new FileParser(new InputFile(f, f.toString(), null), parser, ref, null, null).decodeAll();
        int events = 0;
        while (all.nextEvent() != null) {
            events++;
        }
        all.close();

        assertThat(texts.get(0)).as("an ASCII line without a gate literal").isEqualTo(LineReader.UNREAD);
        assertThat(texts.get(1)).as("a non-ASCII line is always decoded").contains("Invalid user");
        assertThat(texts.get(3)).contains("imap-login");
        assertThat(gated.stats().lines()).isEqualTo(all.stats().lines()).isEqualTo(4);
        assertThat(gated.stats().badUtf8()).isEqualTo(all.stats().badUtf8()).isEqualTo(1);
        assertThat(gated.stats().events()).isEqualTo(events).isEqualTo(1);
    }
}
