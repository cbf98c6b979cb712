package dev.authaudit.sim;

import java.util.SplittableRandom;

/** The mail software versions a simulated host runs, which decide the line shapes it writes. */
public record ServerSoftware(EximStyle exim, DovecotStyle dovecot) {
    /** Picks Exim and Dovecot styles from the random source. */
    public static ServerSoftware random(SplittableRandom rng) {
        return new ServerSoftware(EximStyle.random(rng), DovecotStyle.random(rng));
    }
}
