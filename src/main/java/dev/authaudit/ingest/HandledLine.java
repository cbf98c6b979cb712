package dev.authaudit.ingest;

/**
 * One line {@code watch} handed to the auditor, kept (with {@code --trace-handled}) in the same
 * transaction as the checkpoint that covers it, so a fault-injection run can count lines written
 * against lines handled: a line recorded twice was counted twice, a line never recorded was lost.
 *
 * @param path the followed path
 * @param text the line as read
 * @param events the events it gave
 */
public record HandledLine(String path, String text, int events) {
}
