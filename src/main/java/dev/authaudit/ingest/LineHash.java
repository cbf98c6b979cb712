package dev.authaudit.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes the raw bytes of a line (terminator included) for checkpoints: 16 hex digits of SHA-256,
 * enough to tell a refilled file from the one a checkpoint was taken on.
 */
public final class LineHash {
    private LineHash() {
    }

    /** Returns the hash of {@code bytes[0, length)}. */
    public static String of(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
