package dev.authaudit.sim;

import java.util.SplittableRandom;

/**
 * Writes Exim main-log lines in the configured style (field notes 1.1, 1.2): SMTP AUTH failures,
 * arrivals with and without {@code A=}, deliveries, completions and common rejections.
 */
final class EximFormat {
    private static final char[] B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final TimeFormat time;
    private final EximStyle style;
    private final String host;
    private final SplittableRandom rng;

    EximFormat(TimeFormat time, EximStyle style, String host, SplittableRandom rng) {
        this.time = time;
        this.style = style;
        this.host = host;
        this.rng = rng;
    }

    /** Returns a fresh process id for one SMTP connection or delivery run. */
    int pid() {
        return 1000 + rng.nextInt(4_000_000);
    }

    /** Returns a message id of this Exim version for a message received at {@code t}. */
    String messageId(long t) {
        StringBuilder b = new StringBuilder(24);
        b62(b, t, 6);
        b.append('-');
        if (style.newMessageIds()) {
            b62(b, rng.nextLong(1L << 40), 11);
            b.append('-');
            b62(b, rng.nextInt(62 * 62 * 62 * 62), 4);
        } else {
            b62(b, rng.nextInt(Integer.MAX_VALUE), 6);
            b.append('-');
            b62(b, rng.nextInt(62 * 62), 2);
        }
        return b.toString();
    }

    /**
     * {@code <auth> authenticator failed for <host part>: 535 Incorrect authentication data (set_id=...)}.
     *
     * @param rdns the client's reverse DNS name, or null
     */
    String authFailed(long t, int pid, String authenticator, String ip, int port, int localPort, String rdns,
                      String helo, String login) {
        StringBuilder b = prefix(t, pid);
        b.append(authenticator).append(" authenticator failed for ");
        hostPart(b, ip, port, rdns, helo, style.hostPrefix());
        if (style.incomingInterface()) {
            b.append(" I=[").append(AddressPool.SERVER_IP).append("]:").append(localPort);
        }
        if (style.connectionId()) {
            b.append(" Ci=").append(pid);
        }
        b.append(": 535 Incorrect authentication data");
        if (login != null) {
            b.append(" (set_id=").append(login).append(')');
        }
        return b.toString();
    }

    /**
     * An arrival line. With {@code authLogin} it is a customer's submission ({@code P=esmtpsa A=...}),
     * without it mail from another server ({@code P=esmtps}).
     */
    String arrival(long t, int pid, String msgId, String sender, String ip, int port, int localPort, String rdns,
                   String helo, String authenticator, String authLogin, int size) {
        StringBuilder b = prefix(t, pid);
        b.append(msgId).append(" <= ").append(sender).append(" H=");
        hostPart(b, ip, port, rdns, helo, false);
        if (style.incomingInterface()) {
            b.append(" I=[").append(AddressPool.SERVER_IP).append("]:").append(localPort);
        }
        boolean tls = authLogin != null || rng.nextInt(10) < 8;
        b.append(tls ? (authLogin != null ? " P=esmtpsa" : " P=esmtps") : " P=esmtp");
        if (tls) {
            b.append(rng.nextInt(4) == 0 ? " X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256"
                    : " X=TLS1.3:TLS_AES_256_GCM_SHA384:256").append(" CV=no");
        }
        if (authLogin != null) {
            b.append(" A=").append(authenticator).append(':').append(authLogin);
        }
        b.append(" S=").append(size).append(" id=").append(Long.toHexString(rng.nextLong() >>> 8)).append('@')
                .append(rdns != null && authLogin == null ? rdns : sender.substring(sender.indexOf('@') + 1));
        return b.toString();
    }

    /** A delivery: {@code =>} for the first recipient, {@code ->} for the others. */
    String delivery(long t, int pid, String msgId, boolean first, String rcpt, boolean local, String mx, String mxIp) {
        StringBuilder b = prefix(t, pid);
        b.append(msgId).append(first ? " => " : " -> ").append(rcpt);
        if (local) {
            b.append(" <").append(rcpt).append("> R=virtual_user T=dovecot_virtual_delivery");
        } else {
            b.append(" R=dkim_lookuphost T=dkim_remote_smtp H=").append(mx).append(" [").append(mxIp)
                    .append("] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 OK ")
                    .append(Long.toHexString(rng.nextLong() >>> 20)).append(" - queued\"");
        }
        return b.toString();
    }

