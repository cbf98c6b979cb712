package dev.authaudit.act.firewall;

import java.time.Instant;

/**
 * One recorded firewall decision, for the state and the report's {@code actions} array.
 *
 * @param id the row id
 * @param blockId the lfd block it answers
 * @param at when it was decided or run
 * @param kind {@code lift} or {@code allow}
 * @param ip the address
 * @param command the csf command as an admin would type it, or null when skipped
 * @param status what became of it
 * @param exitCode csf's exit code, or null
 * @param output the start of csf's output, or an error text
 * @param reason why it was (or was not) done
 */
public record ActionRecord(long id, long blockId, Instant at, String kind, String ip, String command,
                           ActionStatus status, Integer exitCode, String output, String reason) {
}
