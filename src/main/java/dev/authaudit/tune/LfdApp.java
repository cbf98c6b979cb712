package dev.authaudit.tune;

/** The lfd login-failure applications that read mail logs, with their tag and trigger. */
public enum LfdApp {
    SMTPAUTH("smtpauth", LfdKey.LF_SMTPAUTH, LfdKey.LF_SMTPAUTH_PERM),
    IMAPD("imapd", LfdKey.LF_IMAPD, LfdKey.LF_IMAPD_PERM),
    POP3D("pop3d", LfdKey.LF_POP3D, LfdKey.LF_POP3D_PERM);

    private final String tag;
    private final LfdKey threshold;
    private final LfdKey perm;

    LfdApp(String tag, LfdKey threshold, LfdKey perm) {
        this.tag = tag;
        this.threshold = threshold;
        this.perm = perm;
    }

    /** Returns lfd's application tag, as in {@code (smtpauth) Failed SMTP AUTH login from}. */
    public String tag() {
        return tag;
    }

    /** Returns the csf.conf key holding the threshold, which is also the block line's trigger. */
    public LfdKey threshold() {
        return threshold;
    }

    /** Returns the csf.conf key saying whether the block is permanent (1) or lasts N seconds. */
    public LfdKey perm() {
        return perm;
    }
}
