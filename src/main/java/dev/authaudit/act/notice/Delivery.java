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
}
