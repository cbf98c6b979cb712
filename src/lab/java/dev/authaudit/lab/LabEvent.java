package dev.authaudit.lab;

import java.time.Instant;

/**
 * Something a scripted device did, for the lab's live output and the end-to-end test.
 *
 * @param at lab time
 * @param who the device's name
 * @param what what it did ("submitted as alice@example.com with the old password")
 * @param outcome how it went, or null for a step that is not a submission (a password change)
 */
public record LabEvent(Instant at, String who, String what, MailClient.Outcome outcome) {
}
