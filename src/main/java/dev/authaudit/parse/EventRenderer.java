package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;

/**
 * Turns events into their output text on the threads that parse them ({@code authaudit parse}'s JSON
 * Lines), so that the one thread which writes the output in order only copies finished text. Must be
 * safe to use from several threads at once; each {@link Batch} is used by one thread.
 */
public interface EventRenderer {
    /** Starts the text of a run of events, one buffer for all of them. */
    Batch batch();

    /** The text of a run of events, appended one after the other. */
    interface Batch {
        /** Appends one event's text (its newline included) and returns the length of the text so far. */
        int add(LogEvent event);

        /** Returns everything appended: the first characters of the array (up to the last end returned). */
        char[] text();
    }

    /** Receives the text of each event, in order, as a slice of a larger string. */
    @FunctionalInterface
    interface TextSink {
        void accept(char[] text, int start, int end);
    }
}
