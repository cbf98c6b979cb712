package dev.authaudit.act.notice;

/** How notices leave: written as {@code .eml} drafts for an admin to read (the default), or sent. */
public enum DeliveryMode {
    /** Write one {@code .eml} file per notice to the drafts folder; mail nobody. */
    DRAFTS,
    /** Deliver through the configured SMTP server. */
    SEND;

    /** Returns the command-line word ({@code drafts}, {@code send}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
