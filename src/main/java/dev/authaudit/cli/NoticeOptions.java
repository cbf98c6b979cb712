package dev.authaudit.cli;

import dev.authaudit.act.notice.Backoff;
import dev.authaudit.act.notice.ComposerSettings;
import dev.authaudit.act.notice.ContactMap;
import dev.authaudit.act.notice.CpanelContacts;
import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.DraftFolder;
import dev.authaudit.act.notice.NoticeComposer;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeOutbox;
import dev.authaudit.act.notice.NoticePolicy;
import dev.authaudit.act.notice.NoticeTemplates;
import dev.authaudit.act.notice.RecipientResolver;
import dev.authaudit.act.notice.SmtpDelivery;
import dev.authaudit.act.notice.SmtpSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The customer-notice options of {@code scan} and {@code watch} (a picocli mixin), and the wiring of
 * the notice stage from them. Without {@code --notify} no notice is decided; {@code --notify drafts}
 * writes {@code .eml} files and mails nobody; only {@code --notify send} uses SMTP. The SMTP password
 * is read from an environment variable or a file, never from the command line.
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
        return notify == null ? DeliveryMode.DRAFTS : notify;
    }

    /** Returns how old an incident's last failure may be for its notice to be mailed. */
    public java.time.Duration maxAge() {
        return maxAge;
    }

    /** Returns the policy from the options. */
    public NoticePolicy policy() {
        NoticePolicy d = NoticePolicy.defaults();
        return new NoticePolicy(minConfidence, d.perLogin(), limit, d.globalWindow());
    }

    /** Builds the outbox; {@code clock} is the event clock in replay, the system clock live. */
    public NoticeOutbox outbox(NoticeLedger ledger, Clock clock) {
        RecipientResolver r = new RecipientResolver(contacts == null ? null : ContactMap.load(contacts),
                cpanel ? new CpanelContacts(userdomains, cpanelUsers) : null, !noMailbox, cc);
        return new NoticeOutbox(ledger, r, policy(), clock);
    }

    /**
     * Builds the dispatcher: drafts always, SMTP only with {@code --notify send}.
     *
     * @param rules the rules folder holding {@code notices/<lang>/}
     * @param zone the server's zone, for the times in notices
     * @param state the state options, for the default drafts folder
     */
    public NoticeDispatcher dispatcher(NoticeLedger ledger, Path rules, ZoneId zone, StateOptions state) {
        NoticeComposer composer = composer(rules, zone);
        SmtpDelivery smtp = notify == DeliveryMode.SEND ? smtp() : null;
        Path drafts = draftsDir(state);
        return new NoticeDispatcher(ledger, composer, policy(), Backoff.defaults(), smtp, new DraftFolder(drafts));
    }

    /**
     * Builds the composer: loads and checks the templates of {@code --notice-lang} (a bad template
     * stops here, before anything is read or sent) and validates the sender settings.
     */
    public NoticeComposer composer(Path rules, ZoneId zone) {
        return new NoticeComposer(NoticeTemplates.load(rules, lang), new ComposerSettings(from, org, support,
                serverName, helpUrl, zone, Locale.forLanguageTag(lang.replace('_', '-'))));
    }

    /** Builds the SMTP delivery from the {@code --smtp-*} options. */
    public SmtpDelivery smtp() {
        String password = smtpUser == null ? null
                : SmtpSettings.readPassword(smtpPasswordEnv, System.getenv(), smtpPasswordFile);
        return new SmtpDelivery(new SmtpSettings(smtpHost, smtpPort, smtpSecurity, smtpUser, password,
                connectTimeout, readTimeout));
    }

    /** Returns the folder drafts are written to: --outbox, else the state folder's outbox. */
    public Path draftsDir(StateOptions state) {
        return outbox != null ? outbox : state.state().resolve("outbox");
    }
}
