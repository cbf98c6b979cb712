package dev.authaudit.tune;

/**
 * The numeric csf.conf keys the lfd model reads; each is named exactly as in csf.conf. LF_PARSE is not
 * read from csf.conf (authaudit's reader does not keep it) and stays at its default of 5 seconds.
 */
public enum LfdKey {
    LF_SMTPAUTH, LF_SMTPAUTH_PERM, LF_IMAPD, LF_IMAPD_PERM, LF_POP3D, LF_POP3D_PERM, LF_INTERVAL,
    LF_TRIGGER, LF_TRIGGER_PERM, PS_INTERVAL, PS_LIMIT, PS_DIVERSITY, PS_BLOCK_TIME, PS_PERMANENT,
    LF_PERMBLOCK, LF_PERMBLOCK_INTERVAL, LF_PERMBLOCK_COUNT, LF_PARSE
}
