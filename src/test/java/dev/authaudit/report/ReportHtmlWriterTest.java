package dev.authaudit.report;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import dev.authaudit.event.FailureReason;
import dev.authaudit.parse.Parsed;
import dev.authaudit.testing.TestEvents;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlWriterTest {
    private static final OffsetDateTime GENERATED = OffsetDateTime.parse("2026-04-02T00:00:00-04:00");
    private static final String HOSTILE_LOGIN = "x\"><script>alert('l')</script>\u001b[31m@example.com";
    private static final String HOSTILE_FILE = "/var/log/<img src=x onerror=alert(1)>'\".log";
    private static final String HOSTILE_LINE = "exim: <b onmouseover=\"alert(2)\">&amp;</b> `tick` \u0007 'q'";

    private final TestEvents ev = new TestEvents();

    private List<LogEvent> stalePhone(String ip, String login, OffsetDateTime from, int polls) {
        List<LogEvent> out = new ArrayList<>();
        out.add(ev.success(from.minusHours(1), ip, login, Protocol.IMAP));
        for (int i = 0; i < polls; i++) {
            out.add(ev.failure(from.plusSeconds(300L * i + (i % 3) * 4), ip, login).fp("712c344").build());
        }
        return out;
    }

    /** Runs events through the auditor and the collector, the way scan does, and renders the page. */
    private String render(List<LogEvent> events, List<NoticeEntry> notices) {
        ActivityCollector c = new ActivityCollector();
        Auditor auditor = Auditor.builder().build();
        events.stream().sorted(Comparator.comparing(LogEvent::instant)).forEach(e -> {
            auditor.accept(e);
            c.accept(e);
        });
        c.parsed(HOSTILE_FILE, new Parsed(Parsed.Status.SKIPPED, null, "exim", null, HOSTILE_LINE, null));
        AuditResult result = auditor.finish();
        Report report = new ReportAssembler().assemble(result, GENERATED,
                List.of(new InputSummary(HOSTILE_FILE, "exim", 100, 60, 1)), notices);
        StringWriter out = new StringWriter();
        new ReportHtmlWriter(10).write(report, c.detail(result, report), out);
        return out.toString();
    }

    private List<LogEvent> scenario() {
        List<LogEvent> events = new ArrayList<>(stalePhone("198.51.100.7", "bob@example.com", T0, 24));
        events.addAll(stalePhone("198.51.100.8", HOSTILE_LOGIN, T0.plusMinutes(1), 24));
        for (int i = 0; i < 12; i++) {
            // a guesser whose HELO carries markup
            events.add(new AuthFailure(T0.plusMinutes(i), new Origin("exim", "exim.auth-failed", "test.log", 900 + i),
                    "203.0.113.66", "user" + i + "<i>@example.com", Protocol.SMTP, 587, FailureReason.OTHER, 1,
                    false, null, null, "LOGIN", "<svg onload=alert(3)>", null));
        }
        events.add(ev.block(T0.plusMinutes(30), "203.0.113.66", "LF_SMTPAUTH<b>", 5, 3600, 3600L));
        return events;
    }

    @Test
    void render_hostileStrings_areEscapedEverywhere() {
        String html = render(scenario(), List.of(new NoticeEntry(HOSTILE_LOGIN, "<a@example.com>",
                NoticeStatus.DRAFTED, T0.plusHours(1), "see https://example.net/help?a=1&b=<2>")));

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b ")
                .doesNotContain("<i>").doesNotContain("<svg onload").doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(html).contains("x&quot;&gt;&lt;script&gt;alert(&#39;l&#39;)&lt;/script&gt;?[31m@example.com");
        assertThat(html).contains("/var/log/&lt;img src=x onerror=alert(1)&gt;&#39;&quot;.log");
        assertThat(html).contains("exim: &lt;b onmouseover=&quot;alert(2)&quot;&gt;&amp;amp;&lt;/b&gt; &#96;tick&#96; ?");
        assertThat(html).contains("see https://example.net/help?a=1&amp;b=&lt;2&gt;");
        HtmlCheck.assertWellFormed(html);
        HtmlCheck.assertSelfContained(html);
    }

    @Test
    void render_staleCustomers_haveSectionsAndOneTimelinePerCustomer() {
        String html = render(scenario(), List.of());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").contains("<style>");
        for (String id : List.of("summary", "hourly", "blocked-at-end", "stale", "mistyped", "blocks-hourly",
                "blocks", "attackers", "notices", "inputs")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(count(html, "<svg class=\"strip\"")).isEqualTo(2);
        assertThat(count(html, "<article id=\"stale-")).isEqualTo(2);
        assertThat(count(html, "<svg class=\"chart\"")).as("the hourly chart, the blocks chart and a gap histogram each")
                .isEqualTo(4);
        // every chart has a text alternative
        Matcher svg = Pattern.compile("<svg [^>]*role=\"img\"[^>]*><title>[^<]+</title><desc>[^<]+</desc>")
                .matcher(html);
        int described = 0;
        while (svg.find()) {
            described++;
        }
        assertThat(described).isEqualTo(6);
        assertThat(html).contains("Skipped lines: rules gaps").contains("<footer>Generated by authaudit at 2026-04-02");
        assertThat(html).contains("bob@example.com").contains("LF_SMTPAUTH&lt;b&gt;");
        HtmlCheck.assertWellFormed(html);
    }

    @Test
    void render_noEvents_isStillAWholePage() {
        Report report = new ReportAssembler().assemble(Auditor.builder().build().finish(), GENERATED, List.of(),
                List.of());

        String html = new ReportHtmlWriter(10).render(report, ReportDetail.EMPTY);

        assertThat(html).contains("No failed logins in the period.").contains("no events read");
        HtmlCheck.assertWellFormed(html);
        HtmlCheck.assertSelfContained(html);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
