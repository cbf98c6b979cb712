package dev.authaudit.tune;

import java.util.Locale;

/**
 * Which csf/lfd build reads the logs. They share log formats but not every pattern (FIELD-NOTES
 * section 2, "Counting").
 */
public enum LfdFlavour {
    /** cPanel's fork (16.x): misses Dovecot's {@code Login aborted: ... (auth_failed)} and
     *  {@code Too many invalid commands} wordings, and reads only Exim for SMTP AUTH. */
    CPANEL_CSF_16,
    /** The Aetherinox fork (15.x), like the last Way to the Web release: counts those wordings and
     *  Postfix SASL failures too. */
    AETHERINOX_15;

    /** Returns the option word, e.g. {@code cpanel-csf-16}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
