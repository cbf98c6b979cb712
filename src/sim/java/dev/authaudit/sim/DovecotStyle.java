package dev.authaudit.sim;

import java.util.SplittableRandom;

/**
 * How the simulated Dovecot writes its lines (field notes 1.3 and 1.4).
 *
 * @param version {@code 2.2}, {@code 2.3}, {@code 2.3-late} (2.3.21+, {@code Login aborted} wording) or {@code 2.4}
 * @param passdb the passdb driver named in detail lines: {@code sql}, {@code passwd-file} or {@code pam}
 * @param authVerbose auth_verbose = yes: one detail line per failed passdb lookup
 * @param sha1Digits auth_verbose_passwords = sha1:N; 0 = no password fingerprint
 * @param pidInPrefix {@code dovecot[pid]:} instead of {@code dovecot:} in the syslog prefix
 */
public record DovecotStyle(String version, String passdb, boolean authVerbose, int sha1Digits,
                           boolean pidInPrefix) {
    public DovecotStyle {
        if (!version.equals("2.2") && !version.equals("2.3") && !version.equals("2.3-late")
                && !version.equals("2.4")) {
            throw new IllegalArgumentException("version was " + version + ", must be 2.2, 2.3, 2.3-late or 2.4");
        }
        if (sha1Digits < 0 || sha1Digits > 40) {
            throw new IllegalArgumentException("sha1Digits was " + sha1Digits + ", must be 0..40");
        }
    }

    /** Returns true when the passdb runs in auth-worker processes (sql, pam) rather than in auth. */
    public boolean worker() {
        return !passdb.equals("passwd-file");
    }

    /** Returns true for versions that write {@code Login aborted: ... (auth_failed)}. */
    public boolean loginAborted() {
        return version.equals("2.3-late") || version.equals("2.4");
    }

    /** Returns a Dovecot 2.3 with sql passdb, auth_verbose and sha1:7 fingerprints. */
    public static DovecotStyle typical() {
        return new DovecotStyle("2.3", "sql", true, 7, false);
    }

    /** Picks one of several realistic versions and settings. */
    public static DovecotStyle random(SplittableRandom rng) {
        String[] versions = {"2.2", "2.3", "2.3", "2.3-late", "2.4"};
        String[] passdbs = {"sql", "passwd-file", "pam", "sql"};
        String v = versions[rng.nextInt(versions.length)];
        String p = passdbs[rng.nextInt(passdbs.length)];
        boolean verbose = rng.nextInt(5) != 0;
        int sha = verbose && rng.nextInt(3) != 0 ? 6 + rng.nextInt(2) : 0;
        return new DovecotStyle(v, p, verbose, sha, rng.nextBoolean());
    }
}
