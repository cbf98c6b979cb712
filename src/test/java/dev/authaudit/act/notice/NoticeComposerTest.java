package dev.authaudit.act.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.config.ConfigException;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeComposerTest {
    static final Path RULES = Paths.get(System.getProperty("authaudit.repo", ".")).resolve("rules");
    private static final Instant DATE = Instant.parse("2026-03-31T16:00:00Z");

    @TempDir
    Path dir;

    static NoticeComposer composer() {
        return new NoticeComposer(NoticeTemplates.load(RULES, "en"), new ComposerSettings(
                "Example Hosting <help@example.net>", "mail.example.net", "https://example.net/help/mail-password",
                ZoneId.of("America/New_York"), Locale.ENGLISH));
    }

    @Test
    void compose_staleCandidate_hasHeadersAndBothParts() throws Exception {
        NoticeComposer c = composer();
        NoticeCandidate nc = Candidates.stale("bob@example.com").build();
        MimeMessage m = c.compose(nc, "bob@example.com", "admin@example.net", c.messageId(nc.account(),
                nc.incidentKey(), 0), DATE);
        assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(m.getMessageID()).startsWith("<authaudit.").endsWith(".0@mail.example.net>");
        assertThat(m.getSentDate().toInstant()).isEqualTo(DATE);
        assertThat(m.getSubject()).isEqualTo("Example Hosting: a device still has an old password for bob@example.com");
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart mp = (MimeMultipart) m.getContent();
        String text = (String) mp.getBodyPart(0).getContent();
        assertThat(text).contains("bob@example.com", "Name it gave:         iPhone", "checking for new mail",
                "Its internet address: 203.0.113.7", "Tue 31 Mar 2026 11:00:00 EDT",
                "Tue 31 Mar 2026 11:30:00 EDT (42 failed logins so far)", "https://example.net/help/mail-password",
                "can be blocked");
        assertThat(mp.getBodyPart(1).getContentType()).startsWith("text/html");
    }

    /** The checklist of issue 15: what a customer needs to trust the notice and act on it. */
    @Test
    void compose_bothParts_passTheNoticeChecklist() throws Exception {
        Candidates cb = Candidates.stale("bob@example.com");
        cb.network = "203.0.113.0/24";
        cb.lastWorked = Candidates.T0.minusSeconds(86_400);
        cb.blockAt = Candidates.T0.plusSeconds(1700);
        NoticeComposer c = new NoticeComposer(NoticeTemplates.load(RULES, "en"), new ComposerSettings(
                "Example Hosting <noreply@example.net>", "Example Hosting Ltd", "+1 555 0100 or help@example.net",
                "mail.example.net", "https://example.net/help", ZoneId.of("UTC"), Locale.ENGLISH));
        MimeMessage m = c.compose(cb.build(), "bob@example.com", null, "<x@y>", DATE);
        MimeMultipart mp = (MimeMultipart) m.getContent();
        String html = (String) mp.getBodyPart(1).getContent();
        for (String part : new String[] {text(m), html.replaceAll("<[^>]+>", "").replace("&rarr;", ">")}) {
            String flat = part.replaceAll("\\s+", " ");
            assertThat(flat).as("named by the hosting company, with a support contact")
                    .contains("from Example Hosting Ltd", "contact +1 555 0100 or help@example.net");
            assertThat(flat).as("no sign-in link, never asks for the password")
                    .contains("It has no link to sign in, and we will never ask for your password by email.");
            assertThat(flat).as("what only the real provider knows")
                    .contains("iPhone", "one of the addresses 203.0.113.0 to 203.0.113.255",
                            "Last worked: Mon 30 Mar 2026 15:00:00 UTC", "Blocked since: Tue 31 Mar 2026 15:28:20 UTC");
            assertThat(flat).as("no rows without a value").doesNotContain("(not given)", "unknown");
            assertThat(flat).as("no protocol jargon")
                    .doesNotContainPattern("\\b(SMTP|IMAP|POP3?|TLS|SSL|port|/24|/48|HELO)\\b");
            assertThat(flat).as("do not reply, and how to tell us instead")
                    .contains("Please do not reply", "To tell us something, contact");
            assertThat(flat).as("steps for every common app").contains("iPhone or iPad (Mail)", "Mail on a Mac",
                    "Outlook for Windows (classic)", "The new Outlook for Windows", "Outlook on iPhone or Android",
                    "Gmail app", "Samsung Email", "Thunderbird");
        }
        assertThat(m.getSubject()).doesNotContainIgnoringCase("action").doesNotContain("password!");
        assertThat(html).contains("name=\"viewport\"").doesNotContain("<a ", "<script", "<table");
        assertThat(text(m).lines()).allMatch(l -> l.length() <= 78, "RFC 5322's 78 characters");
    }

    @Test
    void compose_nothingOptionalKnown_leavesOutThoseLinesEntirely() throws Exception {
        Candidates cb = Candidates.stale("bob@example.com");
        cb.helo = "[192.168.1.20]";
        cb.failures = 1;
        MimeMessage m = composer().compose(cb.build(), "bob@example.com", null, "<x@y>", DATE);
        String text = text(m).replaceAll("[ \\n]+(?=[a-z(])", " ");
        assertThat(text).doesNotContain("Name it gave", "Last worked", "Blocked since", "one of the addresses",
                "192.168.1.20").contains("(1 failed login so far)", "use the contact details on");
        assertThat(text(m)).doesNotContain("\n\n\n");
    }

    @Test
    void compose_sameIncident_sameMessageIdPerGeneration() {
        NoticeComposer c = composer();
        assertThat(c.messageId("bob@example.com", "inc-1", 0)).isEqualTo(c.messageId("bob@example.com", "inc-1", 0))
                .isNotEqualTo(c.messageId("bob@example.com", "inc-1", 1));
    }

    @Test
    void compose_scriptInHelo_escapedInHtmlAndPlainInText() throws Exception {
        Candidates cb = Candidates.stale("bob@example.com");
        cb.helo = "<script>alert(1)</script>\u001b[2J\r\nX-Evil: 1";
        MimeMessage m = composer().compose(cb.build(), "bob@example.com", null, "<x@y>", DATE);
        MimeMultipart mp = (MimeMultipart) m.getContent();
        String text = (String) mp.getBodyPart(0).getContent();
        String html = (String) mp.getBodyPart(1).getContent();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(text).doesNotContain("\u001b", "\r\nX-Evil").contains("??X-Evil: 1");
        assertThat(m.getHeader("X-Evil")).isNull();
        assertThat(raw(m)).doesNotContain("\nX-Evil");
    }

    @Test
    void compose_loginWithLineBreakInSubject_neverSplitsHeader() throws Exception {
        // The policy never lets such a login through; the composer must still be safe on its own.
        MimeMessage m = composer().compose(Candidates.stale("a@b.com\r\nBcc: evil@x.org").build(),
                "bob@example.com", null, "<x@y>", DATE);
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).contains("a@b.com??bcc: evil@x.org");
    }

    @Test
    void compose_nonAsciiLogin_subjectEncodedWord() throws Exception {
        MimeMessage m = composer().compose(Candidates.stale("jörg").build(), "joerg@example.com", null, "<x@y>",
                DATE);
        assertThat(m.getHeader("Subject", null)).startsWith("=?UTF-8?");
        assertThat(m.getSubject()).endsWith("for jörg");
    }

    @Test
    void parse_unknownName_errorNamesFileLineAndKnownNames() {
        assertThatThrownBy(() -> Template.parse("body.txt", "Hello\n\nyour {{devise}} failed", Set.of("device"),
                Template.Flavor.TEXT)).isInstanceOf(ConfigException.class)
                .hasMessage("body.txt:3: unknown name {{devise}}; the names a notice can use are device");
    }

    @Test
    void parse_unknownSectionName_isRejectedToo() {
        assertThatThrownBy(() -> Template.parse("b.txt", "a\n{{#ap}}x{{/ap}}", Set.of("app"), Template.Flavor.TEXT))
                .hasMessageStartingWith("b.txt:2: unknown name {{ap}}");
    }

    @Test
    void parse_unclosedSection_errorSaysHowToFix() {
        assertThatThrownBy(() -> Template.parse("s.txt", "a\n{{#login}}x", Set.of("login"), Template.Flavor.TEXT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s.txt")
                .hasMessageContaining("is closed by {{/name}}");
    }

    @Test
    void parse_partial_isRefused() {
        assertThatThrownBy(() -> Template.parse("h.html", "{{>footer}}", Set.of("login"), Template.Flavor.HTML))
                .isInstanceOf(ConfigException.class).hasMessageContaining("h.html:1");
    }

    @Test
    void parse_unescapedValueInHtml_isRefused() {
        assertThatThrownBy(() -> Template.parse("h.html", "<p>\n{{{login}}}</p>", Set.of("login"),
                Template.Flavor.HTML)).hasMessage("h.html:2: '{{{' would put text from the logs into the HTML"
                + " unescaped; write {{name}} instead");
    }

    @Test
    void render_valueWithTemplateSyntax_staysLiteral() {
        Template t = Template.parse("t", "[{{login}}] {{server}}", Set.of("login", "server"), Template.Flavor.TEXT);
        assertThat(t.render(Map.of("login", "{{server}}", "server", "s"))).isEqualTo("[{{server}}] s");
    }

    @Test
    void render_html_escapesEveryValueByDefault() {
        Template t = Template.parse("t", "<b>{{login}}</b>{{#app}}<i>{{app}}</i>{{/app}}", Set.of("login", "app"),
                Template.Flavor.HTML);
        java.util.Map<String, Object> v = new java.util.HashMap<>();
        v.put("login", "<img src=x onerror='y'>");
        v.put("app", null);
        assertThat(t.render(v)).isEqualTo("<b>&lt;img src=x onerror=&#39;y&#39;&gt;</b>");
        v.put("app", "a&b");
        assertThat(t.render(v)).endsWith("<i>a&amp;b</i>");
    }

    @Test
    void load_templateWithTypo_configErrorNamesShippedFile() throws IOException {
        Path en = Files.createDirectories(dir.resolve("notices/en"));
        Files.writeString(en.resolve("subject.txt"), "Hi {{login}}\n");
        Files.writeString(en.resolve("body.txt"), "ok\n");
        Files.writeString(en.resolve("body.html"), "<p>\n{{loginn}}</p>\n");
        assertThatThrownBy(() -> NoticeTemplates.load(dir, "en")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("body.html:2: unknown name {{loginn}}");
    }

    @Test
    void settings_badFrom_configErrorNamesOption() {
        assertThatThrownBy(() -> new ComposerSettings("a@b.com, c@d.com", "mail.example.net", "https://x.example",
                ZoneId.of("UTC"), Locale.ENGLISH)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--notice-from");
    }

    static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String text(MimeMessage m) throws Exception {
        BodyPart p = ((MimeMultipart) m.getContent()).getBodyPart(0);
        return (String) p.getContent();
    }
}
