package dev.authaudit.act.notice;

import dev.authaudit.act.ActionException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Submits notices over SMTP with Jakarta Mail, one connection per notice (notices are rare and a
 * held-open connection would time out between them). A notice counts as delivered only when the server
 * has accepted the message.
 */
public final class SmtpDelivery implements Delivery {
    private final SmtpSettings settings;

    /** Creates a delivery to the server in {@code settings}. */
    public SmtpDelivery(SmtpSettings settings) {
        this.settings = settings;
    }

    @Override
    public String deliver(long noticeId, MimeMessage message) {
        String where = settings.host() + ":" + settings.port();
        Session session = Session.getInstance(settings.properties());
        try (Transport t = session.getTransport("smtp")) {
            t.connect(settings.host(), settings.port(), settings.username(), settings.password());
            t.sendMessage(message, message.getAllRecipients());
            return "accepted by " + where;
        } catch (AuthenticationFailedException e) {
            throw new ActionException("SMTP server " + where + " refused the login for " + settings.username()
                    + ": check --smtp-user and the password ($AUTHAUDIT_SMTP_PASSWORD or --smtp-password-file)",
                    true, e);
        } catch (MessagingException e) {
            int code = replyCode(e);
            boolean permanent = code >= 500 && code < 600;
            throw new ActionException("SMTP server " + where + (code > 0 ? " answered " + code + ": "
                    : " could not take notice " + noticeId + ": ") + SafeText.clean(describe(e))
                    + (permanent ? " (permanent: this notice will not be retried)"
                    : code > 0 ? " (temporary: will retry)"
                    : "; is the server up and --smtp-host/--smtp-port/--smtp-security right? Will retry"),
                    !permanent, e);
        }
    }

    private static int replyCode(Exception e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return -1;
    }

    private static String describe(MessagingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return root == e ? msg : msg + " (" + root + ")";
    }
}
