package dev.authaudit.sim;

/**
 * A mail client as it behaves on the wire: which SASL mechanism it uses, what it sends as HELO, how
 * many connections it opens per check, and what it does after an authentication failure.
 */
enum ClientProfile {
    IOS_MAIL("PLAIN", Helo.LITERAL, 1, 1.0, 0, new int[] {15, 30, 5}),
    ANDROID_GMAIL("PLAIN", Helo.LOCALHOST, 1, 2.0, 3600, new int[] {15, 30}),
    SAMSUNG_EMAIL("LOGIN", Helo.LITERAL, 1, 1.0, 0, new int[] {5, 10, 15, 30}),
    OUTLOOK("LOGIN", Helo.NETBIOS, 2, 1.0, 0, new int[] {5, 10, 30, 30}),
    THUNDERBIRD("PLAIN", Helo.LITERAL, 2, 1.0, 0, new int[] {10, 5, 2}),
    APPLE_MAIL("PLAIN", Helo.LITERAL, 1, 1.5, 1800, new int[] {1, 5, 15});

    /** What the client sends as EHLO argument. */
    enum Helo { LITERAL, LOCALHOST, NETBIOS }

    final String mech;
    final Helo helo;
    final int connectionsPerCheck;
    final double backoff;
    final int backoffCapSeconds;
    final int[] pollMinutes;

    ClientProfile(String mech, Helo helo, int connectionsPerCheck, double backoff, int backoffCapSeconds,
                  int[] pollMinutes) {
        this.mech = mech;
        this.helo = helo;
        this.connectionsPerCheck = connectionsPerCheck;
        this.backoff = backoff;
        this.backoffCapSeconds = backoffCapSeconds;
        this.pollMinutes = pollMinutes.clone();
    }

    /** Returns true for clients that run on phones and tablets. */
    boolean mobile() {
        return this == IOS_MAIL || this == ANDROID_GMAIL || this == SAMSUNG_EMAIL;
    }
}
