package dev.authaudit.report;

import java.time.OffsetDateTime;

/**
 * A customer notice this run sent, drafted or held back.
 *
 * @param to the recipient, or null when none is known (a suppressed notice)
 * @param reason why it was sent or held back
 */
public record NoticeEntry(String account, String to, NoticeStatus status, OffsetDateTime at, String reason) {
}
