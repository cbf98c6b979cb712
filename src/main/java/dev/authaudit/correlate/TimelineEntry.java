package dev.authaudit.correlate;

import java.time.Instant;

/**
 * One event in the story of an explained address or login.
 *
 * @param type the events-v1 type word
 * @param summary what happened, in words (log-derived text inside is attacker-controlled: escape it)
 * @param file the log file, from the event's origin
 * @param line the 1-based line number
 */
public record TimelineEntry(Instant time, String type, String summary, String file, long line) {
}
