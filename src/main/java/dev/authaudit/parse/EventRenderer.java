package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;

/**
 * Turns events into their output text, UTF-8 encoded, on the threads that parse them ({@code authaudit
 * parse}'s JSON Lines), so that the one thread which writes the output in order only copies finished
 * bytes. Must be safe to use from several threads at once; each {@link Batch} is used by one thread.
 */
public interface EventRenderer {
    /** Starts the text of a run of events, one buffer for all of them. */
    Batch batch();

    /**
     * Takes back the text of a batch that is written out (see {@link TextSink}), for a later batch
     * to fill again; by default it is left to the garbage collector.
     */
    default void release(byte[] text) {
    }

    /** The text of a run of events, appended one after the other. */
    interface Batch {
        /** Appends one event's text (its newline included) and returns the length of the text so far. */
        int add(LogEvent event);

        /** Returns everything appended: the first bytes of the array (up to the last end returned). */
        byte[] text();
    }

    /**
     * Receives the text of each event, in order, as a slice of a larger array. A slice must be written
     * (or copied) by the time a slice of a later batch's array has been accepted: the array of a batch
     * two batches back may be filled again.
     */
    @FunctionalInterface
    interface TextSink {
        void accept(byte[] text, int start, int end);
    }
}
