package dev.authaudit.sim;

import java.util.SplittableRandom;

/**
 * Writes Dovecot's syslog lines in the wording of the configured version (field notes 1.3, 1.4):
 * login-process summaries, {@code Login:} successes, {@code Logged out} lines, and auth / auth-worker
 * verdict lines with an optional SHA1 fingerprint.
 */
final class DovecotFormat {
    /** Why the client's connection ended after failing. */
    enum Close { DISCONNECT, LOGOUT, INACTIVITY, INVALID_COMMANDS }

    private static final char[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final TimeFormat time;
    private final DovecotStyle style;
    private final String host;
    private final SplittableRandom rng;
    private final int masterPid;
    private final int workerPid;
    private int workerSeq;
    private int request;

    DovecotFormat(TimeFormat time, DovecotStyle style, String host, SplittableRandom rng) {
        this.time = time;
        this.style = style;
        this.host = host;
        this.rng = rng;
        this.masterPid = 900 + rng.nextInt(9000);
        this.workerPid = 10_000 + rng.nextInt(50_000);
    }

    /** Returns a fresh session id, 16 base64 characters. */
    String session() {
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) {
            c[i] = B64[rng.nextInt(64)];
        }
        return new String(c);
    }

    /** Returns a fresh mail-process pid. */
    int mpid() {
        return 2000 + rng.nextInt(60_000);
    }

    /** {@code imap-login: Login: user=<x>, method=PLAIN, rip=..., lip=..., mpid=N, TLS, session=<...>}. */
    String login(long t, String proto, String login, String mech, String ip, int mpid, String session) {
        StringBuilder b = prefix(t);
        b.append(proto).append("-login: Login: user=<").append(login).append(">, method=").append(mech)
                .append(", rip=").append(ip).append(", lip=").append(AddressPool.SERVER_IP).append(", mpid=")
                .append(mpid).append(", TLS, session=<").append(session).append('>');
        return b.toString();
    }

    /** The mail process's goodbye after a successful session. */
    String loggedOut(long t, String proto, String login, int mpid, String session) {
        StringBuilder b = prefix(t);
        b.append(proto).append('(').append(login).append(')');
        if (!style.version().equals("2.2")) {
            b.append('<').append(mpid).append("><").append(session).append('>');
        }
        b.append(": ");
        if (style.version().startsWith("2.3") || style.version().equals("2.2")) {
            b.append("Disconnected: ");
        }
        if (proto.equals("imap")) {
            b.append("Logged out in=").append(20 + rng.nextInt(2000)).append(" out=").append(300 + rng.nextInt(90_000))
                    .append(" deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=")
                    .append(rng.nextInt(4)).append(" body_bytes=").append(rng.nextInt(80_000));
        } else {
            int msgs = rng.nextInt(40);
            int retr = rng.nextInt(4);
            b.append("Logged out top=0/0, retr=").append(retr).append('/').append(retr * (2000 + rng.nextInt(40_000)))
                    .append(", del=0/").append(msgs).append(", size=").append(msgs * (3000 + rng.nextInt(50_000)));
        }
        return b.toString();
    }

    /** The login process's summary of a connection that failed {@code attempts} times. */
    String failed(long t, String proto, String login, String mech, String ip, int attempts, int secs,
                  String session, Close close) {
        StringBuilder b = prefix(t);
        b.append(proto).append("-login: ");
        String summary = "(auth failed, " + attempts + " attempts in " + secs + " secs)";
        if (style.loginAborted()) {
            b.append("Login aborted: ").append(close == Close.LOGOUT ? "Logged out"
                    : close == Close.INACTIVITY ? "Inactivity" : "Connection closed")
                    .append(' ').append(summary).append(" (auth_failed)");
        } else if (style.version().equals("2.2")) {
            b.append(close == Close.LOGOUT ? "Aborted login" : close == Close.INACTIVITY ? "Disconnected: Inactivity"
                    : "Disconnected").append(' ').append(summary);
        } else {
            // 2.3 (2.3.19 as Debian 12 ships it) says where the client gave up: "Disconnected: Aborted login
            // by logging out"; the bare "Aborted login" is 2.2's
            b.append(close == Close.LOGOUT ? "Disconnected: Aborted login by logging out"
                    : close == Close.INACTIVITY ? "Disconnected: Inactivity"
                    : close == Close.INVALID_COMMANDS ? "Disconnected: Too many invalid commands."
                    : rng.nextBoolean() ? "Disconnected" : "Disconnected: Connection closed").append(' ').append(summary);
        }
        b.append(": user=<").append(login).append(">, method=").append(mech).append(", rip=").append(ip)
                .append(", lip=").append(AddressPool.SERVER_IP).append(", TLS, session=<").append(session).append('>');
        return b.toString();
    }

