package dev.authaudit.run;

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

/**
 * How a run decides and delivers customer notices, and the wiring of the notice stage from it. Without a
 * delivery mode no notice is decided; {@link DeliveryMode#DRAFTS} writes {@code .eml} files and mails nobody;
 * only {@link DeliveryMode#SEND} uses SMTP. Nothing is checked or read here until it is wired: the policy's
 * ranges, the templates and the SMTP password (from an environment variable or a file, never a setting of its
 * own) are checked or read when the outbox, composer or delivery is built.
 *
 * @param deliveryMode the delivery mode of new notices, or null when the run decides none
 * @param draftsFolder where drafts are written, or null for {@code outbox} in the state folder
 * @param sender who the notices come from, as customers know it
 * @param lang the template language ({@code rules/notices/LANG})
 * @param maxAge with {@link DeliveryMode#SEND}, an incident whose last failure is older is drafted, never mailed
 * @param recipients whom a notice goes to
 * @param minConfidence the lowest verdict confidence noticed
 * @param limit at most this many notices leave per hour; the rest wait in the outbox
 * @param smtp the SMTP server of {@link DeliveryMode#SEND}
 */
public record NoticeSettings(DeliveryMode deliveryMode, Path draftsFolder, Sender sender, String lang, Duration maxAge,
                             Recipients recipients, double minConfidence, int limit, SmtpServer smtp) {

    /**
     * The sender as customers know it.
     *
     * @param from the From: of notices, e.g. {@code Example Hosting <help@example.com>}
     * @param org the hosting company named in the subject and greeting, or null for the display name of from
     * @param support how customers reach support (a phone number, an address or a page)
     * @param serverName the mail server's name as customers know it
     * @param helpUrl a page explaining the notice
     */
    public record Sender(String from, String org, String support, String serverName, String helpUrl) {
    }

    /**
     * Whom a notice goes to.
     *
     * @param contacts a login,contact CSV or YAML map, or null; wins over cPanel and the mailbox
     * @param cpanel true to look up the cPanel owner's contact address for the login's domain
     * @param userdomains cPanel's domain-to-user file
     * @param cpanelUsers cPanel's per-user files
     * @param mailbox false to never mail the login itself
     * @param cc an address every notice is copied to, or null
     */
    public record Recipients(Path contacts, boolean cpanel, Path userdomains, Path cpanelUsers, boolean mailbox,
                             String cc) {
    }

    /**
     * The SMTP server of {@link DeliveryMode#SEND}.
     *
     * @param user the SMTP login, or null to send without one
     * @param passwordEnv the environment variable holding the password
     * @param passwordFile a file holding the password (wins over the variable), or null
     */
    public record SmtpServer(String host, int port, SmtpSettings.Security security, String user, String passwordEnv,
                             Path passwordFile, Duration connectTimeout, Duration readTimeout) {
    }

    /** Returns true when the run decides notices. */
    public boolean enabled() {
        return deliveryMode != null;
    }

    /** Returns the delivery mode for new notices. */
    public DeliveryMode mode() {
        return deliveryMode == null ? DeliveryMode.DRAFTS : deliveryMode;
    }

    /** Returns the policy (one per login per 24 h, the hourly limit, the confidence floor). */
    public NoticePolicy policy() {
        NoticePolicy d = NoticePolicy.defaults();
        return new NoticePolicy(minConfidence, d.perLogin(), limit, d.globalWindow());
    }

    /** Builds the outbox; {@code clock} is the event clock in replay, the system clock live. */
    public NoticeOutbox outbox(NoticeLedger ledger, Clock clock) {
        RecipientResolver r = new RecipientResolver(recipients.contacts() == null ? null
                : ContactMap.load(recipients.contacts()), recipients.cpanel()
                ? new CpanelContacts(recipients.userdomains(), recipients.cpanelUsers()) : null, recipients.mailbox(),
                recipients.cc());
        return new NoticeOutbox(ledger, r, policy(), clock);
    }

    /**
     * Builds the dispatcher: drafts always, SMTP only with {@link DeliveryMode#SEND}.
     *
     * @param rules the rules folder holding {@code notices/<lang>/}
     * @param zone the server's zone, for the times in notices
     * @param stateFolder the state folder, home of the default drafts folder
     */
    public NoticeDispatcher dispatcher(NoticeLedger ledger, Path rules, ZoneId zone, Path stateFolder) {
        NoticeComposer composer = composer(rules, zone);
        SmtpDelivery smtp = deliveryMode == DeliveryMode.SEND ? smtpDelivery() : null;
        Path drafts = draftsDir(stateFolder);
        dev.authaudit.state.StateFolder.check(drafts, "drafts folder", "--outbox");
        return new NoticeDispatcher(ledger, composer, policy(), Backoff.defaults(), smtp, new DraftFolder(drafts));
    }

    /**
     * Builds the composer: loads and checks the templates of {@link #lang} (a bad template stops here, before
     * anything is read or sent) and validates the sender.
     */
    public NoticeComposer composer(Path rules, ZoneId zone) {
        return new NoticeComposer(NoticeTemplates.load(rules, lang), new ComposerSettings(sender.from(), sender.org(),
                sender.support(), sender.serverName(), sender.helpUrl(), zone,
                Locale.forLanguageTag(lang.replace('_', '-'))));
    }

    /** Builds the SMTP delivery, reading the password now when there is a login. */
    public SmtpDelivery smtpDelivery() {
        String password = smtp.user() == null ? null
                : SmtpSettings.readPassword(smtp.passwordEnv(), System.getenv(), smtp.passwordFile());
        return new SmtpDelivery(new SmtpSettings(smtp.host(), smtp.port(), smtp.security(), smtp.user(), password,
                smtp.connectTimeout(), smtp.readTimeout()));
    }

    /** Returns the folder drafts are written to: {@link #draftsFolder}, else {@code outbox} in the state folder. */
    public Path draftsDir(Path stateFolder) {
        return draftsFolder != null ? draftsFolder : stateFolder.resolve("outbox");
    }
}
