package dev.authaudit.sim;

/**
 * Which csf/lfd build reads the logs; they differ in which Dovecot wordings they count
 * (field notes section 2, "Counting").
 */
public enum LfdFlavour {
    /** cPanel's fork (16.x): misses {@code Login aborted: ... (auth_failed)} and {@code Too many invalid commands}. */
    CPANEL_CSF_16,
    /** The Aetherinox fork (15.x): counts both of those wordings. */
    AETHERINOX_15
}
