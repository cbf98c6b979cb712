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
        assertThat(m.getSubject()).isEqualTo("Action needed: a device is using an old password for bob@example.com");
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart mp = (MimeMultipart) m.getContent();
        String text = (String) mp.getBodyPart(0).getContent();
        assertThat(text).contains("bob@example.com", "IMAP mail app \"iPhone\" at 203.0.113.7", "port 993",
                "Tue 31 Mar 2026 11:00:00 EDT", "Tue 31 Mar 2026 11:30:00 EDT", "Failed logins:  42",
                "iPhone / iPad", "Android (Gmail app)", "Outlook", "Thunderbird", "Apple Mail",
                "may be blocked", "https://example.net/help/mail-password");
        assertThat(mp.getBodyPart(1).getContentType()).startsWith("text/html");
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
    void parse_unknownPlaceholder_errorNamesFileLineAndKnownNames() {
        assertThatThrownBy(() -> Template.parse("body.txt", "Hello\n\nyour {{devise}} failed", Set.of("device")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("body.txt:3: unknown placeholder {{devise}}; known: device");
    }

    @Test
    void parse_unclosedPlaceholder_errorNamesLine() {
        assertThatThrownBy(() -> Template.parse("s.txt", "a\n{{login", Set.of("login")))
                .hasMessageContaining("s.txt:2: '{{' does not start a placeholder");
    }

    @Test
    void render_valueWithPlaceholderSyntax_staysLiteral() {
        Template t = Template.parse("t", "[{{login}}] {{server}}", Set.of("login", "server"));
        assertThat(t.render(Map.of("login", "{{server}}", "server", "s"), s -> s)).isEqualTo("[{{server}}] s");
    }

    @Test
    void load_templateWithTypo_configErrorNamesShippedFile() throws IOException {
        Path en = Files.createDirectories(dir.resolve("notices/en"));
        Files.writeString(en.resolve("subject.txt"), "Hi {{login}}\n");
        Files.writeString(en.resolve("body.txt"), "ok\n");
        Files.writeString(en.resolve("body.html"), "<p>\n{{loginn}}</p>\n");
        assertThatThrownBy(() -> NoticeTemplates.load(dir, "en")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("body.html:2: unknown placeholder {{loginn}}");
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
