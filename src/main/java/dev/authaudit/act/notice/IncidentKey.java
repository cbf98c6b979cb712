package dev.authaudit.act.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Derives the incident key: one value per (account, device network, episode), stable across a crash,
 * a restart and a second replay of the same logs.
 *
 * <p>An <em>episode</em> of a login on a network starts at its first failure after either a successful
 * login of that login from that network or a quiet gap with no failure from it (the classifier's
 * episode gap; 24 hours is a good default). The episode is named by that first failure's event time,
 * which the same logs always reproduce. A new episode gives a new key, so a customer who fixes the
 * phone and breaks it again weeks later can be told again.
 */
public final class IncidentKey {
    private IncidentKey() {
    }

    /**
     * Returns {@code inc-} and 20 hex digits of SHA-256 over the lower-cased account, the network and
     * the episode start in epoch seconds.
     *
     * @param account the login, lower-cased
     * @param network the device network ({@link DeviceSeen#network()})
     * @param episodeStart the event time of the episode's first failure
     */
    public static String of(String account, String network, Instant episodeStart) {
        String material = account + '\0' + network + '\0' + episodeStart.getEpochSecond();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "inc-" + HexFormat.of().formatHex(d, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
