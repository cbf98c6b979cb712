package dev.authaudit.act.notice;

import dev.authaudit.act.ActionException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits notices over SMTP with Jakarta Mail, one connection per notice (notices are rare and a
 * held-open connection would time out between them). A notice counts as delivered only when the server
 * has accepted the message.
 */
public final class SmtpDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(SmtpDelivery.class);
    private final SmtpSettings settings;

    /** Creates a delivery to the server in {@code settings}. */
    public SmtpDelivery(SmtpSettings settings) {
        this.settings = settings;
    }

    @Override
    public String deliver(long noticeId, MimeMessage message) {
        String[] outcome = new String[1];
        deliver(noticeId, message, o -> outcome[0] = o);
        return outcome[0];
    }

    /**
     * Connects, submits, and calls {@code accepted} as soon as the server has answered the message's DATA
     * with 250, before QUIT and the close: from that answer on the message is the server's, and the
     * sooner the ledger knows, the smaller the window in which a kill makes the next run send it again.
     * A failure after the acceptance (QUIT unanswered, a reset) is not a failed delivery.
     */
    @Override
    public void deliver(long noticeId, MimeMessage message, Consumer<String> accepted) {
        String where = settings.host() + ":" + settings.port();
        Session session = Session.getInstance(settings.properties());
        Transport t = null;
        boolean connected = false;
        try {
            t = session.getTransport("smtp");
            t.connect(settings.host(), settings.port(), settings.username(), settings.password());
            connected = true;
            t.sendMessage(message, message.getAllRecipients());
        } catch (AuthenticationFailedException e) {
            closeQuietly(t);
            throw new ActionException("SMTP server " + where + " refused the login for " + settings.username()
                    + ": check --smtp-user and the password ($AUTHAUDIT_SMTP_PASSWORD or --smtp-password-file)",
                    true, e);
        } catch (MessagingException e) {
            closeQuietly(t);
            int code = replyCode(e);
            boolean permanent = code >= 500 && code < 600;
            // connected, then cut off without an answer: the server may have stored the message before the
            // connection broke (it stores before it answers the final dot), so a retry may be a second copy
            boolean uncertain = connected && code < 0;
            throw new ActionException("SMTP server " + where + (code > 0 ? " answered " + code + ": "
                    : " could not take notice " + noticeId + ": ") + SafeText.clean(describe(e))
                    + (permanent ? " (permanent: this notice will not be retried)"
                    : code > 0 ? " (temporary: will retry)"
                    : uncertain ? "; the connection broke during the submission, so the server may have the"
                    + " notice already. Will retry"
                    : "; is the server up and --smtp-host/--smtp-port/--smtp-security right? Will retry"),
                    !permanent, uncertain, e);
        }
        try {
            accepted.accept("accepted by " + where);
        } finally {
            closeQuietly(t);
        }
    }

    private static void closeQuietly(Transport t) {
        if (t == null) {
            return;
        }
        try {
            t.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing the SMTP connection after the message was accepted: {}", e.toString());
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
