/**
 * The normalized events of {@code events-v1}: one immutable record per event type, and the single
 * JSON codec that writes them. Every later stage (correlate, classify, act, report) consumes these
 * records and nothing else from the parser.
 */
package dev.authaudit.event;
