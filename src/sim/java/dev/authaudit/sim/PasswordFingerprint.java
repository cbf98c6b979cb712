package dev.authaudit.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Computes Dovecot's {@code auth_verbose_passwords = sha1:N} fingerprint of a password. */
final class PasswordFingerprint {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PasswordFingerprint() {
    }

    /** Returns the first {@code digits} hex digits of the SHA-1 of the password. */
    static String sha1Prefix(String password, int digits) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[digits];
            for (int i = 0; i < digits; i++) {
                int v = h[i / 2] & 0xff;
                out[i] = HEX[i % 2 == 0 ? v >>> 4 : v & 0x0f];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
