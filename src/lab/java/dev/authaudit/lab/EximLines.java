package dev.authaudit.lab;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the two Exim mainlog lines the lab's server produces (field notes 1.1, 1.2), with
 * {@code +incoming_interface} on:
 * <pre>
 * 2026-06-01 12:05:00 login authenticator failed for (alices-iphone) [127.0.0.2]:40112 I=[127.0.0.1]:2525: 535 Incorrect authentication data (set_id=alice@example.com)
 * 2026-06-01 12:00:00 1uLwAk-0002Hy-0F &lt;= alice@example.com H=(alices-iphone) [127.0.0.2]:40100 I=[127.0.0.1]:2525 P=esmtpa A=login:alice@example.com S=412 id=...
 * </pre>
 * Message ids are Exim's classic form: the arrival second, the receiving process id and the fraction
 * of the second, each in base 62.
 */
final class EximLines {
    private static final char[] B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ZoneId zone;

    EximLines(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code <mech> authenticator failed for (helo) [ip]:port I=[lip]:lport: 535 ... (set_id=login)}. */
    String authFailed(Instant t, String mech, String helo, String ip, int port, String localIp, int localPort,
                      String login) {
        return STAMP.format(t.atZone(zone)) + " " + mech + " authenticator failed for " + host(helo, ip, port)
                + " I=[" + localIp + "]:" + localPort + ": 535 Incorrect authentication data (set_id=" + login + ")";
    }

    /** {@code <id> <= sender H=(helo) [ip]:port I=[lip]:lport P=esmtpa A=mech:login S=size id=msgid}. */
    String arrival(Instant t, long pid, String sender, String helo, String ip, int port, String localIp,
                   int localPort, String mech, String login, long size, String messageId) {
        return STAMP.format(t.atZone(zone)) + " " + messageId(t, pid) + " <= " + sender + " H=" + host(helo, ip, port)
                + " I=[" + localIp + "]:" + localPort + " P=esmtpa A=" + mech + ":" + login + " S=" + size
                + " id=" + messageId;
    }

    /** Returns an Exim message id for a message received at {@code t} by process {@code pid}. */
    static String messageId(Instant t, long pid) {
        StringBuilder b = new StringBuilder(16);
        base62(b, t.getEpochSecond(), 6);
        b.append('-');
        base62(b, pid, 6);
        b.append('-');
        base62(b, t.getNano() / 500_000, 2); // Exim counts the fraction in 1/2000 s units
        return b.toString();
    }

    private static String host(String helo, String ip, int port) {
        return (helo == null || helo.isEmpty() ? "" : "(" + helo + ") ") + "[" + ip + "]:" + port;
    }

    private static void base62(StringBuilder b, long v, int width) {
        char[] c = new char[width];
        long x = Math.abs(v);
        for (int i = width - 1; i >= 0; i--) {
            c[i] = B62[(int) (x % 62)];
            x /= 62;
        }
        b.append(c);
    }
}
