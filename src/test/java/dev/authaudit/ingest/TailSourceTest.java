package dev.authaudit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailSourceTest {
    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("maillog");
    }

    private static void append(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private TailSource follow(Checkpoint from) {
        TailSource t = new TailSource(log(), log().toString(), new InputStats(log().toString()));
        t.start(from);
        return t;
    }

    private static List<String> texts(List<RawLine> lines) {
        return lines.stream().map(RawLine::text).toList();
    }

    @Test
    void poll_appendedLines_handsEachOutOnceWithLineNumbers() throws IOException {
        append(log(), "a\nb\n");
        try (TailSource t = follow(null)) {
            List<RawLine> first = t.poll(100);
            assertThat(texts(first)).containsExactly("a", "b");
            assertThat(first.get(1).line()).isEqualTo(2);
            assertThat(t.poll(100)).isEmpty();
            append(log(), "c\r\n");
            assertThat(texts(t.poll(100))).containsExactly("c");
            assertThat(t.checkpoint().offset()).isEqualTo(Files.size(log()));
            assertThat(t.checkpoint().line()).isEqualTo(3);
        }
    }

    @Test
    void poll_partialLine_waitsForItsNewline() throws IOException {
        append(log(), "one\ntw");
        try (TailSource t = follow(null)) {
            assertThat(texts(t.poll(100))).containsExactly("one");
            assertThat(t.checkpoint().offset()).isEqualTo(4);
            assertThat(t.poll(100)).isEmpty();
            append(log(), "o\nthr");
            assertThat(texts(t.poll(100))).containsExactly("two");
            append(log(), "ee\n");
            assertThat(texts(t.poll(100))).containsExactly("three");
        }
    }

    @Test
    void poll_budget_continuesWhereItStopped() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            sb.append("line ").append(i).append('\n');
        }
        append(log(), sb.toString());
        try (TailSource t = follow(null)) {
            List<String> all = new ArrayList<>();
            List<RawLine> got;
            while (!(got = t.poll(10)).isEmpty()) {
                assertThat(got).hasSizeLessThanOrEqualTo(10);
                all.addAll(texts(got));
            }
            assertThat(all).hasSize(25).startsWith("line 1").endsWith("line 25");
        }
    }

    @Test
    void poll_renameAndRecreate_readsOldFileToItsEndThenNewFromStart() throws IOException {
        append(log(), "old 1\n");
        try (TailSource t = follow(null)) {
            assertThat(texts(t.poll(100))).containsExactly("old 1");
            append(log(), "old 2\n");
            Path rotated = dir.resolve("maillog.1");
            Files.move(log(), rotated);
            append(rotated, "old 3 (the writer had not reopened yet)\nold 4 unterminated");
            append(log(), "new 1\nnew 2\n");
            assertThat(texts(t.poll(100))).containsExactly("old 2", "old 3 (the writer had not reopened yet)",
                    "old 4 unterminated", "new 1", "new 2");
            assertThat(t.checkpoint().inode()).isEqualTo(TailSource.inodeOf(log()));
            assertThat(t.checkpoint().line()).isEqualTo(2);
            append(log(), "new 3\n");
            assertThat(texts(t.poll(100))).containsExactly("new 3");
        }
    }

    @Test
    void poll_pathGoneForAWhile_waitsThenReadsTheNewFile() throws IOException {
        append(log(), "old\n");
        try (TailSource t = follow(null)) {
            t.poll(100);
            Files.move(log(), dir.resolve("maillog.1"));
            assertThat(t.poll(100)).isEmpty();
            append(log(), "new\n");
            assertThat(texts(t.poll(100))).containsExactly("new");
        }
    }

    @Test
    void poll_copytruncate_readsTheFileAgainFromStart() throws IOException {
        append(log(), "before 1\nbefore 2\n");
        try (TailSource t = follow(null)) {
            assertThat(t.poll(100)).hasSize(2);
            try (FileChannel c = FileChannel.open(log(), StandardOpenOption.WRITE)) {
                c.truncate(0);
            }
            append(log(), "after 1\n");
            assertThat(texts(t.poll(100))).containsExactly("after 1");
            assertThat(t.checkpoint().line()).isEqualTo(1);
        }
    }

    @Test
    void poll_copytruncateWhileBehind_readsTheRestFromTheCopyThenTheFile() throws IOException {
        append(log(), "1\n2\n");
        try (TailSource t = follow(null)) {
            assertThat(texts(t.poll(1))).containsExactly("1");
            append(log(), "3\n");
            // logrotate's copytruncate: "2" and "3" are now only in the copy
            Files.copy(log(), dir.resolve("maillog.1"));
            try (FileChannel c = FileChannel.open(log(), StandardOpenOption.WRITE)) {
                c.truncate(0);
            }
            append(log(), "4\n");
            List<String> seen = new ArrayList<>(texts(t.poll(100)));
            seen.addAll(texts(t.poll(100)));
            assertThat(seen).containsExactly("2", "3", "4");
        }
    }

    @Test
    void start_copytruncatedWhileDown_readsTheCopysRestThenTheFile() throws IOException {
        append(log(), "1\n2\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            assertThat(t.poll(100)).hasSize(2);
            cp = t.checkpoint();
        }
        append(log(), "3\n");
        Files.copy(log(), dir.resolve("maillog.1"));
        Files.writeString(log(), "4\n5\n6\n");
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.ROTATED_WHILE_DOWN);
            List<String> seen = new ArrayList<>(texts(t.poll(100)));
            seen.addAll(texts(t.poll(100)));
            assertThat(seen).containsExactly("3", "4", "5", "6");
        }
    }

    @Test
    void poll_copytruncateRefilledPastTheOffset_isDetectedByTheLineHash() throws IOException {
        append(log(), "short\n");
        try (TailSource t = follow(null)) {
            assertThat(t.poll(100)).hasSize(1);
            Files.writeString(log(), "a much longer first line after truncation\nsecond\n");
            assertThat(texts(t.poll(100))).containsExactly("a much longer first line after truncation", "second");
        }
    }

    @Test
    void start_fromCheckpoint_neitherLosesNorRepeatsALine() throws IOException {
        append(log(), "1\n2\n3\npart");
        Checkpoint cp;
        List<String> seen = new ArrayList<>();
        try (TailSource t = follow(null)) {
            seen.addAll(texts(t.poll(2)));
            cp = t.checkpoint();
        }
        append(log(), "ial\n4\n");
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.RESUMED);
            seen.addAll(texts(t.poll(100)));
            assertThat(t.checkpoint().line()).isEqualTo(5);
        }
        assertThat(seen).containsExactly("1", "2", "3", "partial", "4");
    }

    @Test
    void start_fileReplacedWhileDown_readsItFromTheStart() throws IOException {
        append(log(), "x 1\nx 2\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            t.poll(100);
            cp = t.checkpoint();
        }
        // same inode, other content of at least the same length: only the hash can tell
        Files.writeString(log(), "y 1\ny 2\ny 3\n");
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.REPLACED);
            assertThat(texts(t.poll(100))).containsExactly("y 1", "y 2", "y 3");
        }
    }

    @Test
    void start_rotatedWhileDown_readsTheOldRestThenTheNewFile() throws IOException {
        append(log(), "a\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            t.poll(100);
            cp = t.checkpoint();
        }
        append(log(), "b\n");
        Files.move(log(), dir.resolve("maillog.1"));
        append(log(), "c\n");
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.ROTATED_WHILE_DOWN);
            assertThat(texts(t.poll(100))).containsExactly("b", "c");
        }
    }

    @Test
    void start_rotatedAndCompressedWhileDown_readsTheOldRestThenTheNewFile() throws IOException {
        append(log(), "a 1\na 2\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            t.poll(100);
            cp = t.checkpoint();
        }
        append(log(), "b 3\nb 4\n");
        // logrotate with compress and no delaycompress: the rotated file exists only gzipped
        gzip(log(), dir.resolve("maillog-20250401.gz"));
        Files.delete(log());
        // an older rotation that does not hold the checkpoint's line
        Files.writeString(dir.resolve("old.txt"), "zz 1\nzz 2\nzz 3\n");
        gzip(dir.resolve("old.txt"), dir.resolve("maillog-20250301.gz"));
        Files.setLastModifiedTime(dir.resolve("maillog-20250301.gz"), java.nio.file.attribute.FileTime.fromMillis(0));
        append(log(), "c 5\n");
        long tempsBefore = temps();
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.ROTATED_WHILE_DOWN);
            List<RawLine> got = t.poll(100);
            assertThat(texts(got)).containsExactly("b 3", "b 4", "c 5");
            assertThat(got.get(0).line()).isEqualTo(3);
            assertThat(got.get(2).line()).isEqualTo(1);
        }
        assertThat(temps()).as("the rebuilt rest is deleted once read").isEqualTo(tempsBefore);
    }

    @Test
    void start_compressedSiblingWithOtherContent_isNotTakenForTheRotatedFile() throws IOException {
        append(log(), "a 1\na 2\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            t.poll(100);
            cp = t.checkpoint();
        }
        Files.writeString(dir.resolve("other.txt"), "x 1\nx 2\nx 3\nx 4\n");
        gzip(dir.resolve("other.txt"), dir.resolve("maillog.1.gz"));
        Files.delete(log());
        append(log(), "c 1\n");
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.REPLACED);
            assertThat(texts(t.poll(100))).containsExactly("c 1");
        }
    }

    @Test
    void start_previousFileDeletedWhileDown_saysLinesAfterTheSaveWereNotRead() throws IOException {
        append(log(), "a 1\na 2\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            t.poll(100);
            cp = t.checkpoint();
        }
        append(log(), "a 3 written after the save\n");
        Files.delete(log()); // rotated and the old file removed outright, before authaudit came back
        append(log(), "b 1\n");
        InputStats stats = new InputStats("x");
        try (TailSource t = new TailSource(log(), log().toString(), stats)) {
            assertThat(t.start(cp, Instant.parse("2026-03-31T12:00:00Z"))).isEqualTo(TailSource.Start.REPLACED);
            assertThat(texts(t.poll(100))).containsExactly("b 1");
        }
        assertThat(stats.problems()).singleElement().asString()
                .contains("no rotated copy of it was found")
                .contains("lines written to it after the last save (2026-03-31T12:00:00Z) were not read");
    }

    @Test
    void start_truncatedWithoutACopyWhileDown_saysSo() throws IOException {
        append(log(), "a 1\na 2\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            t.poll(100);
            cp = t.checkpoint();
        }
        Files.writeString(log(), "b\n"); // same inode, truncated and rewritten, no copy anywhere
        InputStats stats = new InputStats("x");
        try (TailSource t = new TailSource(log(), log().toString(), stats)) {
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.REPLACED);
        }
        assertThat(stats.problems()).singleElement().asString().contains("no rotated copy of it was found")
                .contains("were not read");
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(Files.readAllBytes(from));
        }
    }

    private static long temps() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("authaudit-rotated-")).count();
        }
    }

    @Test
    void skipToEnd_countsTheLinesItPasses() throws IOException {
        append(log(), "1\n2\n3\n4");
        try (TailSource t = follow(null)) {
            Checkpoint end = t.skipToEnd();
            assertThat(end.line()).isEqualTo(3);
            assertThat(end.offset()).isEqualTo(6);
            append(log(), "\n5\n");
            List<RawLine> got = t.poll(100);
            assertThat(texts(got)).containsExactly("4", "5");
            assertThat(got.get(1).line()).isEqualTo(5);
        }
    }

    @Test
    void startBetween_stopsAtTheLimit() throws IOException {
        append(log(), "1\n2\n3\n");
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.startBetween(new Checkpoint(log().toString(), TailSource.inodeOf(log()), 2, 1, "", 0, null),
                    4)).isTrue();
            assertThat(texts(t.poll(100))).containsExactly("2");
            assertThat(t.poll(100)).isEmpty();
        }
    }

    @Test
    void poll_oversizedLine_isCountedAndPassedOver() throws IOException {
        append(log(), "x".repeat(LineReader.MAX_LINE * 3) + "\nafter\n");
        InputStats stats = new InputStats("x");
        try (TailSource t = new TailSource(log(), log().toString(), stats)) {
            t.start(null);
            assertThat(texts(t.poll(100))).containsExactly("after");
            assertThat(stats.oversized()).isEqualTo(1);
            assertThat(t.checkpoint().line()).isEqualTo(2);
        }
    }

    // ------------------------------------------------------------ rotation chains and copies at offset 0

    private void age(Path p, long secondsFromNow) throws IOException {
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                + secondsFromNow * 1000));
    }

    private static List<String> drain(TailSource t) {
        List<String> all = new ArrayList<>();
        List<RawLine> got;
        int polls = 0;
        while (!(got = t.poll(100)).isEmpty() || polls++ < 2) {
            all.addAll(texts(got));
        }
        return all;
    }

    /** An older archive of other lines, which no chain may pull in. */
    private void olderArchive() throws IOException {
        Files.writeString(dir.resolve("older.txt"), "old 1\nold 2\n");
        gzip(dir.resolve("older.txt"), dir.resolve("maillog.9.gz"));
        age(dir.resolve("maillog.9.gz"), -7200);
        Files.writeString(dir.resolve("maillog.8"), "old 3\n");
        age(dir.resolve("maillog.8"), -3600);
    }

    @Test
    void poll_twoRenamesBeforeTheFollowerMovesOn_readsTheMiddleFileBeforeTheNew() throws IOException {
        olderArchive();
        append(log(), "x 1\n");
        try (TailSource t = follow(null)) {
            assertThat(texts(t.poll(100))).containsExactly("x 1");
            append(log(), "x 2\n");
            // logrotate ran twice (numbered names shift): x is maillog.2, y maillog.1, z the path
            Files.move(log(), dir.resolve("maillog.1"));
            append(log(), "y 1\ny 2\n");
            Files.move(dir.resolve("maillog.1"), dir.resolve("maillog.2"));
            Files.move(log(), dir.resolve("maillog.1"));
            append(log(), "z 1\n");
            age(dir.resolve("maillog.2"), 10);
            age(dir.resolve("maillog.1"), 20);
            age(log(), 30);
            assertThat(drain(t)).containsExactly("x 2", "y 1", "y 2", "z 1");
            append(log(), "z 2\n");
            assertThat(texts(t.poll(100))).containsExactly("z 2");
        }
    }

    @Test
    void start_threeRotationsWhileDown_twoCompressed_readsEveryUnreadFileOldestFirst() throws IOException {
        olderArchive();
        append(log(), "a 1\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            t.poll(100);
            cp = t.checkpoint();
        }
        append(log(), "a 2\n");
        Files.move(log(), dir.resolve("maillog-20261205"));
        gzip(dir.resolve("maillog-20261205"), dir.resolve("maillog-20261205.gz"));
        Files.delete(dir.resolve("maillog-20261205"));
        append(log(), "b 1\nb 2\n");
        Files.move(log(), dir.resolve("maillog-20261206"));
        gzip(dir.resolve("maillog-20261206"), dir.resolve("maillog-20261206.gz"));
        Files.delete(dir.resolve("maillog-20261206"));
        append(log(), "c 1\n");
        Files.move(log(), dir.resolve("maillog-20261207"));
        append(log(), "d 1\n");
        // in the past, as rotated files are: a rebuild's own (new) time must not stand for its file's
        age(dir.resolve("maillog-20261205.gz"), -40);
        age(dir.resolve("maillog-20261206.gz"), -30);
        age(dir.resolve("maillog-20261207"), -20);
        age(log(), -10);
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            t.tempDir(dir.resolve("rebuild"));
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.ROTATED_WHILE_DOWN);
            assertThat(drain(t)).containsExactly("a 2", "b 1", "b 2", "c 1", "d 1");
        }
    }

    @Test
    void start_twoRotationsWhileDown_middleCompressed_isRebuiltInTheTempDirAndRead() throws IOException {
        olderArchive();
        Path temps = dir.resolve("state/rebuild");
        append(log(), "a 1\n");
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            t.poll(100);
            cp = t.checkpoint();
        }
        append(log(), "a 2\n");
        Files.move(log(), dir.resolve("maillog.2"));
        append(log(), "b 1\nb 2\n");
        gzip(log(), dir.resolve("maillog.1.gz"));
        Files.delete(log());
        append(log(), "c 1\n");
        age(dir.resolve("maillog.2"), 10);
        age(dir.resolve("maillog.1.gz"), 20);
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            t.tempDir(temps);
            assertThat(t.start(cp)).isEqualTo(TailSource.Start.ROTATED_WHILE_DOWN);
            assertThat(drain(t)).containsExactly("a 2", "b 1", "b 2", "c 1");
        }
        try (var s = Files.list(temps)) {
            assertThat(s.toList()).as("the rebuild is deleted once read").isEmpty();
        }
    }

    @Test
    void poll_twoCopytruncatesWhileBehind_readsBothCopiesThenTheFile() throws IOException {
        append(log(), "1\n2\n");
        try (TailSource t = follow(null)) {
            assertThat(texts(t.poll(1))).containsExactly("1");
            Files.copy(log(), dir.resolve("maillog.1"));
            Files.writeString(log(), "3\n4\n5\n");
            Files.copy(log(), dir.resolve("maillog.2"));
            Files.writeString(log(), "6\n");
            age(dir.resolve("maillog.1"), 10);
            age(dir.resolve("maillog.2"), 20);
            age(log(), 30);
            assertThat(drain(t)).containsExactly("2", "3", "4", "5", "6");
        }
    }

    @Test
    void start_copytruncateBeforeTheFirstLineWasRead_readsTheCopyFirst() throws IOException {
        Files.createFile(log());
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            assertThat(t.poll(100)).isEmpty();
            cp = t.checkpoint();
        }
        java.time.Instant saved = java.time.Instant.now().minusSeconds(1);
        append(log(), "1\n2\n");
        Files.copy(log(), dir.resolve("maillog.1"));
        Files.writeString(log(), "3\n");
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(cp, saved)).isEqualTo(TailSource.Start.ROTATED_WHILE_DOWN);
            assertThat(drain(t)).containsExactly("1", "2", "3");
        }
    }

    @Test
    void start_copyOlderThanTheSaveAtOffsetZero_isNotReadAgain() throws IOException {
        Files.writeString(dir.resolve("maillog.1"), "read long ago\n");
        age(dir.resolve("maillog.1"), -600);
        Files.createFile(log());
        Checkpoint cp;
        try (TailSource t = follow(null)) {
            cp = t.checkpoint();
        }
        append(log(), "1\n");
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(cp, java.time.Instant.now().minusSeconds(1))).isEqualTo(TailSource.Start.RESUMED);
            assertThat(drain(t)).containsExactly("1");
        }
    }

    @Test
    void checkpoint_atTheStartOfANewFile_holdsTheEndOfTheOneBefore_soACopyBeforeTheFirstLineIsFound()
            throws IOException {
        append(log(), "a\n");
        Checkpoint held;
        try (TailSource t = follow(null)) {
            assertThat(texts(t.poll(100))).containsExactly("a");
            Files.move(log(), dir.resolve("maillog.1"));
            Files.createFile(log());
            assertThat(t.poll(100)).isEmpty();
            held = t.checkpoint();
            assertThat(held.inode()).as("still the rotated file's end").isEqualTo(TailSource.inodeOf(
                    dir.resolve("maillog.1")));
            assertThat(held.offset()).isEqualTo(2);
        }
        // down: the new file gets lines and is copied and truncated before they were read
        append(log(), "b 1\nb 2\n");
        Files.copy(log(), dir.resolve("maillog.2"));
        Files.writeString(log(), "c 1\n");
        age(dir.resolve("maillog.2"), 10);
        age(log(), 20);
        try (TailSource t = new TailSource(log(), log().toString(), new InputStats("x"))) {
            assertThat(t.start(held)).isEqualTo(TailSource.Start.ROTATED_WHILE_DOWN);
            assertThat(drain(t)).containsExactly("b 1", "b 2", "c 1");
            assertThat(t.checkpoint().inode()).isEqualTo(TailSource.inodeOf(log()));
        }
    }

    @Test
    void poll_copytruncateAtOffsetZeroWhileNotPolling_readsTheCopyFirst() throws IOException {
        append(log(), "a\n");
        try (TailSource t = follow(null)) {
            assertThat(texts(t.poll(100))).containsExactly("a");
            Files.move(log(), dir.resolve("maillog.1"));
            Files.createFile(log());
            assertThat(t.poll(100)).isEmpty();
            // a warm-up (or a stall) keeps the follower from polling while the new file fills and is copied
            append(log(), "b 1\nb 2\n");
            Files.copy(log(), dir.resolve("maillog.2"));
            Files.writeString(log(), "c 1\n");
            age(dir.resolve("maillog.2"), 10);
            age(log(), 20);
            assertThat(drain(t)).containsExactly("b 1", "b 2", "c 1");
        }
    }

    @Test
    void cleanLeftovers_deletesOnlyOurOwnRebuilds() throws IOException {
        Path d = Files.createDirectories(dir.resolve("rebuild"));
        Files.writeString(d.resolve("authaudit-rotated-123.log"), "x");
        Files.writeString(d.resolve("authaudit-lookback-456.log"), "x");
        Files.writeString(d.resolve("authaudit-rotated-789.txt"), "kept");
        Files.writeString(d.resolve("notes.log"), "kept");
        assertThat(RotatedSibling.cleanLeftovers(d)).isEqualTo(2);
        try (var s = Files.list(d)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("authaudit-rotated-789.txt", "notes.log");
        }
        assertThat(RotatedSibling.cleanLeftovers(dir.resolve("absent"))).isZero();
    }
}
