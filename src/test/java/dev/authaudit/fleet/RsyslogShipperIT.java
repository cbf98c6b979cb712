package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authaudit.testing.CliCall;
import dev.authaudit.testing.ReportSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rsyslog set-up of docs/fleet.md, run for real: Debian's rsyslogd with its omkafka module, configured
 * with the very snippet the documentation shows (read from docs/fleet.md, only the broker address and the
 * file paths replaced), ships an Exim mainlog and an lfd.log read by {@code imfile}, and Dovecot and kernel
 * firewall messages sent to it through syslog, to a real single-node KRaft broker on 127.0.0.1. Then
 * {@code fleet run} parses the shipped records.
 *
 * <p>Checked: every record is the line as it is in its file (imfile) or exactly the line rsyslog's own
 * {@code RSYSLOG_FileFormat} writes for the same message (syslog); and the events {@code fleet run} makes
 * of the records are the events {@code parse} makes of the same files. A message of a program no rule reads
 * (sshd) carrying a whole Dovecot login in its text passes the documented filter only when it is mail or
 * kernel; this one is sent as mail facility, is shipped, and gives no event in either.
 *
 * <p>Needs rsyslogd and its omkafka module (Debian packages rsyslog and rsyslog-kafka, installed by
 * .ci/run). Without them the test is skipped with a loud message, or fails when
 * {@code AUTHAUDIT_REAL_DAEMONS=required}.
 */
class RsyslogShipperIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Path LOGGER = Path.of("/usr/bin/logger");
    private static final Path OMKAFKA = Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/omkafka.so");
    private static final Pattern SYSLOG = Pattern.compile("^\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ ([^\\[: ]+)(?:\\[(\\d+)\\])?: (.*)$");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theDocumentedRsyslogConfig_shipsLinesThatFleetRunReadsAsParseReadsTheFiles() throws Exception {
        requireInstalled();
        Path repo = ReportSchema.repo().toAbsolutePath();
        Path work = repo.resolve("target/rsyslog-shipper-it");
        FleetProcesses.deleteTree(work);
        Files.createDirectories(work);
        Path sample = repo.resolve("test-fixtures/sample");
        String rules = repo.resolve("rules").toString();

        // the files rsyslog reads with imfile: real-shaped Exim and lfd lines from the shipped sample
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path mainlog = logs.resolve("exim_mainlog");
        Path lfd = logs.resolve("lfd.log");
        List<String> exim = Files.readAllLines(sample.resolve("exim_mainlog"), StandardCharsets.UTF_8).subList(0, 400);
        Files.write(mainlog, exim, StandardCharsets.UTF_8);
        Files.copy(sample.resolve("lfd.log"), lfd);
        // the messages sent through syslog: Dovecot logins and failures, kernel firewall drops
        List<String> viaSyslog = new ArrayList<>();
        Files.readAllLines(sample.resolve("maillog"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("Login: ") || l.contains("auth failed") || l.contains("Aborted login"))
                .limit(150).forEach(viaSyslog::add);
        Files.readAllLines(sample.resolve("messages"), StandardCharsets.UTF_8).stream().limit(40).forEach(viaSyslog::add);
        String hostile = "Mar 10 11:00:00 server1 sshd[77]: Invalid user x from 192.0.2.9: Mar 10 11:00:00 server1 "
                + "dovecot[2123]: imap-login: Login: user=<info@example.com>, method=PLAIN, rip=192.0.2.9, "
                + "lip=203.0.113.10, mpid=1, TLS";
        viaSyslog.add(hostile);

        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"), Duration.ofSeconds(90))) {
            String bs = broker.bootstrap();
            Path socket = work.resolve("syslog.sock");
            Path fileFormat = work.resolve("syslog-as-file.log");
            Files.writeString(work.resolve("rsyslog.conf"), rsyslogConf(repo, bs, work, socket, mainlog, lfd, fileFormat));
            Process rsyslog = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", work.resolve("rsyslog.conf").toString(),
                    "-i", work.resolve("rsyslog.pid").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("rsyslogd.out").toFile()).start();
            try {
                awaitTrue("rsyslogd's socket " + socket, () -> Files.exists(socket) || !rsyslog.isAlive(),
                        Duration.ofSeconds(30));
                assertThat(rsyslog.isAlive()).as("rsyslogd running; its output: " + read(work.resolve("rsyslogd.out")))
                        .isTrue();
                send(socket, viaSyslog);
                int expected = exim.size() + Files.readAllLines(lfd).size() + viaSyslog.size();
                List<JsonNode> records = json(TopicReader.read(bs, "authaudit.lines", expected, Duration.ofSeconds(90),
                        () -> "rsyslogd's output: " + read(work.resolve("rsyslogd.out"))));
                System.out.println("RsyslogShipperIT: rsyslogd shipped " + records.size() + " records through omkafka");

                // each record is its line as it is in the file, or as rsyslog's file format writes the message
                List<String> fileFormatLines = Files.readAllLines(fileFormat, StandardCharsets.UTF_8);
                assertThat(fileFormatLines).hasSize(viaSyslog.size());
                List<String> fromFiles = new ArrayList<>();
                List<String> fromSyslog = new ArrayList<>();
                for (JsonNode r : records) {
                    ShippedLine s = ShippedLine.read(r.toString());
                    assertThat(s).as(r.toString()).isNotNull();
                    assertThat(s.host()).as(r.toString()).isNotNull();
                    assertThat(s.time()).as(r.toString()).isNotNull();
                    if (s.file().equals("syslog")) {
                        fromSyslog.add(s.message());
                    } else {
                        assertThat(s.file()).isIn(mainlog.toString(), lfd.toString());
                        fromFiles.add(s.message());
                    }
                }
                List<String> fileLines = new ArrayList<>(exim);
                fileLines.addAll(Files.readAllLines(lfd));
                assertThat(sorted(fromFiles)).isEqualTo(sorted(fileLines));
                assertThat(sorted(fromSyslog)).isEqualTo(sorted(fileFormatLines));
                assertThat(records).hasSize(expected);
            } finally {
                stop(rsyslog);
            }

            CliCall run = CliCall.run(Clock.systemUTC(),
                    "fleet", "run", "--bootstrap", bs, "--app-id", "authaudit-rsyslog-it", "--state-dir",
                    work.resolve("streams").toString(), "--judge-every", "500ms", "--until-caught-up", "--timeout", "3m",
                    "--tz", "UTC", "--rules", rules);
            assertThat(run.code()).as(run.err()).isZero();
            List<JsonNode> fleetEvents = json(TopicReader.read(bs, "authaudit.events", -1, Duration.ofSeconds(60),
                    () -> ""));

            CliCall parsed = CliCall.run(Clock.systemUTC(),
                    "parse", "--tz", "UTC", "--rules", rules, mainlog.toString(), lfd.toString(),
                    fileFormat.toString());
            assertThat(parsed.code()).as(parsed.err()).isZero();
            List<String> byParse = new ArrayList<>();
            for (String l : parsed.out().lines().toList()) {
                byParse.add(withoutPlace(MAPPER.readTree(l)));
            }
            List<String> byFleet = new ArrayList<>();
            fleetEvents.forEach(e -> byFleet.add(withoutPlace(e)));
            System.out.println("RsyslogShipperIT: fleet run made " + byFleet.size() + " events of the shipped records, parse "
                    + byParse.size() + " of the files");
            assertThat(byParse).hasSizeGreaterThan(150);
            assertThat(sorted(byFleet)).isEqualTo(sorted(byParse));
            assertThat(String.join("\n", byFleet)).as("the login smuggled into sshd's message").doesNotContain("\"ip\":\"192.0.2.9\"");
        }
    }

    /** The documentation's rsyslog snippet with this run's broker and files, plus a private socket and a file. */
    private static String rsyslogConf(Path repo, String bootstrap, Path work, Path socket, Path mainlog, Path lfd,
                                      Path fileFormat) throws IOException {
        String doc = Files.readString(repo.resolve("docs/fleet.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```\\n(module\\(load=\"omkafka\"\\).*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("docs/fleet.md has the rsyslog snippet").isTrue();
        String snippet = m.group(1);
        assertThat(snippet).contains("kafka1.example.net:9092", "/var/log/exim_mainlog", "/var/log/lfd.log");
        snippet = snippet.replace("kafka1.example.net:9092", bootstrap)
                .replace("/var/log/exim_mainlog", mainlog.toString())
                .replace("/var/log/lfd.log", lfd.toString());
        return "global(workDirectory=\"" + Files.createDirectories(work.resolve("rsyslog-state")) + "\")\n"
                + "module(load=\"imuxsock\" SysSock.Use=\"off\")\n"
                + "input(type=\"imuxsock\" Socket=\"" + socket + "\" RateLimit.Interval=\"0\")\n"
                + snippet
                // what rsyslog itself writes to a file for the messages the snippet ships through syslog
                + "if $syslogfacility-text == \"mail\" or $programname == \"kernel\" or $programname == \"lfd\" then {\n"
                + "  action(type=\"omfile\" file=\"" + fileFormat + "\" template=\"RSYSLOG_FileFormat\")\n"
                + "}\n";
    }

    /** Sends each syslog line's message with its own program tag, pid and facility, as the program would. */
    private static void send(Path socket, List<String> lines) throws Exception {
        for (String l : lines) {
            Matcher m = SYSLOG.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            String tag = m.group(1);
            List<String> cmd = new ArrayList<>(List.of(LOGGER.toString(), "-u", socket.toString(),
                    "-p", tag.equals("kernel") ? "kern.warning" : "mail.info", "-t", tag));
            if (m.group(2) != null) {
                cmd.add("--id=" + m.group(2));
            }
            cmd.add("--");
            cmd.add(m.group(3));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("logger ended").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        }
    }

    /** An event without where it was read ({@code file}, {@code line}): the file names differ, the event not. */
    private static String withoutPlace(JsonNode e) {
        ObjectNode o = ((ObjectNode) e).deepCopy();
        o.remove("file");
        o.remove("line");
        Map<String, JsonNode> sorted = new java.util.TreeMap<>();
        o.fieldNames().forEachRemaining(f -> sorted.put(f, o.get(f)));
        ObjectNode n = MAPPER.createObjectNode();
        sorted.forEach(n::set);
        return n.toString();
    }

    /** The records' values as JSON, in the order read (the caller's comparison says which are missing). */
    private static List<JsonNode> json(TopicReader.Read read) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (var r : read.records()) {
            out.add(MAPPER.readTree(r.value()));
        }
        return out;
    }

    private static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(RSYSLOGD, LOGGER, OMKAFKA)) {
            if (!Files.isExecutable(p) && !Files.isReadable(p)) {
                missing.add(p.toString());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "RsyslogShipperIT needs " + missing + " (Debian packages rsyslog, rsyslog-kafka, bsdutils)";
        if ("required".equals(System.getenv("AUTHAUDIT_REAL_DAEMONS"))) {
            throw new AssertionError(message + "; AUTHAUDIT_REAL_DAEMONS=required");
        }
        System.err.println("!!!!! SKIPPED: " + message + " !!!!!");
        assumeTrue(false, message);
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier ok, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ok.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + limit).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "(none)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        java.util.Collections.sort(s);
        return s;
    }
}
