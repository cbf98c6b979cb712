package dev.authaudit.realdaemons;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;

/**
 * Scripted mail clients bound to loopback source addresses (Linux routes all of 127.0.0.0/8 to lo): Jakarta
 * Mail for the devices, plain sockets for a client that stops half-way through AUTH. Every attempt is
 * written to the {@link Journal} with what the client saw.
 */
final class Clients {
    private static final String TIMEOUT = "15000";

    private final MailServers servers;
    private final Journal journal;

    Clients(MailServers servers, Journal journal) {
        this.servers = servers;
        this.journal = journal;
    }

    /** Logs in over IMAP (STARTTLS) and logs out. */
    Journal.Outcome imap(int slot, String story, String ip, String login, String password) {
        return store("imap", servers.ports.imap(), slot, story, ip, login, password);
    }

    /** Logs in over POP3 (STARTTLS) and quits. */
    Journal.Outcome pop3(int slot, String story, String ip, String login, String password) {
        return store("pop3", servers.ports.pop3(), slot, story, ip, login, password);
    }

    /** Logs in over POP3 without TLS (allowed here: disable_plaintext_auth = no) and quits. */
    Journal.Outcome pop3Plain(int slot, String story, String ip, String login, String password) {
        return store("pop3", servers.ports.pop3(), slot, story, ip, login, password, false);
    }

    private Journal.Outcome store(String protocol, int port, int slot, String story, String ip, String login,
                                  String password) {
        return store(protocol, port, slot, story, ip, login, password, true);
    }

    private Journal.Outcome store(String protocol, int port, int slot, String story, String ip, String login,
                                  String password, boolean tls) {
        Properties p = new Properties();
        String k = "mail." + protocol + ".";
        p.setProperty(k + "localaddress", ip);
        p.setProperty(k + "connectiontimeout", TIMEOUT);
        p.setProperty(k + "timeout", TIMEOUT);
        p.setProperty(k + "starttls.enable", Boolean.toString(tls));
        p.setProperty(k + "starttls.required", Boolean.toString(tls));
        p.setProperty(k + "ssl.trust", "*");
        Instant started = Instant.now();
        Journal.Outcome outcome;
        try {
            Store store = Session.getInstance(p).getStore(protocol);
            try {
                store.connect("127.0.0.1", port, login, password);
                outcome = Journal.Outcome.OK;
            } finally {
                store.close();
            }
        } catch (AuthenticationFailedException e) {
            outcome = Journal.Outcome.FAILED;
        } catch (MessagingException e) {
            throw new AssertionError(story + ": " + protocol + " from " + ip + " did not get an answer: " + e, e);
        }
        journal.add(new Journal.Attempt(slot, story, ip, login, password, Journal.Server.DOVECOT, protocol, port,
                outcome, started, Instant.now()));
        return outcome;
    }

    /** SMTP AUTH on Exim's submission port (STARTTLS), then a short message when it worked. */
    Journal.Outcome eximSubmission(int slot, String story, String ip, String helo, String mech, String login,
                                   String password) {
        return smtp("smtp", servers.ports.eximSubmission(), Journal.Server.EXIM, true, slot, story, ip, helo, mech,
                login, password);
    }

    /** SMTP AUTH on Exim's TLS-on-connect port, then a short message when it worked. */
    Journal.Outcome eximSmtps(int slot, String story, String ip, String helo, String mech, String login,
                              String password) {
        return smtp("smtps", servers.ports.eximSmtps(), Journal.Server.EXIM, true, slot, story, ip, helo, mech, login,
                password);
    }

    /** SMTP AUTH on Dovecot's submission service, then QUIT. */
    Journal.Outcome dovecotSubmission(int slot, String story, String ip, String helo, String login, String password) {
        return smtp("smtp", servers.ports.dovecotSubmission(), Journal.Server.DOVECOT, false, slot, story, ip, helo,
                "PLAIN", login, password);
    }

    private Journal.Outcome smtp(String transport, int port, Journal.Server server, boolean send, int slot,
                                 String story, String ip, String helo, String mech, String login, String password) {
        Properties p = new Properties();
        String k = "mail." + transport + ".";
        p.setProperty(k + "localaddress", ip);
        p.setProperty(k + "localhost", helo);
        p.setProperty(k + "connectiontimeout", TIMEOUT);
        p.setProperty(k + "timeout", TIMEOUT);
        p.setProperty(k + "auth", "true");
        p.setProperty(k + "auth.mechanisms", mech);
        p.setProperty(k + "ssl.trust", "*");
        if (transport.equals("smtp")) {
            p.setProperty(k + "starttls.enable", "true");
            p.setProperty(k + "starttls.required", "true");
        }
        Instant started = Instant.now();
        Journal.Outcome outcome;
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport(transport)) {
            t.connect("127.0.0.1", port, login, password);
            if (send) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress(login));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress("friend@example.net"));
                m.setSubject("real-daemon suite, " + story);
                m.setText("sent by the real-daemon suite\n");
                t.sendMessage(m, m.getAllRecipients());
            }
            outcome = Journal.Outcome.OK;
        } catch (AuthenticationFailedException e) {
            outcome = Journal.Outcome.FAILED;
        } catch (MessagingException e) {
            throw new AssertionError(story + ": " + transport + " from " + ip + " to " + port + " failed: " + e, e);
        }
        journal.add(new Journal.Attempt(slot, story, ip, login, password, server, "smtp", port, outcome, started,
                Instant.now()));
        return outcome;
    }

    /** Starts {@code AUTHENTICATE PLAIN} over IMAP and hangs up before sending the credentials. */
    void imapGiveUp(int slot, String story, String ip, String login) {
        Instant started = Instant.now();
        try (Socket s = socket(ip, servers.ports.imap())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            expect(in.readLine(), "* OK");
            out.write("a1 AUTHENTICATE PLAIN\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in.readLine(), "+");
        } catch (IOException e) {
            throw new AssertionError(story + ": IMAP from " + ip + ": " + e, e);
        }
        journal.add(new Journal.Attempt(slot, story, ip, login, null, Journal.Server.DOVECOT, "imap",
                servers.ports.imap(), Journal.Outcome.GAVE_UP, started, Instant.now()));
    }

    /** Starts {@code AUTH LOGIN} on Exim's submission port, sends the user name and hangs up at the password prompt. */
    void smtpGiveUp(int slot, String story, String ip, String helo, String login) {
        Instant started = Instant.now();
        try (Socket s = socket(ip, servers.ports.eximSubmission())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            expect(in.readLine(), "220");
            out.write(("EHLO " + helo + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            do {
                line = in.readLine();
                expect(line, "250");
            } while (line.startsWith("250-"));
            out.write("AUTH LOGIN\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in.readLine(), "334");
            out.write((Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in.readLine(), "334");
        } catch (IOException e) {
            throw new AssertionError(story + ": SMTP from " + ip + ": " + e, e);
        }
        journal.add(new Journal.Attempt(slot, story, ip, login, null, Journal.Server.EXIM, "smtp",
                servers.ports.eximSubmission(), Journal.Outcome.GAVE_UP, started, Instant.now()));
    }

    private static Socket socket(String ip, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void expect(String line, String start) throws IOException {
        if (line == null || !line.startsWith(start)) {
            throw new IOException("expected a line starting " + start + ", got " + line);
        }
    }
}
