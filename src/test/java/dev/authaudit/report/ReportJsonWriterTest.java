package dev.authaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.BlockCause;
import dev.authaudit.classify.IpVerdict;
import dev.authaudit.event.Protocol;
import dev.authaudit.testing.ReportSchema;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonWriterTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-31T11:28:22-04:00");

    private static Report report() {
        SourceEntry source = new SourceEntry("198.51.100.7", 23, 1, List.of(Protocol.SMTP, Protocol.IMAP),
                List.of(587, 993), T.minusHours(2), T);
        return new Report(Report.SCHEMA, T.plusHours(1), new Period(T.minusHours(2), T),
                List.of(new InputSummary("/var/log/maillog", "dovecot", 1200, 46, 2)),
                List.of(new AccountEntry("bob@example.com", AccountVerdict.STALE_PASSWORD, 0.9, T.minusMinutes(90), 23, 1,
                                List.of(source), List.of("one password fingerprint 712c344 repeated 23 times")),
                        new AccountEntry("carol@example.com", AccountVerdict.OK, 0.5, null, 1, 0, List.of(), List.of())),
                List.of(new IpEntry("198.51.100.7", IpVerdict.CUSTOMER, 0.95, List.of("bob@example.com"), 23, 1, 1,
                        List.of("logged in successfully"))),
                List.of(new BlockEntry("203.0.113.25", T, "lfd", "PS_LIMIT", 11, List.of(587), BlockCause.CLOSED_PORT,
                                0.9, null, 0, null, List.of("no connection ever reached Exim or Dovecot")),
                        new BlockEntry("192.0.2.66", T, "fail2ban", "exim", null, List.of(), BlockCause.BRUTE_FORCE,
                                0.9, null, 7, T.plusHours(1), List.of())),
                List.of(new NoticeEntry("bob@example.com", null, NoticeStatus.SUPPRESSED, T, "no success on record")),
                new Omissions(0, 3, 0));
    }

    @Test
    void write_fullReport_isValidReportV1WithOffsetsAndNulls() {
        JsonNode doc = ReportSchema.assertValid(new ReportJsonWriter().toJson(report()));

        assertThat(doc.path("schema").asText()).isEqualTo("authaudit-report/1");
        assertThat(doc.path("generated_at").asText()).isEqualTo("2026-03-31T12:28:22-04:00");
        assertThat(doc.path("accounts").get(0).path("verdict").asText()).isEqualTo("stale_password");
        assertThat(doc.path("accounts").get(0).path("sources").get(0).path("protocols").toString())
                .isEqualTo("[\"smtp\",\"imap\"]");
        assertThat(doc.path("accounts").get(1).has("detected_at")).isTrue();
        assertThat(doc.path("accounts").get(1).path("detected_at").isNull()).isTrue();
        assertThat(doc.path("blocks").get(0).path("account").isNull()).isTrue();
        assertThat(doc.path("blocks").get(1).path("hits").isNull()).isTrue();
        assertThat(doc.path("notices").get(0).path("to").isNull()).isTrue();
        assertThat(doc.path("notices").get(0).path("status").asText()).isEqualTo("suppressed");
        assertThat(doc.path("omitted").path("ips").asInt()).isEqualTo(3);
    }

    @Test
    void write_emptyRun_isValidWithNullPeriod() {
        Report empty = new Report(Report.SCHEMA, T, new Period(null, null), List.of(), List.of(), List.of(),
                List.of(), List.of(), new Omissions(0, 0, 0));

        JsonNode doc = ReportSchema.assertValid(new ReportJsonWriter().toJson(empty));

        assertThat(doc.path("period").path("from").isNull()).isTrue();
        assertThat(doc.path("accounts").isArray()).isTrue();
    }
}
