/**
 * The second stage: reads a line's prefix (Exim, syslog, RFC 3339, TAI64N and fail2ban time stamps,
 * host and program), resolves the year of year-less syslog stamps, and runs the
 * {@link dev.authaudit.rules.RuleSet} over the message to build {@link dev.authaudit.event.LogEvent}s.
 * Cheap literal gates run before any regex, so most lines of a busy server cost one scan.
 */
package dev.authaudit.parse;
