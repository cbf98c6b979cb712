package dev.authaudit.act.notice;

import java.time.Instant;

/**
 * One report-v1 {@code notices[]} item.
 *
 * @param account the login the notice is about
 * @param to the recipient, or null when none was found
 * @param status {@code sent}, {@code drafted} (a draft, or still in the outbox) or {@code suppressed}
 * @param at when it was sent or drafted, or when it was decided
 * @param reason why it was sent or held back, and how long before the firewall's block it went out
 */
public record NoticeEntry(String account, String to, String status, Instant at, String reason) {
}
