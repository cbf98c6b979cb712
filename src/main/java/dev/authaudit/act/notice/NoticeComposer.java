package dev.authaudit.act.notice;

import dev.authaudit.event.Protocol;
import dev.authaudit.text.Escape;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Builds the notice mail from the templates: {@code multipart/alternative} text and HTML, with
 * {@code Auto-Submitted: auto-generated} (RFC 3834) so that vacation responders stay quiet. Every
 * value from the logs is cleaned of control characters and line breaks, and HTML-escaped in the HTML
 * part; the subject is encoded with {@link MimeUtility#encodeText} when it is not ASCII.
 */
public final class NoticeComposer {
    private final NoticeTemplates templates;
    private final ComposerSettings settings;
    private final DateTimeFormatter time;
    private final Session session = Session.getInstance(new Properties());

    /** Creates a composer. */
    public NoticeComposer(NoticeTemplates templates, ComposerSettings settings) {
        this.templates = templates;
        this.settings = settings;
        this.time = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm:ss zzz", settings.locale())
                .withZone(settings.zone());
    }

    /** Returns the settings every notice shares. */
    public ComposerSettings settings() {
        return settings;
    }

    /**
     * Returns the notice about {@code c} as a message ready to send or write.
     *
     * @param c the candidate the notice is about
     * @param to the recipient, already checked by {@link AddressCheck}
     * @param cc the admin copy, or null
     * @param messageId the Message-ID, angle brackets included ({@link #messageId})
     * @param date the Date header
     * @throws MessagingException when Jakarta Mail rejects a header (a bug, since values are checked)
     */
    public MimeMessage compose(NoticeCandidate c, String to, String cc, String messageId, Instant date)
            throws MessagingException {
        Map<String, Object> v = values(c);
        MimeMessage m = new FixedIdMessage(session, messageId);
        m.setFrom(InternetAddress.parse(settings.from(), true)[0]);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        if (cc != null) {
            m.setRecipient(Message.RecipientType.CC, new InternetAddress(cc, true));
        }
        String subject = templates.subject().render(v).strip().replaceAll("\\s+", " ");
        m.setHeader("Subject", MimeUtility.fold(9, Escape.header(subject)));
        m.setSentDate(Date.from(date));
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Auto-Response-Suppress", "All");
        m.setHeader("X-Authaudit-Incident", c.incidentKey());

        MimeBodyPart text = new MimeBodyPart();
        text.setText(templates.text().render(v), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(templates.html().render(v), "UTF-8", "html");
        MimeMultipart alt = new MimeMultipart("alternative");
        alt.addBodyPart(text);
        alt.addBodyPart(html);
        m.setContent(alt);
        m.saveChanges();
        return m;
    }

    /**
     * Returns the Message-ID for the {@code generation}-th sending of the notice about (account,
     * incident): the same value on every retry, so a receiver can drop a duplicate left by a crash
     * between the server's acceptance and our record of it; a deliberate resend gets a new one.
     */
    public String messageId(String account, String incidentKey, int generation) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((account + '\0' + incidentKey).getBytes(StandardCharsets.UTF_8));
            return "<authaudit." + HexFormat.of().formatHex(d, 0, 12) + "." + generation + "@"
                    + settings.serverName() + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Returns the values the templates may use (see {@link NoticeTemplates#PLACEHOLDERS}), every one
     * taken from the logs cleaned of unsafe characters; an absent optional value is null, which hides
     * its section.
     */
    Map<String, Object> values(NoticeCandidate c) {
        DeviceSeen d = c.device();
        String protocols = d.protocols().isEmpty() ? "unknown" : d.protocols().stream()
                .map(p -> p == Protocol.OTHER ? "other" : p.name()).collect(Collectors.joining(", "));
        String ports = d.ports().isEmpty() ? "unknown" : d.ports().stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
        String app = DeviceWords.appName(d.clientName());
        Map<String, Object> v = new HashMap<>();
        v.put("org", settings.org());
        v.put("support", settings.support());
        v.put("server", settings.serverName());
        v.put("help_url", settings.helpUrl());
        v.put("login", SafeText.clean(c.account()));
        v.put("app", app == null ? null : SafeText.clean(app));
        v.put("address", d.ip());
        v.put("network_words", DeviceWords.network(d.ip(), d.network()));
        v.put("doing", DeviceWords.doing(d.protocols()));
        v.put("last_worked", d.lastWorked() == null ? null : time.format(d.lastWorked()));
        v.put("first_failure", time.format(c.firstFailure()));
        v.put("last_failure", time.format(c.lastFailure()));
        v.put("failures", String.format(Locale.ROOT, "%d", c.failures()));
        v.put("failures_words", String.format(Locale.ROOT, "%d failed login%s", c.failures(),
                c.failures() == 1 ? "" : "s"));
        v.put("blocked_at", c.firstBlockAt() == null ? null : time.format(c.firstBlockAt()));
        // the names of version 0.1 templates
        String client = d.clientName() == null || d.clientName().isBlank() ? null : SafeText.clean(d.clientName());
        v.put("client", client);
        v.put("ip", d.ip());
        v.put("network", d.network());
        v.put("protocol", protocols);
        v.put("ports", ports);
        v.put("device", protocols + " mail app" + (client == null ? "" : " \"" + client + "\"") + " at " + d.ip()
                + (d.network().equals(d.ip()) ? "" : " (network " + d.network() + ")"));
        return v;
    }

    /** A message whose Message-ID survives {@code saveChanges()}, which would otherwise replace it. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
