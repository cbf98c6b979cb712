package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.authaudit.testing.CliCall;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class NoticesPreviewCommandTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Path RULES = Path.of(System.getProperty("authaudit.repo", ".")).resolve("rules");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @TempDir
    Path dir;

    private CliCall run(String... args) {
        return CliCall.run(Clock.fixed(NOW, ZoneOffset.UTC), args);
    }

    private List<String> base(String... more) {
        List<String> a = new ArrayList<>(List.of("notices", "preview", "--rules", RULES.toString(), "--tz", "UTC",
                "--notice-from", "Example Hosting <noreply@example.net>", "--notice-support", "+1 555 0100",
                "--notice-server-name", "mail.example.net", "--notice-help-url", "https://example.net/help"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void preview_outHtml_writesTheHtmlPartOnly() throws Exception {
        Path f = dir.resolve("n.html");
        CliCall r = run(base("--out", f.toString()).toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote the sample notice to " + f);
        String html = Files.readString(f);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Example Hosting", "Bens-iPhone",
                "one of the addresses 203.0.113.0 to 203.0.113.255", "Last worked: Fri 29 May 2026 12:00:00 UTC",
                "contact +1 555 0100", "customer@example.com");
    }

    @Test
    void preview_outEml_isAWholeMessageMarkedAsSample() throws Exception {
        Path f = dir.resolve("n.eml");
        assertThat(run(base("--out", f.toString(), "--login", "ann@example.org").toArray(String[]::new)).code()).isZero();
        String eml = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(eml).contains("X-Authaudit-Preview: sample", "multipart/alternative",
                "Auto-Submitted: auto-generated");
        MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                Files.newInputStream(f));
        assertThat(m.getSubject()).isEqualTo("Example Hosting: a device still has an old password for ann@example.org");
    }

    @Test
    void preview_sendTo_arrivesAtTheAdminsAddress() throws Exception {
        CliCall r = run(base("--send-to", "admin@example.net", "--smtp-host", "127.0.0.1", "--smtp-port",
                String.valueOf(greenMail.getSmtp().getPort()), "--smtp-security", "none").toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sent the sample notice to admin@example.net");
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertThat(got[0].getAllRecipients()[0].toString()).isEqualTo("admin@example.net");
    }

    @Test
    void preview_noDestination_exits2AndSaysWhatToGive() {
        CliCall r = run(base().toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--out FILE", "--send-to");
    }

    @Test
    void preview_brokenTemplate_exits3NamingFileLineAndFix() throws Exception {
        Path en = Files.createDirectories(dir.resolve("rules/notices/en"));
        for (String f : List.of("subject.txt", "body.txt", "body.html")) {
            Files.copy(RULES.resolve("notices/en").resolve(f), en.resolve(f));
        }
        Files.writeString(en.resolve("body.txt"), "Hello {{customer}}\n{{login}}\n");
        List<String> a = base("--out", dir.resolve("x.eml").toString());
        a.set(3, dir.resolve("rules").toString());
        CliCall r = run(a.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("body.txt:1: unknown name {{customer}}; the names a notice can use are");
        assertThat(Files.exists(dir.resolve("x.eml"))).isFalse();
    }
}
