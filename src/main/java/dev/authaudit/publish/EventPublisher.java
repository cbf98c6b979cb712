package dev.authaudit.publish;

import dev.authaudit.event.LogEvent;

/**
 * Where {@code watch --publish} sends the events it reads. {@link #send} may buffer; {@link #flush} returns
 * only when every event sent so far is stored by the other side, and throws when one is not: {@code watch}
 * flushes before it saves a checkpoint, so a line whose event was not stored is read again.
 */
public interface EventPublisher extends AutoCloseable {
    /** Hands one event over (it may still be in flight). */
    void send(LogEvent event);

    /**
     * Waits until every event handed over is stored by the receiver.
     *
     * @throws PublishException when one could not be stored
     */
    void flush();

    @Override
    void close();

    /** Makes publishers for the URIs of one scheme; found by {@link java.util.ServiceLoader}. */
    interface Factory {
        /** The URI scheme this factory serves ({@code kafka}). */
        String scheme();

        /**
         * Opens a publisher for the URI.
         *
         * @throws PublishException when the URI is not usable (says what to fix)
         */
        EventPublisher open(java.net.URI uri);
    }
}
