package dev.authaudit.parse;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps plaintext passwords out of everything we write. Dovecot with
 * {@code auth_verbose_passwords = plain} logs {@code (given password: secret)}; the redactor cuts the
 * value out of the line before any rule sees it and keeps only a keyed HMAC fingerprint, which still
 * tells one repeated stale password from many guessed ones.
 */
public final class PasswordRedactor {
    static final String MARK = "given password: ";
    /** auth_verbose_passwords=sha1 writes "(SHA1 of given password: hex)": a hash, not the password. */
    private static final String SHA1_OF = "SHA1 of ";
    /** What stands in the line where the password was. */
    public static final String REDACTED = "<redacted>";

    private final SecretKeySpec key;

    /**
     * @param key the installation's secret (kept in the state folder); the same key gives the same
     *     fingerprints across runs
     */
    public PasswordRedactor(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the fingerprint key must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A line with its plaintext password removed, and that password (null when there was none). */
    public record Redacted(String text, String password) {
    }

    /**
     * Returns the line with any plaintext password replaced by {@link #REDACTED}. A line without one is
     * returned as is (same instance).
     */
    public Redacted redact(String line) {
        int at = line.indexOf(MARK);
        while (at >= 0 && line.startsWith(SHA1_OF, at - SHA1_OF.length())) {
            at = line.indexOf(MARK, at + MARK.length());
        }
        if (at < 0) {
            return new Redacted(line, null);
        }
        int start = at + MARK.length();
        if (line.startsWith(REDACTED, start)) {
            return new Redacted(line, null);
        }
        // Dovecot closes the parenthesis at the end of the line (or before " - trying the next passdb");
        // a password may itself contain ')'. The first such ')' ends it, so a marker typed into a login
        // earlier in the line cannot swallow the server's fields that follow the login.
        int end = closing(line, start);
        String password = line.substring(start, end);
        String text = line.substring(0, start) + REDACTED + line.substring(end);
        return new Redacted(text, password);
    }

    private static final String NEXT_PASSDB = " - trying the next passdb";

    /** Returns the ')' that closes the password: followed only by blanks, or by " - trying the next passdb". */
    private static int closing(String line, int start) {
        for (int e = line.indexOf(')', start); e >= 0; e = line.indexOf(')', e + 1)) {
            int after = e + 1;
            if (line.startsWith(NEXT_PASSDB, after)) {
                after += NEXT_PASSDB.length();
            }
            if (line.substring(after).isBlank()) {
                return e;
            }
        }
        return line.length();
    }

    /**
     * Returns a short keyed fingerprint of a password for one login: equal for equal passwords of the
     * same login, meaningless without the key.
     */
    public String fingerprint(String account, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((account == null ? "" : account).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] h = mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder("k");
            for (int i = 0; i < 4; i++) {
                sb.append(Character.forDigit((h[i] >> 4) & 0xf, 16)).append(Character.forDigit(h[i] & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
