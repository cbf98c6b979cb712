package dev.authaudit.sim;

/**
 * Decides, from a line's text, whether lfd counts it and as what, the way the configured lfd build
 * reads logs (field notes section 2, "Counting" and "What counts as a scan hit"). Deliberately
 * independent of how the simulator wrote the line, so format drift shows up as it would on a host.
 */
final class LfdRules {
    /** What lfd counts for one line. */
    record Match(LfdApp app, int count) {
    }

    private final CsfSettings csf;

    LfdRules(CsfSettings csf) {
        this.csf = csf;
    }

    /** Returns what an Exim or Dovecot line counts for, or null when lfd ignores it. */
    Match mailLine(String line) {
        int exim = line.indexOf(" authenticator failed for ");
        if (exim >= 0) {
            if (!line.contains("535 Incorrect authentication data")) {
                return null;
            }
            // lfd's SMTP AUTH pattern needs a host part it recognises; Exim 4.99's "H=[ip]" without a
            // HELO is not one of them.
            if (line.startsWith("H=[", exim + " authenticator failed for ".length())) {
                return null;
            }
            return csf.lfSmtpAuth() > 0 ? new Match(LfdApp.SMTPAUTH, 1) : null;
        }
        LfdApp app;
        int at = line.indexOf("imap-login: ");
        if (at >= 0) {
            app = LfdApp.IMAPD;
        } else {
            at = line.indexOf("pop3-login: ");
            if (at < 0) {
                return null;
            }
            app = LfdApp.POP3D;
        }
        if (app.threshold(csf) <= 0) {
            return null;
        }
        String rest = line.substring(at + 12);
        if (rest.startsWith("Info: ")) {
            rest = rest.substring(6);
        }
        if (rest.startsWith("Login:") || rest.contains("(no auth attempts")) {
            return null;
        }
        boolean aborted = rest.startsWith("Login aborted");
        boolean invalid = rest.startsWith("Disconnected: Too many invalid commands");
        if ((aborted || invalid) && csf.flavour() == LfdFlavour.CPANEL_CSF_16) {
            return null;
        }
        if (!aborted && !rest.startsWith("Aborted login") && !rest.startsWith("Disconnected")) {
            return null;
        }
        if (!rest.contains("method=") || !rest.contains("rip=")) {
            return null;
        }
        int n = rest.indexOf("(auth failed, ");
        if (n < 0) {
            return new Match(app, 1);
        }
        int s = n + "(auth failed, ".length();
        int e = rest.indexOf(' ', s);
        try {
            return new Match(app, Integer.parseInt(rest.substring(s, e)));
        } catch (RuntimeException ex) {
            return new Match(app, 1);
        }
    }

    /**
     * Returns true when a kernel line is a port-scan hit for lfd: an inbound {@code *_IN Blocked*} line
     * with a non-empty {@code IN=}, whose destination port is not open in TCP_IN (the v7.12+ exemption).
     */
    boolean scanHit(String line) {
        int f = line.indexOf("Firewall: *");
        if (f < 0) {
            return false;
        }
        boolean tcp = line.startsWith("TCP_IN Blocked*", f + 11);
        boolean udp = line.startsWith("UDP_IN Blocked*", f + 11);
        if (!tcp && !udp) {
            return false;
        }
        if (line.contains(" IN= ")) {
            return false;
        }
        int d = line.indexOf(" DPT=");
        if (d < 0) {
            return false;
        }
        int e = line.indexOf(' ', d + 5);
        int port = Integer.parseInt(e < 0 ? line.substring(d + 5) : line.substring(d + 5, e));
        if (tcp && csf.isOpen(port)) {
            return false;
        }
        return !csf.dropNoLog().contains(port);
    }
}
