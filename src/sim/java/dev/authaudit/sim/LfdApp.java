package dev.authaudit.sim;

/** The lfd login-failure applications the simulation models, with their log wording and trigger. */
enum LfdApp {
    SMTPAUTH("smtpauth", "Failed SMTP AUTH login from", "LF_SMTPAUTH"),
    IMAPD("imapd", "Failed IMAP login from", "LF_IMAPD"),
    POP3D("pop3d", "Failed POP3 login from", "LF_POP3D");

    private final String tag;
    private final String reason;
    private final String trigger;

    LfdApp(String tag, String reason, String trigger) {
        this.tag = tag;
        this.reason = reason;
        this.trigger = trigger;
    }

    String tag() {
        return tag;
    }

    String reason() {
        return reason;
    }

    String trigger() {
        return trigger;
    }

    int threshold(CsfSettings c) {
        return this == SMTPAUTH ? c.lfSmtpAuth() : this == IMAPD ? c.lfImapd() : c.lfPop3d();
    }

    int perm(CsfSettings c) {
        return this == SMTPAUTH ? c.lfSmtpAuthPerm() : this == IMAPD ? c.lfImapdPerm() : c.lfPop3dPerm();
    }
}
