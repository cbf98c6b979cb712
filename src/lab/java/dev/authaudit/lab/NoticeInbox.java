package dev.authaudit.lab;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The customers' inbox: a GreenMail SMTP server on 127.0.0.1 that accepts every notice authaudit sends,
 * so the lab can show a notice landing.
 */
public final class NoticeInbox implements AutoCloseable {
    private final GreenMail mail;

    /** Starts the server on a free port. */
    public NoticeInbox() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
    }

    /** Returns the SMTP port notices go to. */
    public int port() {
        return mail.getSmtp().getPort();
    }

    /** A notice as it landed. */
    public record Landed(String to, String subject) {
    }

    /** Returns what has landed so far, oldest first. */
    public List<Landed> messages() {
        List<Landed> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                Address[] to = m.getAllRecipients();
                out.add(new Landed(to == null || to.length == 0 ? "" : to[0].toString(), m.getSubject()));
            } catch (MessagingException e) {
                out.add(new Landed("", "(unreadable: " + e.getMessage() + ")"));
            }
        }
        return out;
    }

    @Override
    public void close() {
        mail.stop();
    }
}
