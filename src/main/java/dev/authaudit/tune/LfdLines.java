package dev.authaudit.tune;

import dev.authaudit.event.AuthFailure;

/**
 * Decides which lfd application reads a failed-login line and whether lfd's patterns count it
 * (FIELD-NOTES section 2, "Counting"). The decision needs the line's wording, which the event does not
 * keep: Dovecot's close reason and Exim's host part. The text is only inspected, never kept.
 */
public final class LfdLines {
    private static final String EXIM_FAILED = " authenticator failed for ";

    /** The application and reading of one line. */
    public record Verdict(LfdApp app, Reading reading) {
        static final Verdict NONE = new Verdict(null, Reading.NOT_COUNTED);
    }

    /**
     * Returns how lfd reads a failed-login line.
     *
     * @param line the raw line the event came from, or null when unknown (the event alone then decides)
     */
    public Verdict classify(AuthFailure e, String line) {
        String source = e.origin().source();
        if (source.equals("exim")) {
            return exim(line);
        }
        if (source.equals("postfix")) {
            // csf 15's regex.pm has a Postfix SASL pattern for LF_SMTPAUTH; cPanel's fork reads only Exim
            return new Verdict(LfdApp.SMTPAUTH, Reading.COUNTED_BY_15X);
        }
        if (source.equals("dovecot") && !e.detail()) {
            return dovecot(line);
        }
        // auth/auth-worker verdict lines, PAM lines and anything else: lfd reads only the login process
        return Verdict.NONE;
    }

    private static Verdict exim(String line) {
        if (line == null) {
            return new Verdict(LfdApp.SMTPAUTH, Reading.COUNTED);
        }
        int at = line.indexOf(EXIM_FAILED);
        // Exim 4.99's "H=[ip]" without a HELO is not a host part lfd's pattern recognises
        if (at >= 0 && line.startsWith("H=[", at + EXIM_FAILED.length())) {
            return new Verdict(LfdApp.SMTPAUTH, Reading.NOT_COUNTED);
        }
        return new Verdict(LfdApp.SMTPAUTH, Reading.COUNTED);
    }

    private static Verdict dovecot(String line) {
        if (line == null) {
            return Verdict.NONE;
        }
        LfdApp app;
        int at = line.indexOf("imap-login: ");
        if (at >= 0) {
            app = LfdApp.IMAPD;
        } else {
            at = line.indexOf("pop3-login: ");
            if (at < 0) {
                return Verdict.NONE; // submission-login, managesieve-login: no lfd application
            }
            app = LfdApp.POP3D;
        }
        String rest = line.substring(at + "imap-login: ".length());
        if (rest.startsWith("Info: ")) {
            rest = rest.substring("Info: ".length());
        }
        if (rest.startsWith("Login aborted") || rest.startsWith("Disconnected: Too many invalid commands")) {
            return new Verdict(app, Reading.COUNTED_BY_15X);
        }
        if (rest.startsWith("Aborted login") || rest.startsWith("Disconnected")) {
            return new Verdict(app, Reading.COUNTED);
        }
        return new Verdict(app, Reading.NOT_COUNTED);
    }
}
