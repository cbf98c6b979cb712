package dev.authaudit.fleet;

/**
 * Told by a batch run ({@code fleet run --until-caught-up}) that its input is finished: every record on the topics
 * has been read and judged. The login step then decides the notices of its still-open periods over all of their
 * events, as {@code scan} finishes a run at the end of its files. One per instance, shared by the command and
 * that instance's tasks; a live run never sets it.
 */
final class EndOfInput {
    private volatile boolean ended;

    /** Says that the input is finished. */
    void end() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }
}
