package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.authaudit.act.notice.NoticeDispatcher;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection harness: a writer appends a mail log at a steady rate and rotates it (rename and
 * re-create, copytruncate, and rename plus gzip while {@code watch} is down; now and then twice within
 * 100 lines or twice while {@code watch} is down, whether or not {@code watch} has reached the new file); {@code watch} runs as a
 * real process with {@code --notify send} and is killed with SIGKILL at seeded points, several of them
 * during its warm-up and some the moment the SMTP server has taken a notice; the SMTP server (GreenMail
 * on 127.0.0.1) goes down and comes back. At the end
 * the lines written are counted against the lines {@code watch} handed over (recorded with
 * {@code --trace-handled} in the checkpoint's own transaction), and the notices expected against the
 * messages received.
 *
 * <p>Bounded: {@code authaudit.harness.kills} kills (default 22), a hard limit of
 * {@code authaudit.harness.seconds} (default 150) on every wait, loopback only. Seeded with
 * {@code authaudit.harness.seed}. A longer soak: {@code mvn -B -o test -Dtest=FaultInjectionHarnessTest
 * -Dauthaudit.harness.kills=200 -Dauthaudit.harness.seconds=1200}.
 */
class FaultInjectionHarnessTest {
    private static final long SEED = Long.getLong("authaudit.harness.seed", 20261206L);
    private static final int KILLS = Integer.getInteger("authaudit.harness.kills", 22);
    private static final int STORIES = Integer.getInteger("authaudit.harness.stories", 8);
    private static final int RATE = Integer.getInteger("authaudit.harness.rate", 300);
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("authaudit.harness.seconds", 150));
    /** Event seconds between two filler lines: the stories' two hours pass in about a minute. */
    private static final double FILLER_STEP = 0.9;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final long begun = System.nanoTime();
    private GreenMail smtp;
    private final List<MimeMessage> received = Collections.synchronizedList(new ArrayList<>());
    private Writer writer;
    private Thread writerThread;

    @AfterEach
    void cleanUp() throws InterruptedException {
        started.forEach(Process::destroyForcibly);
        if (writer != null) {
            writer.stop = true;
            writerThread.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (smtp != null) {
            smtp.stop();
        }
        String keep = System.getProperty("authaudit.harness.keep");
        if (keep != null) {
            // for a failure's post-mortem: the logs, the runs' output and the state, copied before @TempDir goes
            Path to = Path.of(keep);
            try (var all = Files.walk(dir)) {
                for (Path p : all.toList()) {
                    Path target = to.resolve(dir.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                System.out.println("cannot keep the harness folder in " + keep + ": " + e);
            }
        }
    }

    // ---------------------------------------------------------------- the log and its writer

    /** One line of a story: its event time offset and text after the stamp. */
    private record StoryLine(double offset, String rest) {
    }

    /** The home-nat scenario (carol's phone with an old password) as story k: own logins, address, sessions. */
    private static List<StoryLine> story(List<String> template, int k) {
        DateTimeFormatter syslog = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ROOT);
        Pattern session = Pattern.compile("<([A-Za-z0-9+/]{16})>");
        String code = "" + (char) ('A' + k / 26) + (char) ('a' + k % 26);
        LocalDateTime first = null;
        List<StoryLine> out = new ArrayList<>();
        for (String l : template) {
            LocalDateTime t = LocalDateTime.parse("2025 " + l.substring(0, 15).replaceAll(" +", " "), syslog);
            first = first == null ? t : first;
            String rest = l.substring(16).replace("carol@example.com", "c" + k + "@example.com")
                    .replace("dave@example.com", "d" + k + "@example.com")
                    .replace("203.0.113.45", "198.51.100." + (10 + k));
            Matcher m = session.matcher(rest);
            rest = m.replaceAll(r -> "<" + code + r.group(1).substring(2) + ">");
            out.add(new StoryLine(k * 1200.0 + ChronoUnit.SECONDS.between(first, t), rest));
        }
        return out;
    }

    /** Appends lines at a steady rate, rotates the log now and then, and remembers every line written. */
    private final class Writer implements Runnable {
        volatile boolean stop;
        volatile boolean storiesDone;
        volatile Throwable failed;
        final Object fileLock = new Object();
        final List<String> written = Collections.synchronizedList(new ArrayList<>());
        final Random rnd = new Random(SEED ^ 0x5eed);
        final Path log;
        final Instant t0;
        final List<StoryLine> stories = new ArrayList<>();
        int nextStory;
        double now;
        long seq;
        int generation;
        long lastRotationMs = System.currentTimeMillis();
        int renames;
        int copytruncates;
        int gzips;
        int doubles;
        boolean doubling;
        long nextRotationAt;

        Writer(Path log, List<String> template) {
            this.log = log;
            this.t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int k = 0; k < STORIES; k++) {
                stories.addAll(story(template, k));
            }
            stories.sort((a, b) -> Double.compare(a.offset(), b.offset()));
            nextRotationAt = 2500 + rnd.nextInt(2500);
        }

        private String stamp(double offset) {
            long micros = (long) (offset * 1_000_000L);
            // the sequence number in the sub-second digits keeps every line unique
            Instant t = t0.plus(micros / 1_000_000L, ChronoUnit.SECONDS).plus(seq % 1_000_000L, ChronoUnit.MICROS);
            return RFC3339.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        }

        private String next() {
            seq++;
            if (nextStory < stories.size() && stories.get(nextStory).offset() <= now) {
                StoryLine s = stories.get(nextStory++);
                storiesDone = nextStory == stories.size();
                return stamp(s.offset()) + " " + s.rest();
            }
            now += FILLER_STEP;
            String sess = Long.toString(1_000_000_000_000L + seq, 36);
            int pick = rnd.nextInt(10);
            if (pick == 0) {
                return stamp(now) + " mail1 CROND[" + (1000 + seq % 9000) + "]: (root) CMD (run-parts /etc/cron.hourly)";
            }
            return stamp(now) + " mail1 dovecot[1021]: imap-login: Disconnected (auth failed, 1 attempts in 2 secs):"
                    + " user=<guest" + rnd.nextInt(400) + "@example.org>, method=PLAIN, rip=192.0.2." + (1 + rnd.nextInt(250))
                    + ", lip=203.0.113.10, TLS, session=<" + sess + ">";
        }

        @Override
        public void run() {
            try {
                long period = 1_000_000_000L / RATE;
                long due = System.nanoTime();
                while (!stop) {
                    String line = next();
                    synchronized (fileLock) {
                        append(line);
                        written.add(line);
                    }
                    if (seq >= nextRotationAt) {
                        // now and then a second rotation follows within 20-100 lines (a busy log rotated by
                        // size twice, or logrotate run twice), whether or not watch has moved on
                        boolean second = !doubling && rnd.nextInt(100) < 35;
                        doubling = second;
                        nextRotationAt = seq + (second ? 20 + rnd.nextInt(80) : 2500 + rnd.nextInt(2500));
                        synchronized (fileLock) {
                            doubles += second ? 1 : 0;
                            if (rnd.nextBoolean()) {
                                rename(false);
                            } else {
                                copytruncate();
                            }
                        }
                    }
                    due += period;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // the writer's steady rate, not a wait for watch
                    }
                }
            } catch (Throwable t) {
                failed = t;
            }
        }

        private void append(String line) throws IOException {
            try (FileChannel c = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    c.write(b);
                }
            }
        }

        /** Rename and re-create; with {@code gzip}, the rotated file is compressed at once (no delaycompress). */
        void rename(boolean gzip) throws IOException {
            Path to = log.resolveSibling("maillog." + (++generation));
            Files.move(log, to);
            Files.createFile(log);
            if (gzip) {
                Path gz = log.resolveSibling("maillog." + generation + ".gz");
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                    Files.copy(to, out);
                }
                Files.delete(to);
                gzips++;
            } else {
                renames++;
            }
            lastRotationMs = System.currentTimeMillis();
        }

        void copytruncate() throws IOException {
            Files.copy(log, log.resolveSibling("maillog." + (++generation)));
            try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
                c.truncate(0);
            }
            copytruncates++;
            lastRotationMs = System.currentTimeMillis();
        }

    }

    private static long inode(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    // ---------------------------------------------------------------- the state, read as a bystander

    private Path state() {
        return dir.resolve("state");
    }

    private Path log() {
        return dir.resolve("maillog");
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + state().resolve("authaudit.db"));
    }

    /** Returns the saved checkpoint of the log as {inode, offset, saved_at}, or null. */
    private long[] checkpointRow() {
        if (!Files.exists(state().resolve("authaudit.db"))) {
            return null;
        }
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT inode, byte_offset, saved_at FROM follow_checkpoint WHERE path = ?")) {
            s.setString(1, log().toString());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new long[] {r.getLong(1), r.getLong(2), r.getLong(3)} : null;
            }
        } catch (SQLException e) {
            return null; // being created by the child
        }
    }

    /** Returns the ledger status of the notice to {@code recipient}, or null. */
    private String ledgerStatus(String recipient) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT status FROM notice WHERE recipient = ? ORDER BY id DESC")) {
            s.setString(1, recipient);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** Returns the ledger's outcome of the notice to {@code recipient}, or null. */
    private String ledgerOutcome(String recipient) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT outcome FROM notice WHERE recipient = ? ORDER BY id DESC")) {
            s.setString(1, recipient);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** Waits for {@code condition} within the harness limit; returns false when the limit came first. */
    private boolean within(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (Duration.ofNanos(System.nanoTime() - begun).compareTo(LIMIT) > 0) {
                return false;
            }
            Thread.sleep(10); // polls a condition, bounded by the harness limit
        }
        return true;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (Duration.ofNanos(System.nanoTime() - begun).compareTo(LIMIT) > 0) {
                throw new AssertionError("harness limit " + LIMIT + " reached waiting for " + what + lastErr());
            }
            if (writer != null && writer.failed != null) {
                throw new AssertionError("the writer failed", writer.failed);
            }
            Thread.sleep(10); // polls a condition, bounded by the harness limit
        }
    }

    private int runs;

    /** The end of the newest run's stderr, for a failure message. */
    private String lastErr() {
        String e = err(runs - 1);
        return "; its stderr ends:\n" + e.substring(Math.max(0, e.length() - 3000));
    }

    private String err(int run) {
        try {
            return Files.readString(dir.resolve("run" + run + ".err"));
        } catch (IOException e) {
            return "";
        }
    }

    // ---------------------------------------------------------------- watch and the SMTP server

    private Process watch(int run, int smtpPort) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String logback = CliRun.repo().resolve("src/main/resources/logback.xml").toString();
        List<String> cmd = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback, "-cp",
                System.getProperty("java.class.path"), "dev.authaudit.cli.Main",
                "watch", "--rules", CliRun.repo().resolve("rules").toString(), "--tz", "UTC", "--poll", "50ms",
                "--notify", "send", "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(smtpPort),
                "--smtp-security", "none", "--smtp-connect-timeout", "2s", "--smtp-read-timeout", "5s",
                "--state", state().toString(), "--notice-from", "Hosting <support@example.net>",
                "--notice-server-name", "mail1.example.net", "--notice-help-url", "https://example.net/help",
                "--trace-handled", log().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("run" + run + ".out").toFile())
                .redirectError(dir.resolve("run" + run + ".err").toFile());
        pb.environment().put("AUTHAUDIT_LOG_LEVEL", "INFO");
        Process p = pb.start();
        started.add(p);
        runs = run + 1;
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void smtpUp(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private void smtpDown() {
        received.addAll(List.of(smtp.getReceivedMessages()));
        smtp.stop();
        smtp = null;
    }

    private List<MimeMessage> allReceived() {
        List<MimeMessage> all = new ArrayList<>(received);
        if (smtp != null) {
            all.addAll(List.of(smtp.getReceivedMessages()));
        }
        return all;
    }

    private Set<String> noticed() {
        Set<String> who = new HashSet<>();
        for (MimeMessage m : allReceived()) {
            try {
                for (var a : m.getRecipients(Message.RecipientType.TO)) {
                    who.add(a.toString());
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return who;
    }

    // ---------------------------------------------------------------- the run

    @Test
    void killedRotatedAndCutOff_losesNoLineCountsNoneTwiceAndSendsEveryNoticeOnce() throws Exception {
        Random rnd = new Random(SEED);
        Files.createFile(log());
        List<String> template = Files.readAllLines(CliRun.repo().resolve("test-fixtures/scenarios/home-nat/maillog"));
        int port = freePort();
        smtpUp(port);
        // the SMTP server is down over two stretches of runs
        int outage1 = 2 + rnd.nextInt(Math.max(1, KILLS / 3));
        int outage2 = KILLS / 2 + rnd.nextInt(Math.max(1, KILLS / 3));
        int outageLength = 3;

        // the first run sees an empty log: everything written afterwards must be handled live
        Process first = watch(0, port);
        await("the first checkpoint", () -> checkpointRow() != null);
        writer = new Writer(log(), template);
        writerThread = new Thread(writer, "harness-writer");
        writerThread.start();

        int warmKills = 0;
        int deliveryKills = 0;
        int windowHits = 0;
        int downDoubles = 0;
        int liveKills = 0;
        int duringWarmUp = 0;
        Process p = first;
        for (int k = 0; k < KILLS; k++) {
            int run = k;
            boolean inWarmUp = k > 0 && rnd.nextInt(100) < 40;
            if (inWarmUp) {
                // as soon as the files are opened (the warm-up follows at once), within up to 150 ms
                await("run " + run + " to open its files", () -> err(run).contains("following " + log()));
                Thread.sleep(rnd.nextInt(150)); // a seeded kill point, not a wait for a result
                warmKills++;
            } else {
                await("run " + run + " to go live", () -> err(run).contains("authaudit: following 1 log"));
                GreenMail server = smtp;
                if (server != null && rnd.nextInt(100) < 35) {
                    // aimed at the SMTP boundary: killed 0-4 ms after the server stored a notice (GreenMail
                    // stores it before it answers the DATA, so the client cannot have recorded it any sooner)
                    int had = server.getReceivedMessages().length;
                    long after = rnd.nextInt(4000); // microseconds after the server took it: a seeded kill point
                    if (server.waitForIncomingEmail(2500, had + 1)) {
                        java.util.concurrent.locks.LockSupport.parkNanos(after * 1000);
                        p.destroyForcibly();
                        MimeMessage[] got = server.getReceivedMessages();
                        String to = got[got.length - 1].getRecipients(Message.RecipientType.TO)[0].toString();
                        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                        deliveryKills++;
                        if ("sending".equals(ledgerStatus(to))) {
                            windowHits++; // the server has it, the ledger does not: the next run may send it again
                        }
                    }
                } else {
                    Thread.sleep(100 + rnd.nextInt(2400)); // a seeded kill point
                }
                liveKills++;
            }
            boolean live = err(run).contains("authaudit: following 1 log"); // printed once the warm-up is over
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (!live) {
                duringWarmUp++;
            }
            if (k == outage1 || k == outage2) {
                smtpDown();
            } else if ((k == outage1 + outageLength || k == outage2 + outageLength) && smtp == null) {
                smtpUp(port);
            }
            int rotate = rnd.nextInt(100);
            if (rotate < 25) {
                synchronized (writer.fileLock) {
                    writer.rename(true); // rotated and compressed while watch is down
                }
            }
            if (rotate < 10 || (rotate >= 25 && rotate < 40)) {
                // and once more before watch is back: the file in the middle was never opened by watch
                Thread.sleep(30 + rnd.nextInt(50)); // lets the writer put some lines in between
                synchronized (writer.fileLock) {
                    int how = rnd.nextInt(3);
                    if (how == 0) {
                        writer.rename(true);
                    } else if (how == 1) {
                        writer.rename(false);
                    } else {
                        writer.copytruncate();
                    }
                    downDoubles++;
                }
            }
            Thread.sleep(rnd.nextInt(400)); // down for a seeded while; the writer goes on
            p = watch(k + 1, port);
        }
        if (smtp == null) {
            smtpUp(port);
        }
        Process last = p;
        int lastRun = KILLS;
        Set<String> expected = new HashSet<>();
        for (int k = 0; k < STORIES; k++) {
            expected.add("c" + k + "@example.com");
        }
        await("every story written", () -> writer.storiesDone);
        boolean delivered = within(() -> noticed().containsAll(expected));
        writer.stop = true;
        writerThread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(writer.failed).isNull();
        if (Files.size(log()) == 0) {
            // just rotated: until the new file's first line is read the checkpoint is the old file's end
            String line = writer.stamp(writer.now + 1) + " mail1 CROND[1]: (root) CMD (run-parts /etc/cron.hourly)";
            writer.append(line);
            writer.written.add(line);
        }
        long size = Files.size(log());
        long ino = inode(log());
        await("the last run to catch up", () -> {
            long[] cp = checkpointRow();
            return cp != null && cp[0] == ino && cp[1] == size;
        });
        last.destroy(); // SIGTERM
        assertThat(last.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(err(lastRun)).isZero();

        // lines written against lines handled
        Map<String, long[]> handled = new HashMap<>();
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT text, COUNT(*), SUM(events) FROM watch_trace GROUP BY text")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    handled.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
                }
            }
        }
        List<String> written = List.copyOf(writer.written);
        Set<String> writtenSet = new HashSet<>(written);
        long lost = written.stream().filter(l -> !handled.containsKey(l)).count();
        long twice = handled.values().stream().filter(v -> v[0] > 1).count();
        long eventsTwice = handled.values().stream().filter(v -> v[0] > 1).mapToLong(v -> v[1] / v[0] * (v[0] - 1))
                .sum();
        long events = handled.values().stream().mapToLong(v -> v[1] / v[0]).sum();
        long phantom = handled.keySet().stream().filter(l -> !writtenSet.contains(l)).count();

        // notices expected against messages received
        Map<String, Set<String>> ids = new TreeMap<>();
        Map<String, Integer> copies = new TreeMap<>();
        for (MimeMessage m : allReceived()) {
            String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
            ids.computeIfAbsent(to, x -> new HashSet<>()).add(m.getMessageID());
            copies.merge(to, 1, Integer::sum);
        }
        long noticesLost = expected.stream().filter(e -> !ids.containsKey(e)).count();
        long repeated = ids.values().stream().filter(v -> v.size() > 1).count();
        long sameIdCopies = copies.entrySet().stream().mapToLong(e -> e.getValue() - ids.get(e.getKey()).size()).sum();
        long unexpected = ids.keySet().stream().filter(t -> !expected.contains(t)).count();
        // at least once: a second copy is only allowed where the ledger tells the admin it may exist
        long undisclosedCopies = copies.entrySet().stream().filter(e -> e.getValue() > ids.get(e.getKey()).size())
                .filter(e -> {
                    String o = ledgerOutcome(e.getKey());
                    return o == null || !o.contains(NoticeDispatcher.SECOND_COPY);
                }).count();

        long leftovers;
        try (var files = Files.list(state())) {
            leftovers = files.filter(f -> f.getFileName().toString().equals("rebuild")).flatMap(f -> {
                try {
                    return Files.list(f).toList().stream();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).count();
        }
        String figures = String.format(Locale.ROOT, "fault-injection harness, seed %d: %d SIGKILLs (%d aimed at the"
                        + " warm-up, %d of them before it ended; %d while live, %d of them the moment the SMTP server"
                        + " took a notice), %d renames, %d copytruncates, %d rename+gzip while stopped, %d second"
                        + " rotations within 100 lines, %d second rotations while stopped, SMTP down over runs %d-%d"
                        + " and %d-%d%n"
                        + "  lines written %d, handled %d, lost %d, handled twice %d (events counted twice %d),"
                        + " handled but never written %d; events handled %d%n"
                        + "  notices expected %d, received %d (%d messages), lost %d, repeated %d, copies with the same"
                        + " Message-ID %d (not told in the ledger %d), to unexpected recipients %d; killed after the server took a notice and"
                        + " before the ledger recorded it: %d of %d; temporary rebuilds left: %d; %.1f s",
                SEED, KILLS, warmKills, duringWarmUp, liveKills, deliveryKills, writer.renames, writer.copytruncates,
                writer.gzips, writer.doubles, downDoubles, outage1, outage1 + outageLength, outage2, outage2 + outageLength, written.size(),
                handled.size(), lost, twice, eventsTwice, phantom, events, expected.size(), ids.size(),
                allReceived().size(), noticesLost, repeated, sameIdCopies, undisclosedCopies, unexpected, windowHits, deliveryKills,
                leftovers, (System.nanoTime() - begun) / 1e9);
        System.out.println(figures);
        if (lost > 0) {
            List<String> missing = written.stream().filter(l -> !handled.containsKey(l)).toList();
            System.out.println("  first lines lost: " + missing.subList(0, Math.min(3, missing.size())));
            System.out.println("  last lines lost: " + missing.subList(Math.max(0, missing.size() - 3), missing.size()));
            if (System.getProperty("authaudit.harness.keep") != null) {
                Files.write(Path.of(System.getProperty("authaudit.harness.keep"), "lost.txt"), missing);
            }
        }
        if (!delivered) {
            try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                    "SELECT account, status, attempts, last_error FROM notice ORDER BY account")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        System.out.println("  ledger: " + r.getString(1) + " " + r.getString(2) + " attempts "
                                + r.getInt(3) + " " + r.getString(4));
                    }
                }
            }
        }
        assertThat(lost).as(figures).isZero();
        assertThat(twice).as(figures).isZero();
        assertThat(phantom).as(figures).isZero();
        assertThat(noticesLost).as(figures).isZero();
        assertThat(repeated).as(figures).isZero();
        assertThat(unexpected).as(figures).isZero();
        assertThat(undisclosedCopies).as(figures).isZero();
        assertThat(leftovers).as(figures).isZero();
        assertThat(KILLS).isGreaterThanOrEqualTo(20);
    }
}
