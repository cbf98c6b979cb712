package dev.authaudit.event;

import java.util.Locale;

/** The {@code protocol} words of events-v1. */
public enum Protocol {
    SMTP, IMAP, POP3, OTHER;

    /** Returns the contract word, e.g. {@code imap}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Maps a service name as servers log it ({@code imap-login}, {@code pop3s}, {@code submission},
     * {@code smtpauth}, {@code imapd}) to a protocol; anything unrecognised is {@link #OTHER}.
     */
    public static Protocol fromService(String service) {
        if (service == null || service.isEmpty()) {
            return OTHER;
        }
        String s = service.toLowerCase(Locale.ROOT);
        if (s.startsWith("imap")) {
            return IMAP;
        }
        if (s.startsWith("pop")) {
            return POP3;
        }
        if (s.startsWith("smtp") || s.startsWith("submission") || s.startsWith("esmtp")
                || s.equals("exim") || s.startsWith("postfix")) {
            return SMTP;
        }
        return OTHER;
    }
}
