package dev.authaudit.tune;

/** Whether lfd's own patterns count a mail log line, which depends on the lfd build for some wordings. */
public enum Reading {
    /** Every lfd build counts the line. */
    COUNTED,
    /** Only the 15.x builds count it (cpanel-csf 16 has no pattern for the wording). */
    COUNTED_BY_15X,
    /** No lfd build counts it. */
    NOT_COUNTED;

    /** Returns true when the given build counts a line read this way. */
    public boolean countedBy(LfdFlavour flavour) {
        return this == COUNTED || (this == COUNTED_BY_15X && flavour == LfdFlavour.AETHERINOX_15);
    }
}
