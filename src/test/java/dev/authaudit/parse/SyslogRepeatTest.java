package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** syslog's reduction of repeated lines: rsyslog's wrapper and syslogd's "last message repeated". */
class SyslogRepeatTest {
    private static final String SASL = "Sep  6 00:44:56 mx postfix/submission/smtpd[11538]: warning: "
            + "unknown[198.51.100.233]: SASL LOGIN authentication failed: UGFzc3dvcmQ6";
    private static final String DROP = "Mar 31 11:28:22 vps kernel: [2760494.944535] Firewall: *TCP_IN Blocked* "
            + "IN=eth0 OUT= MAC= SRC=198.51.100.167 DST=192.0.2.10 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=0 DF PROTO=TCP "
            + "SPT=50780 DPT=587 WINDOW=14600 RES=0x00 SYN URGP=0";

    private final Path repo = Paths.get(System.getProperty("authaudit.repo", "."));
    private final LineParser parser = new LineParser(RuleSet.load(List.of(repo.resolve("rules"))),
            new TimeResolver(ZoneOffset.UTC, 2025), new PasswordRedactor(new byte[16]));

    @TempDir
    Path dir;

    @Test
    void of_rsyslogWrapper_unwrapsTheMessageBehindTheHeader() {
        String line = "Sep  6 00:44:58 mx postfix/smtpd[11538]: message repeated 4 times: [ warning: x]";
        SyslogRepeat r = SyslogRepeat.of(line, 16);
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.unwrapped()).isEqualTo("Sep  6 00:44:58 mx postfix/smtpd[11538]: warning: x");
        assertThat(SyslogRepeat.of("Sep  6 00:44:58 mx dovecot: message repeated 2 times: [ auth: x]", 16).unwrapped())
                .isEqualTo("Sep  6 00:44:58 mx dovecot: auth: x");
    }

    @Test
    void of_bsdForms_areRepeatsOfThePreviousLine() {
        assertThat(SyslogRepeat.of("Mar 31 11:29:36 vps last message repeated 3 times", 16))
                .isEqualTo(new SyslogRepeat(3, null));
        assertThat(SyslogRepeat.of("Mar 31 11:29:36 vps --- last message repeated 1 time ---", 16))
                .isEqualTo(new SyslogRepeat(1, null));
        assertThat(SyslogRepeat.of("Mar 31 11:29:36 vps last message repeated 100000 times", 16).count())
                .isEqualTo(SyslogRepeat.MAX);
    }

    @Test
    void of_wordsElsewhereInTheLine_areNotARepeat() {
        // a client-chosen login or HELO carrying the words is not in the header's place
        assertThat(SyslogRepeat.of("Mar 31 11:29:36 mx dovecot: imap-login: Login: user=<message repeated 9 times: [ x]>",
                16)).isNull();
        assertThat(SyslogRepeat.of("Mar 31 11:29:36 mx dovecot: imap-login: last message repeated 9 times", 16)).isNull();
        assertThat(SyslogRepeat.of("Mar 31 11:29:36 vps last message repeated 3 times and more", 16)).isNull();
        assertThat(SyslogRepeat.of("Mar 31 11:29:36 mx prog: message repeated x times: [ y]", 16)).isNull();
        assertThat(SyslogRepeat.of("Mar 31 11:29:36 mx prog: message repeated 2 times: [ y", 16)).isNull();
    }

    @Test
    void parse_wrappedSaslFailure_isOneFailureOfThatManyAttempts() throws IOException {
        String wrapped = SASL.replace("warning: unknown", "message repeated 4 times: [ warning: unknown") + "]";
        List<LogEvent> events = read(List.of(wrapped));
        assertThat(events).hasSize(1);
        AuthFailure f = (AuthFailure) events.get(0);
        assertThat(f.ip()).isEqualTo("198.51.100.233");
        assertThat(f.attempts()).isEqualTo(4);
    }

    @Test
    void parse_lastMessageRepeated_repeatsThePreviousLinesEventAtItsOwnTimeAndLine() throws IOException {
        List<LogEvent> events = read(List.of(SASL, "Sep  6 00:45:30 mx last message repeated 3 times",
                DROP, "Mar 31 11:28:25 vps last message repeated 2 times",
                "Mar 31 11:28:26 vps cron[1]: unrelated", "Mar 31 11:28:27 vps last message repeated 5 times"));
        assertThat(events).hasSize(1 + 1 + 1 + 2);
        AuthFailure again = (AuthFailure) events.get(1);
        assertThat(again.attempts()).isEqualTo(3);
        assertThat(again.time().toString()).isEqualTo("2025-09-06T00:45:30Z");
        assertThat(again.origin().line()).isEqualTo(2);
        assertThat(again.origin().rule()).isEqualTo(events.get(0).origin().rule());
        assertThat(events.subList(2, 5)).allSatisfy(e -> assertThat(e).isInstanceOf(FirewallDrop.class));
        assertThat(events.get(3).origin().line()).isEqualTo(4);
        assertThat(events.get(3).time().toString()).isEqualTo("2025-03-31T11:28:25Z");
    }

    @Test
    void parse_repeatsAcrossBlockBoundaries_areTheSameSplitOrNot() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            // every third line a repeat note, so some fall on the first line of a block
            lines.add(i % 3 == 2 ? "Mar 31 11:28:25 vps last message repeated 2 times" : i % 3 == 0 ? SASL : DROP);
        }
        Path f = dir.resolve("messages");
        Files.write(f, lines);
        List<String> one = merged(f, Long.MAX_VALUE);
        // per three lines: a failure, a drop and the drop twice more; then a failure and a drop; then the count
        assertThat(one).hasSize(1666 * 4 + 2 + 1).last().isEqualTo("events=" + (1666 * 4 + 2));
        assertThat(merged(f, 0)).containsExactlyElementsOf(one);
    }

    private List<String> merged(Path f, long splitBytes) {
        List<String> out = new ArrayList<>();
        List<FileParser> files = List.of(new FileParser(new InputFile(f, f.toString(), Instant.parse(
                "2025-12-31T00:00:00Z")), parser, Instant.parse("2025-12-31T00:00:00Z"), null, null));
        try (EventMerger m = new EventMerger(files, true, splitBytes, 2)) {
            LogEvent e;
            while ((e = m.next()) != null) {
                out.add(e.toString());
            }
            out.add("events=" + m.stats().get(0).events());
        }
        return out;
    }

    private List<LogEvent> read(List<String> lines) throws IOException {
        Path f = dir.resolve("log");
        Files.write(f, lines);
        List<LogEvent> out = new ArrayList<>();
        try (FileParser p = new FileParser(new InputFile(f, f.toString(), Instant.parse("2025-12-31T00:00:00Z")),
                parser, Instant.parse("2025-12-31T00:00:00Z"), null, null)) {
            LogEvent e;
            while ((e = p.nextEvent()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void parse_oneLine_saysWhatARepeatNoteIs() {
        Parsed p = parser.parse(new RawLine("x", 1, "Mar 31 11:29:36 vps last message repeated 3 times"),
                Instant.parse("2025-12-31T00:00:00Z"));
        assertThat(p.status()).isEqualTo(Parsed.Status.REPEAT);
        assertThat(p.repeat()).isEqualTo(3);
    }
}