    /** A deferral of a remote delivery. */
    String deferred(long t, int pid, String msgId, String rcpt, String mx, String mxIp) {
        StringBuilder b = prefix(t, pid);
        b.append(msgId).append(" == ").append(rcpt).append(" R=dkim_lookuphost T=dkim_remote_smtp defer (-44) H=")
                .append(mx).append(" [").append(mxIp).append("]: SMTP error from remote mail server after RCPT TO:<")
                .append(rcpt).append(">: 451 4.7.1 Greylisted, please try again later");
        return b.toString();
    }

    /** {@code <id> Completed}. */
    String completed(long t, int pid, String msgId) {
        StringBuilder b = prefix(t, pid);
        b.append(msgId).append(" Completed");
        return b.toString();
    }

    /** A recipient rejected at RCPT time. */
    String rejectRcpt(long t, int pid, String ip, int port, String rdns, String helo, String from, String rcpt,
                      String reason) {
        StringBuilder b = prefix(t, pid);
        b.append("H=");
        hostPart(b, ip, port, rdns, helo, false);
        if (style.incomingInterface()) {
            b.append(" I=[").append(AddressPool.SERVER_IP).append("]:25");
        }
        b.append(" F=<").append(from).append("> rejected RCPT <").append(rcpt).append(">: ").append(reason);
        return b.toString();
    }

    /** {@code no host name found for IP address ...}. */
    String noHostName(long t, int pid, String ip) {
        StringBuilder b = prefix(t, pid);
        b.append("no host name found for IP address ").append(ip);
        return b.toString();
    }

    /** A client that sent AUTH where it was not offered (plain-text port 25 without STARTTLS). */
    String authNotAdvertised(long t, int pid, String ip, int port, String helo) {
        StringBuilder b = prefix(t, pid);
        b.append("SMTP protocol error in \"AUTH LOGIN\" H=(").append(helo).append(") [").append(ip).append(']');
        if (style.incomingInterface()) {
            b.append(':').append(port).append(" I=[").append(AddressPool.SERVER_IP).append("]:25");
        }
        b.append(" AUTH command used when not advertised");
        return b.toString();
    }

    /** A connection that ended without a message. */
    String noMail(long t, int pid, String ip, int port, String rdns, int localPort, int secs) {
        StringBuilder b = prefix(t, pid);
        b.append("no MAIL in SMTP connection from ");
        if (rdns != null) {
            b.append(rdns).append(' ');
        }
        b.append('[').append(ip).append("]:").append(port);
        if (style.incomingInterface()) {
            b.append(" I=[").append(AddressPool.SERVER_IP).append("]:").append(localPort);
        }
        b.append(" D=").append(secs).append("s C=EHLO,STARTTLS,AUTH");
        return b.toString();
    }

    private void hostPart(StringBuilder b, String ip, int port, String rdns, String helo, boolean hPrefix) {
        if (hPrefix) {
            b.append("H=");
        }
        boolean showName = style.hostLookup() && rdns != null;
        if (showName) {
            b.append(rdns);
        }
        if (helo != null && !(showName && helo.equals(rdns))) {
            if (showName) {
                b.append(' ');
            }
            b.append('(').append(helo).append(')');
            b.append(' ');
        } else if (showName) {
            b.append(' ');
        }
        b.append('[').append(ip).append(']');
        if (style.incomingInterface() || style.hostPrefix()) {
            b.append(':').append(port);
        }
    }

    private StringBuilder prefix(long t, int pid) {
        StringBuilder b = new StringBuilder(200);
        if (style.syslog()) {
            time.syslog(b, t);
            b.append(' ').append(host).append(" exim[").append(pid).append("]: ");
            return b;
        }
        time.iso(b, t, style.millis() ? rng.nextInt(1000) : -1);
        b.append(' ');
        if (style.pid()) {
            b.append('[').append(pid).append("] ");
        }
        return b;
    }

    private static void b62(StringBuilder b, long v, int width) {
        char[] c = new char[width];
        long x = Math.abs(v);
        for (int i = width - 1; i >= 0; i--) {
            c[i] = B62[(int) (x % 62)];
            x /= 62;
        }
        b.append(c);
    }
}
