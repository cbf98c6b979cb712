package dev.authaudit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
    @TempDir
    Path dir;

    private List<String> readAll(Path p, InputStats stats) {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new InputFile(p, p.toString(), null), stats, null)) {
            RawLine l;
            while ((l = r.next()) != null) {
                out.add(l.line() + ":" + l.text());
            }
        }
        return out;
    }

    @Test
    void next_crlfAndMissingFinalNewline_readsEveryLine() throws IOException {
        Path p = dir.resolve("a.log");
        Files.write(p, "one\r\ntwo\nthree".getBytes(StandardCharsets.UTF_8));
        assertThat(readAll(p, new InputStats("a"))).containsExactly("1:one", "2:two", "3:three");
    }

    @Test
    void next_binaryHugeAndInvalidUtf8_countedAndLaterLinesKept() throws IOException {
        Path p = dir.resolve("bad.log");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("first\n".getBytes(StandardCharsets.UTF_8));
        b.write(new byte[] {'x', 0, 1, 2, (byte) 0xff, '\n'});
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        b.write(huge);
        b.write('\n');
        b.write(new byte[] {'b', 'a', 'd', (byte) 0xc3, (byte) 0x28, '\n'});
        b.write("last\n".getBytes(StandardCharsets.UTF_8));
        Files.write(p, b.toByteArray());
        InputStats stats = new InputStats("bad");
        List<String> lines = readAll(p, stats);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("1:first");
        assertThat(lines.get(1)).startsWith("4:bad");
        assertThat(lines.get(2)).isEqualTo("5:last");
        assertThat(stats.lines()).isEqualTo(5);
        assertThat(stats.binary()).isEqualTo(1);
        assertThat(stats.oversized()).isEqualTo(1);
        assertThat(stats.badUtf8()).isEqualTo(1);
        assertThat(stats.damaged()).isFalse();
    }

    @Test
    void next_gzipByMagicNotName_isDecompressed() throws IOException {
        Path p = dir.resolve("maillog.1");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write("alpha\nbeta\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(readAll(p, new InputStats("g"))).containsExactly("1:alpha", "2:beta");
    }

    @Test
    void next_truncatedGzip_keepsLinesBeforeAndNotesProblem() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(b)) {
            for (int i = 0; i < 20000; i++) {
                o.write(("line " + i + " of a rotated maillog that was cut short\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] all = b.toByteArray();
        Path p = dir.resolve("cut.gz");
        Files.write(p, Arrays.copyOf(all, all.length / 2));
        InputStats stats = new InputStats("cut.gz");
        List<String> lines = readAll(p, stats);
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0)).isEqualTo("1:line 0 of a rotated maillog that was cut short");
        assertThat(stats.damaged()).isTrue();
        assertThat(stats.problems().get(0)).contains("truncated or corrupt");
    }

    @Test
    void open_missingFile_isAProblemNotAnException() {
        Path p = dir.resolve("nope.log");
        InputStats stats = new InputStats("nope");
        assertThat(readAll(p, stats)).isEmpty();
        assertThat(stats.problems()).singleElement().asString().contains("no such file");
    }

    @Test
    void next_stdin_reads() {
        InputStats stats = new InputStats("-");
        try (LineReader r = new LineReader(new InputFile(null, "-", null), stats,
                new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.next().text()).isEqualTo("a");
            assertThat(r.next().text()).isEqualTo("b");
            assertThat(r.next()).isNull();
        }
    }
}
