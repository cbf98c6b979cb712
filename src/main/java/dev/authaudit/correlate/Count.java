package dev.authaudit.correlate;

/**
 * A value and how often it was seen (a login tried from an address, a password fingerprint).
 *
 * @param value the value
 * @param count how often
 */
public record Count(String value, long count) {
}
