package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;

/**
 * The last failure time of one login from one address, per protocol, so the next failure yields a
 * polling gap. Expires in event time: a gap longer than the window is no polling rhythm anyway. The
 * first few of an address live in its {@link IpSummary}, which expires them itself; more go to the
 * store's pair window table. Opaque outside this package.
 */
public final class PairWindow {
    final String login;
    /**
     * The last failure per protocol (-1 for none), as fields rather than an array: one object fewer for each
     * address in the table.
     */
    private long smtpMs = -1;
    private long imapMs = -1;
    private long pop3Ms = -1;
    private long otherMs = -1;
    /** Failures of the pair while the window stayed alive. */
    long failures;
    /** The first of them, or -1. */
    long firstFailureMs = -1;
    /** When it was last used, on the correlator's clock (for the idle expiry of one held in a summary). */
    long usedMs;

    PairWindow(String login) {
        this.login = login;
    }

    /** Records a failure and returns the gap in ms since the previous one on that protocol, or -1. */
    long failure(Protocol protocol, long ms) {
        if (firstFailureMs < 0 || ms < firstFailureMs) {
            firstFailureMs = ms;
        }
        long previous;
        switch (protocol) {
            case SMTP -> {
                previous = smtpMs;
                smtpMs = Math.max(previous, ms);
            }
            case IMAP -> {
                previous = imapMs;
                imapMs = Math.max(previous, ms);
            }
            case POP3 -> {
                previous = pop3Ms;
                pop3Ms = Math.max(previous, ms);
            }
            default -> {
                previous = otherMs;
                otherMs = Math.max(previous, ms);
            }
        }
        return previous < 0 ? -1 : Math.max(0, ms - previous);
    }

    /** Returns a window in the same state, which then changes on its own (a fork of the correlator). */
    PairWindow copy() {
        PairWindow c = new PairWindow(login);
        c.smtpMs = smtpMs;
        c.imapMs = imapMs;
        c.pop3Ms = pop3Ms;
        c.otherMs = otherMs;
        c.failures = failures;
        c.firstFailureMs = firstFailureMs;
        c.usedMs = usedMs;
        return c;
    }
}
