package dev.authaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.BlockCause;
import dev.authaudit.classify.IpVerdict;
import dev.authaudit.classify.SourceRole;
import dev.authaudit.event.Protocol;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile, long and singular cases of the text report; the sample's counts are in TextReportAgreementTest. */
class ReportTextWriterTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-31T11:28:22-04:00");
    private static final String HOSTILE = "x\u001b[31m\"><script>" + "a".repeat(300) + "@example.com";

    private static Report report() {
        SourceEntry own = new SourceEntry("198.51.100.7", 1, 1, List.of(Protocol.IMAP), List.of(993), T, T,
                SourceRole.CUSTOMER);
        return new Report(Report.SCHEMA, T.plusHours(1), new Period(T.minusHours(2), T),
                List.of(new InputSummary("/var/log/" + "d".repeat(200) + "/maillog\u001b[2J", "dovecot", 1, 1, 0),
                        new InputSummary("/etc/csf/csf.conf", "csf-conf", 0, 0, 0)),
                List.of(new AccountEntry(HOSTILE, AccountVerdict.STALE_PASSWORD, 0.9, T, 1, 1, List.of(own),
                        List.of("reason " + "w ".repeat(200) + "\u001b[0m end"))),
                List.of(new IpEntry("203.0.113.9", IpVerdict.ATTACKER, 0.9, List.of(HOSTILE), 1, 0, 1, List.of("why"))),
                List.of(new BlockEntry("198.51.100.7", T, "lfd", "PS_LIMIT", 11, List.of(587), BlockCause.CLOSED_PORT,
                        0.7, HOSTILE, 0, null, List.of("port 587 is missing from TCP_IN"))),
                List.of(), new Omissions(0, 0, 0));
    }

    private static String render(boolean verbose, boolean color) {
        StringWriter w = new StringWriter();
        new ReportTextWriter(10, 4, verbose, color).write(report(), w);
        return w.toString();
    }

    @Test
    void hostileAndLongStrings_stayWithin120Columns_andCarryNoEscapeCode() {
        for (boolean verbose : new boolean[] {false, true}) {
            String out = render(verbose, false);
            assertThat(out).doesNotContain("\u001b");
            out.lines().forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(ReportTextWriter.WIDTH));
        }
        String coloured = render(false, true);
        assertThat(coloured).contains("\u001b[1m");
        coloured.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", ""))
                .forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(ReportTextWriter.WIDTH));
    }

    @Test
    void oneOfAThing_isSingular_andTheSettingsFileIsNotAFailedRead() {
        String out = render(false, false);
        assertThat(out).contains("1 line in 1 log: 1 event, none skipped").contains("1 on 1 login from 1 address")
                .contains("blocks     1 of 1 address: 1 closed port").contains("1 failure, confidence 0.90");
        assertThat(out).doesNotContainPattern("\\b1 (failures|inputs|logins|addresses|blocks|lines|events)\\b");
        assertThat(out).contains("firewall settings read (not a log)");
    }

    @Test
    void wrap_breaksAtSpaces_andCutsAWordLongerThanALine() {
        assertThat(ReportTextWriter.wrap("aaa bbb ccc", 30, 30)).containsExactly("aaa bbb ccc");
        List<String> lines = ReportTextWriter.wrap("x".repeat(50) + " " + "y ".repeat(30), 20, 25);
        assertThat(lines.get(0)).isEqualTo("x".repeat(20));
        lines.forEach(l -> assertThat(l.length()).isLessThanOrEqualTo(25));
        assertThat(String.join("", lines).replace(" ", "")).isEqualTo("x".repeat(50) + "y".repeat(30));
    }
}
