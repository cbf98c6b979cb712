package dev.authaudit.cli;

import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.SmtpSettings;
import dev.authaudit.run.NoticeSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The customer-notice options of {@code scan}, {@code watch}, {@code hook lfd-block} and {@code fleet mail} (a
 * picocli mixin), handed to the run as {@link NoticeSettings}, which wires the notice stage. Without
 * {@code --notify} no notice is decided; {@code --notify drafts} writes {@code .eml} files and mails nobody; only
 * {@code --notify send} uses SMTP. The SMTP password is read from an environment variable or a file, never from
 * the command line.
 */
public final class NoticeOptions {
    @Option(names = "--notify", paramLabel = "MODE",
            description = "Decide customer notices for stale_password logins: drafts (write .eml files) or send.")
    DeliveryMode notify;

    @Option(names = "--outbox", paramLabel = "DIR", description = "Drafts folder. Default: <state>/outbox.")
    Path outbox;

    @Option(names = "--notice-from", paramLabel = "ADDR", description = "From: of notices, e.g. 'Example Hosting"
            + " <help@example.com>'.")
    String from;

    @Option(names = "--notice-org", paramLabel = "NAME", description = "The hosting company as customers know it,"
            + " named in the subject and the greeting. Default: the display name of --notice-from.")
    String org;

    @Option(names = "--notice-support", paramLabel = "CONTACT", description = "How customers reach support, for"
            + " the 'tell us' line: a phone number, an address or a page (not the no-reply From).")
    String support;

    @Option(names = "--notice-server-name", paramLabel = "HOST",
            description = "The mail server's name as customers know it (mail.example.com).")
    String serverName;

    @Option(names = "--notice-help-url", paramLabel = "URL", description = "A page explaining the notice.")
    String helpUrl;

    @Option(names = "--notice-lang", paramLabel = "LANG", description = "Template language (rules/notices/LANG).")
    String lang = "en";

    @Option(names = "--notice-max-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --notify send, mail only incidents whose last failure is at most this old"
                    + " (default 24h); older ones are drafted and marked so, never mailed.")
    java.time.Duration maxAge = java.time.Duration.ofHours(24);

    @Option(names = "--notice-cc", paramLabel = "ADDR", description = "Copy every notice to this address.")
    String cc;

    @Option(names = "--notice-contacts", paramLabel = "FILE",
            description = "login,contact CSV or YAML map; wins over cPanel and the mailbox.")
    Path contacts;

    @Option(names = "--cpanel", description = "Look up the cPanel owner's CONTACTEMAIL for the login's domain.")
    boolean cpanel;

    @Option(names = "--cpanel-userdomains", paramLabel = "FILE", description = "cPanel's domain-to-user file.")
    Path userdomains = Path.of("/etc/userdomains");

    @Option(names = "--cpanel-users", paramLabel = "DIR", description = "cPanel's per-user files.")
    Path cpanelUsers = Path.of("/var/cpanel/users");

    @Option(names = "--no-notice-mailbox", negatable = false,
            description = "Never mail the login itself; only mapped or cPanel contacts.")
    boolean noMailbox;

    @Option(names = "--notice-min-confidence", paramLabel = "X", description = "Lowest verdict confidence noticed.")
    double minConfidence = 0.8;

    @Option(names = "--notice-limit", paramLabel = "N", description = "At most N notices leave per hour; the rest"
            + " wait in the outbox.")
    int limit = 20;

    @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server for --notify send.")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT", description = "SMTP port.")
    int smtpPort = 587;

    @Option(names = "--smtp-security", paramLabel = "MODE", description = "none (local relay only), starttls or"
            + " tls.")
    SmtpSettings.Security smtpSecurity = SmtpSettings.Security.STARTTLS;

    @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP login.")
    String smtpUser;

    @Option(names = "--smtp-password-env", paramLabel = "NAME",
            description = "Environment variable holding the SMTP password.")
    String smtpPasswordEnv = "AUTHAUDIT_SMTP_PASSWORD";

    @Option(names = "--smtp-password-file", paramLabel = "FILE",
            description = "File holding the SMTP password (chmod 600); wins over the environment variable.")
    Path smtpPasswordFile;

    @Option(names = "--smtp-connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "SMTP connection timeout.")
    Duration connectTimeout = Duration.ofSeconds(30);

    @Option(names = "--smtp-read-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "SMTP reply timeout.")
    Duration readTimeout = Duration.ofSeconds(30);

    /** Returns true when {@code --notify} was given. */
    public boolean enabled() {
        return notify != null;
    }

    /** Returns the delivery mode for new notices. */
    public DeliveryMode mode() {
        return settings().mode();
    }

    /** Returns how old an incident's last failure may be for its notice to be mailed. */
    public java.time.Duration maxAge() {
        return maxAge;
    }

    /** Returns what the options (and a config file laid over them) say, for the run to wire the notice stage. */
    public NoticeSettings settings() {
        return new NoticeSettings(notify, outbox, new NoticeSettings.Sender(from, org, support, serverName, helpUrl),
                lang, maxAge, new NoticeSettings.Recipients(contacts, cpanel, userdomains, cpanelUsers, !noMailbox, cc),
                minConfidence, limit, new NoticeSettings.SmtpServer(smtpHost, smtpPort, smtpSecurity, smtpUser,
                smtpPasswordEnv, smtpPasswordFile, connectTimeout, readTimeout));
    }
}
