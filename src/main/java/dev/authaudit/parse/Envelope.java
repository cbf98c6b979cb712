package dev.authaudit.parse;

/**
 * Where a line came from, read only from the places of a line that the writing program controls: its
 * container (the file format around the message), its time stamp and its program. Rules run on the
 * message alone, from {@link #messageStart}, so text a client put in the message (a login, a HELO, a
 * sender) can never choose which program's rules read the line.
 *
 * @param container the file format
 * @param program the program or process name: the syslog tag without its {@code [pid]}
 *     ({@code dovecot}, {@code postfix/smtpd}, {@code lfd}), the process name that begins a line of a
 *     daemon's own log ({@code imap-login}, {@code auth-worker}, {@code fail2ban.actions}), {@code exim}
 *     for Exim's mainlog, {@code csf} for CSF's state files; null when the line has none
 * @param messageStart where the message (what the rules read) begins
 * @param stamp the line's time stamp, or null
 */
public record Envelope(Container container, String program, int messageStart, Stamp stamp) {

    /** The file formats a line can come in. */
    public enum Container {
        /** Exim's own mainlog: {@code 2024-03-21 19:26:06 [pid] message}. */
        EXIM_MAINLOG("exim-mainlog"),
        /**
         * A daemon's own log file, where the process name follows the stamp without a host: Dovecot's
         * {@code log_path} ({@code Dec 06 12:00:00 imap-login: Info: ...}, also under multilog),
         * fail2ban's log ({@code 2024-05-06 07:08:09,010 fail2ban.actions [812]: ...}).
         */
        OWN_LOG("own-log"),
        /** syslog (RFC 3164, RFC 3339 stamps, RFC 5424), the journal's short formats, multilog with a tag. */
        SYSLOG("syslog"),
        /** CSF's state files (csf.deny, csf.tempban, csf.tempip). */
        CSF_STATE("csf-state"),
        /** No container we know: no program can be named, so no rule reads the line. */
        NONE("none");

        private final String word;

        Container(String word) {
            this.word = word;
        }

        /** Returns the word rule files and reports use. */
        public String word() {
            return word;
        }
    }

    static final Envelope NONE = new Envelope(Container.NONE, null, 0, null);
}
