package dev.authaudit.act;

/**
 * An action that could not be carried out (an SMTP server that refused or could not be reached, a
 * folder that could not be written). The message says what failed and what to change; {@link
 * #transientFailure()} tells a dispatcher whether trying again later can help.
 */
public final class ActionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final boolean possiblyDone;

    /**
     * Creates an exception.
     *
     * @param message what failed and what to do about it
     * @param transientFailure true when the same action may succeed later unchanged
     * @param cause the underlying failure, or null
     */
    public ActionException(String message, boolean transientFailure, Throwable cause) {
        this(message, transientFailure, false, cause);
    }

    /**
     * Creates an exception for an action whose outcome is not known.
     *
     * @param possiblyDone true when the action may have taken effect although it failed (a mail server
     *     that stored a message and lost the connection before it could answer)
     */
    public ActionException(String message, boolean transientFailure, boolean possiblyDone, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.possiblyDone = possiblyDone;
    }

    /** Returns true when retrying later, unchanged, may succeed (server down, timeout, 4xx). */
    public boolean transientFailure() {
        return transientFailure;
    }

    /** Returns true when the action may have taken effect although it reported a failure. */
    public boolean possiblyDone() {
        return possiblyDone;
    }
}
