package dev.authaudit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks of lines read and checked on other threads give exactly what reading line by line gives. */
class ChunkReaderTest {
    /** The smallest block allowed: lines cross block ends often. */
    private static final int BLOCK = 2 * (LineReader.MAX_LINE + 2);

    @TempDir
    Path dir;

    /** A gate that admits lines holding "auth", as the parser's byte search would. */
    private static final LineReader.Gate GATE = (b, off, len) -> {
        String s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        return s.contains("auth") ? 1 : 0;
    };

    private record Read(List<String> lines, String counts) {
    }

    private static String counts(InputStats s) {
        return "lines=" + s.lines() + " binary=" + s.binary() + " oversized=" + s.oversized() + " badUtf8="
                + s.badUtf8() + " problems=" + s.problems();
    }

    private Read byLine(Path p, LineReader.Gate gate) {
        InputStats stats = new InputStats("f");
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new InputFile(p, "f", null), stats, null)) {
            r.gate(gate);
            RawLine l;
            while ((l = r.next()) != null) {
                out.add(l.line() + ":" + l.gate() + ":" + l.text());
            }
        }
        return new Read(out, counts(stats));
    }

    private Read byBlock(Path p, LineReader.Gate gate) {
        InputStats stats = new InputStats("f");
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new InputFile(p, "f", null), stats, null)) {
            r.gate(gate);
            ChunkReader chunks = r.chunked(BLOCK);
            ChunkReader.Chunk c;
            long expected = 1;
            while ((c = chunks.next()) != null) {
                assertThat(c.firstLine()).isEqualTo(expected);
                expected += c.lines();
                LineBytes check = new LineBytes(gate);
                int start = 0;
                for (int k = 0; k < c.lines(); k++) {
                    long found = LineBytes.lineEnd(c.bytes(), start, c.length());
                    int end = (int) found;
                    RawLine l = check.line("f", c.firstLine() + k, c.bytes(), start, end - start,
                            (found & LineBytes.NOT_PLAIN) == 0);
                    if (l == LineBytes.NOT_ADMITTED) {
                        out.add((c.firstLine() + k) + ":" + RawLine.UNSCANNED + ":");
                    } else if (l != null) {
                        out.add(l.line() + ":" + l.gate() + ":" + l.text());
                    }
                    start = end + 1;
                }
                assertThat(start).isGreaterThanOrEqualTo(c.length());
                stats.countLines(c.lines());
                stats.countBinary(check.takeBinary());
                stats.countOversized(check.takeOversized());
                stats.countBadUtf8(check.takeBadUtf8());
                chunks.release(c);
            }
        }
        return new Read(out, counts(stats));
    }

    /** Lines of every kind: plain, admitted, CRLF, empty, binary, bad UTF-8, accented, and too long. */
    private static byte[] mixed(long seed, int lines, boolean finalNewline) throws IOException {
        Random r = new Random(seed);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < lines; i++) {
            switch (r.nextInt(12)) {
                case 0 -> b.write(("line " + i + " auth failed\r").getBytes(StandardCharsets.UTF_8));
                case 1 -> { }
                case 2 -> b.write(new byte[] {'x', 0, 'y'});
                case 3 -> b.write(new byte[] {'b', 'a', 'd', (byte) 0xc3, (byte) 0x28});
                case 4 -> b.write(("caf\u00e9 auth " + i).getBytes(StandardCharsets.UTF_8));
                case 5 -> {
                    // around the longest line kept, and far beyond a block
                    int len = r.nextBoolean() ? LineReader.MAX_LINE - 1 + r.nextInt(4) : 3 * BLOCK + r.nextInt(1000);
                    byte[] big = new byte[len];
                    Arrays.fill(big, (byte) 'a');
                    b.write(big);
                    if (r.nextBoolean()) {
                        b.write('\r');
                    }
                }
                default -> {
                    byte[] text = new byte[r.nextInt(300)];
                    for (int j = 0; j < text.length; j++) {
                        text[j] = (byte) (' ' + r.nextInt(95));
                    }
                    b.write(text);
                    if (r.nextInt(3) == 0) {
                        b.write(" auth ".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            if (i < lines - 1 || finalNewline) {
                b.write('\n');
            }
        }
        return b.toByteArray();
    }

    @Test
    void blocks_ofMixedLines_giveTheLinesAndCountsOfReadingLineByLine() throws IOException {
        for (long seed = 1; seed <= 6; seed++) {
            Path p = dir.resolve("m" + seed + ".log");
            Files.write(p, mixed(seed, 3000, seed % 2 == 0));
            for (LineReader.Gate gate : Arrays.asList(GATE, null)) {
                Read one = byLine(p, gate);
                assertThat(one.lines()).hasSizeGreaterThan(1000);
                Read blocks = byBlock(p, gate);
                assertThat(blocks.counts()).isEqualTo(one.counts());
                assertThat(blocks.lines()).containsExactlyElementsOf(one.lines());
            }
        }
    }

    @Test
    void blocks_ofAnEmptyFileAndOfOneUnterminatedLine_areTheLinesThereAre() throws IOException {
        Path empty = dir.resolve("empty.log");
        Files.write(empty, new byte[0]);
        assertThat(byBlock(empty, GATE)).isEqualTo(byLine(empty, GATE));
        Path one = dir.resolve("one.log");
        Files.write(one, "auth only".getBytes(StandardCharsets.UTF_8));
        assertThat(byBlock(one, GATE).lines()).containsExactly("1:1:auth only");
    }

    @Test
    void blocks_ofATruncatedArchive_keepTheLinesBeforeTheDamageAndSayWhere() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(gz)) {
            z.write(mixed(9, 4000, true));
        }
        byte[] whole = gz.toByteArray();
        Path p = dir.resolve("cut.log.gz");
        Files.write(p, Arrays.copyOf(whole, whole.length * 2 / 3));
        Read one = byLine(p, GATE);
        Read blocks = byBlock(p, GATE);
        assertThat(one.counts()).contains("truncated or corrupt after line");
        assertThat(blocks.counts()).isEqualTo(one.counts());
        assertThat(blocks.lines()).containsExactlyElementsOf(one.lines());
    }

    @Test
    void lineEnd_findsTheNewlineAndWhetherABytePassedIsNulOrBeyondAscii() {
        Random r = new Random(4);
        byte[] pick = {'a', ' ', '\n', 0, (byte) 0x80, (byte) 0xff, 0x7f, 1, '\r'};
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(3) == 0 ? pick[r.nextInt(pick.length)] : (byte) ('a' + r.nextInt(26));
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int end = from;
            boolean plain = true;
            while (end < b.length && b[end] != '\n') {
                plain &= b[end] > 0;
                end++;
            }
            long found = LineBytes.lineEnd(b, from, b.length);
            assertThat((int) found).isEqualTo(end);
            assertThat((found & LineBytes.NOT_PLAIN) == 0).isEqualTo(plain);
        }
    }

    @Test
    void newlines_countsEveryNewlineByte() {
        Random r = new Random(3);
        for (int n = 0; n < 200; n++) {
            byte[] b = new byte[n];
            int expected = 0;
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (r.nextInt(4) == 0 ? '\n' : r.nextInt(256));
                if (b[i] == '\n') {
                    expected++;
                }
            }
            assertThat(ChunkReader.newlines(b, n)).isEqualTo(expected);
        }
    }
}
