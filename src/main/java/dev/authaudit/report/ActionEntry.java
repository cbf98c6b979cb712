package dev.authaudit.report;

import java.time.OffsetDateTime;

/**
 * One firewall decision, for the report's {@code actions} array (an addition to report-v1, written only
 * when there are actions).
 *
 * @param at when it was decided or run
 * @param ip the blocked address
 * @param kind {@code lift} or {@code allow}
 * @param status {@code skipped}, {@code dry_run}, {@code done}, {@code failed} or {@code timed_out}
 * @param command the csf command as an admin would type it, or null when skipped
 * @param exitCode csf's exit code, or null
 * @param reason why it was, or was not, done (may carry log-derived text: escape for display)
 */
public record ActionEntry(OffsetDateTime at, String ip, String kind, String status, String command,
                          Integer exitCode, String reason) {
}
