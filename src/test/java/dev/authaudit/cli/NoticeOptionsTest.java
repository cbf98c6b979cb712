package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.SmtpSettings;
import dev.authaudit.run.NoticeSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** NoticeOptions hands every option to the run's NoticeSettings, each in its own place. */
class NoticeOptionsTest {
    @Command(name = "t")
    static final class Holder {
        @Mixin
        NoticeOptions notices = new NoticeOptions();
    }

    private static NoticeSettings parse(String... args) {
        Holder h = new Holder();
        CommandLine cl = new CommandLine(h);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.parseArgs(args);
        return h.notices.settings();
    }

    @Test
    void settings_carryEveryOption() {
        NoticeSettings s = parse("--notify", "send", "--outbox", "/o", "--notice-from", "F <f@x.test>",
                "--notice-org", "Org", "--notice-support", "Sup", "--notice-server-name", "mail.x.test",
                "--notice-help-url", "https://x.test/h", "--notice-lang", "de", "--notice-max-age", "2h",
                "--notice-cc", "cc@x.test", "--notice-contacts", "/c.csv", "--cpanel", "--cpanel-userdomains", "/ud",
                "--cpanel-users", "/cu", "--no-notice-mailbox", "--notice-min-confidence", "0.9", "--notice-limit",
                "7", "--smtp-host", "smtp.x.test", "--smtp-port", "2525", "--smtp-security", "tls", "--smtp-user",
                "u", "--smtp-password-env", "PW", "--smtp-password-file", "/pw", "--smtp-connect-timeout", "3s",
                "--smtp-read-timeout", "4s");
        assertThat(s.enabled()).isTrue();
        assertThat(s.mode()).isEqualTo(DeliveryMode.SEND);
        assertThat(s.draftsDir(Path.of("/state"))).isEqualTo(Path.of("/o"));
        assertThat(s.sender()).isEqualTo(new NoticeSettings.Sender("F <f@x.test>", "Org", "Sup", "mail.x.test",
                "https://x.test/h"));
        assertThat(s.lang()).isEqualTo("de");
        assertThat(s.maxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(s.recipients()).isEqualTo(new NoticeSettings.Recipients(Path.of("/c.csv"), true, Path.of("/ud"),
                Path.of("/cu"), false, "cc@x.test"));
        assertThat(s.policy().minConfidence()).isEqualTo(0.9);
        assertThat(s.policy().globalLimit()).isEqualTo(7);
        assertThat(s.smtp()).isEqualTo(new NoticeSettings.SmtpServer("smtp.x.test", 2525, SmtpSettings.Security.TLS,
                "u", "PW", Path.of("/pw"), Duration.ofSeconds(3), Duration.ofSeconds(4)));
    }

    @Test
    void settings_withoutNotify_decideNone_andDraftIntoTheStateFolder() {
        NoticeSettings s = parse();
        assertThat(s.enabled()).isFalse();
        assertThat(s.mode()).isEqualTo(DeliveryMode.DRAFTS);
        assertThat(s.draftsDir(Path.of("/state"))).isEqualTo(Path.of("/state/outbox"));
        assertThat(s.recipients().mailbox()).isTrue();
        assertThat(s.maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(s.policy().minConfidence()).isEqualTo(0.8);
        assertThat(s.policy().globalLimit()).isEqualTo(20);
        assertThat(s.smtp().port()).isEqualTo(587);
        assertThat(s.smtp().security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(s.smtp().passwordEnv()).isEqualTo("AUTHAUDIT_SMTP_PASSWORD");
    }
}
