package dev.authaudit.act.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.authaudit.act.ActionException;
import dev.authaudit.config.ConfigException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SmtpSettingsTest {
    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dir;

    private SmtpSettings settings(String host, SmtpSettings.Security sec, String user, String password) {
        return new SmtpSettings(host, greenMail.getSmtp().getPort(), sec, user, password, Duration.ofSeconds(2),
                Duration.ofSeconds(2));
    }

    @Test
    void toString_withPassword_masksIt() {
        assertThat(settings("mail.example.net", SmtpSettings.Security.STARTTLS, "u", "hunter2").toString())
                .contains("password=<masked>").doesNotContain("hunter2");
    }

    @Test
    void settings_userWithoutTlsToRemoteHost_configErrorSaysClearText() {
        assertThatThrownBy(() -> settings("mail.example.net", SmtpSettings.Security.NONE, "u", "p"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("password in clear");
    }

    @Test
    void settings_userWithoutPassword_configErrorNamesTheTwoSources() {
        assertThatThrownBy(() -> settings("mail.example.net", SmtpSettings.Security.TLS, "u", null))
                .hasMessageContaining("$AUTHAUDIT_SMTP_PASSWORD or --smtp-password-file");
    }

    @Test
    void readPassword_fileWinsOverEnvAndLosesFinalNewline() throws Exception {
        Path f = Files.writeString(dir.resolve("pw"), "s3cret\n");
        assertThat(SmtpSettings.readPassword("PW", Map.of("PW", "env"), f)).isEqualTo("s3cret");
        assertThat(SmtpSettings.readPassword("PW", Map.of("PW", "env"), null)).isEqualTo("env");
        assertThat(SmtpSettings.readPassword("PW", Map.of(), null)).isNull();
    }

    @Test
    void properties_starttls_requiredAndServerIdentityChecked() {
        var p = settings("mail.example.net", SmtpSettings.Security.STARTTLS, null, null).properties();
        assertThat(p.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(p.values()).doesNotContain("hunter2");
    }

    @Test
    void deliver_withLogin_acceptedByServer() throws Exception {
        greenMail.setUser("notices@example.net", "notices@example.net", "right");
        SmtpDelivery d = new SmtpDelivery(settings("127.0.0.1", SmtpSettings.Security.NONE, "notices@example.net",
                "right"));
        MimeMessage m = NoticeComposerTest.composer().compose(Candidates.stale("bob@example.com").build(),
                "bob@example.com", null, "<a.0@mail.example.net>", Instant.parse("2026-03-31T16:00:00Z"));
        assertThat(d.deliver(1, m)).startsWith("accepted by 127.0.0.1:");
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void deliver_wrongPassword_transientActionExceptionNamesTheFix() throws Exception {
        greenMail.setUser("notices@example.net", "notices@example.net", "right");
        greenMail.getManagers().getSmtpManager().getUserManager().setAuthRequired(true);
        SmtpDelivery d = new SmtpDelivery(settings("127.0.0.1", SmtpSettings.Security.NONE, "notices@example.net",
                "wrong"));
        MimeMessage m = NoticeComposerTest.composer().compose(Candidates.stale("bob@example.com").build(),
                "bob@example.com", null, "<a.0@mail.example.net>", Instant.parse("2026-03-31T16:00:00Z"));
        assertThatThrownBy(() -> d.deliver(1, m)).isInstanceOf(ActionException.class)
                .hasMessageContaining("refused the login for notices@example.net")
                .hasMessageContaining("--smtp-password-file")
                .hasMessageNotContaining("wrong")
                .matches(e -> ((ActionException) e).transientFailure());
    }
}