    /** The local delivery agent storing a message: {@code lda(user)<pid><session>: sieve: msgid=<...>: stored ...}. */
    String lda(long t, String login, String msgId) {
        StringBuilder b = prefix(t);
        b.append("lda(").append(login).append(")<").append(mpid()).append("><").append(session())
                .append(">: sieve: msgid=<").append(msgId).append(">: stored mail into mailbox 'INBOX'");
        return b.toString();
    }

    /** A connection that never tried to log in (scanners, clients that only probe capabilities). */
    String noAuth(long t, String proto, String ip, int secs, String session) {
        StringBuilder b = prefix(t);
        b.append(proto).append("-login: ");
        if (style.loginAborted()) {
            b.append("Login aborted: Connection closed (no auth attempts in ").append(secs)
                    .append(" secs) (no_auth_attempts)");
        } else {
            b.append("Disconnected (no auth attempts in ").append(secs).append(" secs)");
        }
        b.append(": user=<>, rip=").append(ip).append(", lip=").append(AddressPool.SERVER_IP)
                .append(", TLS handshaking, session=<").append(session).append('>');
        return b.toString();
    }

    /**
     * The passdb's verdict on one attempt, or null when auth_verbose is off.
     *
     * @param session the login process's session id, or null for SMTP (Exim's dovecot authenticator)
     * @param unknownUser true for "unknown user", false for a password mismatch
     * @param password the password tried, for the SHA1 fingerprint (never written in clear)
     */
    String detail(long t, String login, String ip, String session, String mech, boolean unknownUser,
                  String password) {
        if (!style.authVerbose()) {
            return null;
        }
        String result;
        if (unknownUser) {
            result = "unknown user";
        } else if (style.passdb().equals("pam")) {
            result = "pam_authenticate() failed: Authentication failure (password mismatch?)";
        } else if (style.passdb().equals("ldap")) {
            result = "Password mismatch (for LDAP bind)";
        } else {
            result = "Password mismatch";
        }
        if (style.sha1Digits() > 0) {
            result = result + " (SHA1 of given password: " + PasswordFingerprint.sha1Prefix(password,
                    style.sha1Digits()) + ")";
        }
        StringBuilder b = prefix(t);
        String driver = style.passdb();
        if (style.version().equals("2.4")) {
            if (style.worker()) {
                b.append("auth-worker(").append(login).append(',').append(ip).append(")<").append(workerPid)
                        .append('>');
                if (session != null) {
                    b.append('<').append(session).append('>');
                }
                b.append(": request [").append(++request).append("]: ").append(driver).append(": ").append(result);
            } else {
                b.append("auth(").append(login).append(',').append(ip).append(",sasl:")
                        .append(mech.toLowerCase(java.util.Locale.ROOT)).append(')');
                if (session != null) {
                    b.append('<').append(session).append('>');
                }
                b.append(": ").append(driver).append(": ").append(result);
            }
            return b.toString();
        }
        if (style.worker()) {
            b.append("auth-worker(").append(workerPid).append("): ");
            if (style.version().startsWith("2.3")) {
                b.append("conn unix:auth-worker (pid=").append(masterPid + 3).append(",uid=97): auth-worker<")
                        .append(++workerSeq).append(">: ");
            }
        } else {
            b.append("auth: ");
        }
        b.append(driver).append('(').append(login).append(',').append(ip);
        if (session != null) {
            b.append(",<").append(session).append('>');
        }
        b.append("): ").append(result);
        return b.toString();
    }

    private StringBuilder prefix(long t) {
        StringBuilder b = new StringBuilder(220);
        time.syslog(b, t);
        b.append(' ').append(host).append(" dovecot");
        if (style.pidInPrefix()) {
            b.append('[').append(masterPid).append(']');
        }
        b.append(": ");
        return b;
    }
}
