package dev.authaudit.act.notice;

import dev.authaudit.act.ActionException;
import jakarta.mail.internet.MimeMessage;

/** Where a composed notice goes: an SMTP server ({@link SmtpDelivery}) or a drafts folder ({@link DraftFolder}). */
public interface Delivery {
    /**
     * Hands over {@code message}; returns only once it is accepted (by the SMTP server, or on disk).
     *
     * @param noticeId the ledger id, for file names and log lines
     * @param message the composed notice
     * @return where it went, in words for the ledger ({@code accepted by mail.example.com:587})
     * @throws ActionException when it was not accepted; {@link ActionException#transientFailure()}
     *     says whether a later attempt may succeed
     */
    String deliver(long noticeId, MimeMessage message);

    /**
     * Hands over {@code message} and calls {@code accepted} with where it went as soon as it is accepted,
     * before anything else is done with the connection: the caller records the delivery there, so a
     * process killed while the connection is being closed does not send it again.
     *
     * @throws ActionException as {@link #deliver(long, MimeMessage)}; nothing was accepted then
     */
    default void deliver(long noticeId, MimeMessage message, java.util.function.Consumer<String> accepted) {
        accepted.accept(deliver(noticeId, message));
    }
}
