package dev.authaudit.lab;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Properties;

/**
 * One scripted device: a Jakarta Mail client bound to its own loopback address (Linux routes all of
 * 127.0.0.0/8 to {@code lo}), with its own HELO name and SASL mechanism, so the logs tell the devices
 * apart as they would real ones.
 *
 * @param name what the lab calls it ("alice's phone")
 * @param address the local address it connects from (127.0.0.2, ...)
 * @param helo the name it gives in EHLO
 * @param mechanism {@code LOGIN} or {@code PLAIN}
 */
public record MailClient(String name, String address, String helo, String mechanism) {

    /** How a submission went. */
    public enum Outcome {
        /** Logged in and the message was accepted. */
        SENT,
        /** The server refused the login (535). */
        AUTH_FAILED,
        /** The connection was refused or dropped (a firewall block). */
        REFUSED;

        /** Returns the word shown in the lab's output. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * Connects without logging in and quits: loads Jakarta Mail and warms the server up, and leaves no
     * line in the mainlog (Exim logs no connection that does not authenticate or send).
     */
    public boolean ping(int port) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.localaddress", address);
        p.setProperty("mail.smtp.localhost", helo);
        p.setProperty("mail.smtp.connectiontimeout", "3000");
        p.setProperty("mail.smtp.timeout", "3000");
        try (Transport t = Session.getInstance(p).getTransport("smtp")) {
            t.connect("127.0.0.1", port, null, null);
            return true;
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Logs in as {@code login} and submits a short message to the server on 127.0.0.1:{@code port}. */
    public Outcome submit(int port, String login, String password, String subject) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.auth.mechanisms", mechanism);
        p.setProperty("mail.smtp.localaddress", address);
        p.setProperty("mail.smtp.localhost", helo);
        p.setProperty("mail.smtp.connectiontimeout", "3000");
        p.setProperty("mail.smtp.timeout", "3000");
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport("smtp")) {
            t.connect("127.0.0.1", port, login, password);
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(login.contains("@") ? login : login + "@example.com"));
            m.setRecipients(Message.RecipientType.TO, "friend@example.net");
            m.setSubject(subject);
            m.setText("sent from the lab by " + name + "\n", "UTF-8");
            m.saveChanges();
            t.sendMessage(m, m.getAllRecipients());
            return Outcome.SENT;
        } catch (AuthenticationFailedException e) {
            return Outcome.AUTH_FAILED;
        } catch (MessagingException e) {
            return Outcome.REFUSED;
        }
    }
}
